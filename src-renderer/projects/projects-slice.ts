/**
 * The projects and phases cache of the workspace (life cycle: workspace/workspace-slice.ts). Phases
 * live with their project: deleting a project drops its phases from the cache too.
 */
import type { StateCreator } from 'zustand';
import type { Phase } from '../domain/phase.ts';
import type { Project } from '../domain/project.ts';
import { createProject, type NewProject, type ProjectPatch, removeProject, updateProject } from '../vault/repos/projects.ts';
import { createPhase, type NewPhase, type PhasePatch, updatePhase } from '../vault/repos/phases.ts';
import { repoContext } from '../vault/session/runtime.ts';
import { byName, upsert } from '../workspace/sorted-lists.ts';

export interface ProjectsSlice {
  /** Every project, by name. */
  projects: Project[];
  /** Every phase, by project and then its order. */
  phases: Phase[];
  saveProject: (input: NewProject, id?: string) => Promise<Project>;
  deleteProject: (id: string) => Promise<void>;
  patchProject: (id: string, patch: ProjectPatch) => Promise<Project>;
  addPhase: (input: NewPhase) => Promise<Phase>;
  patchPhase: (id: string, patch: PhasePatch) => Promise<Phase>;
}

export const EMPTY_PROJECTS = { projects: [], phases: [] } satisfies Partial<ProjectsSlice>;

export const byPhase = (a: Phase, b: Phase) => a.projectId.localeCompare(b.projectId) || a.order - b.order || a.id.localeCompare(b.id);

export const createProjectsSlice: StateCreator<ProjectsSlice, [], [], ProjectsSlice> = (set, get) => ({
  ...EMPTY_PROJECTS,
  saveProject: async (input, id) => {
    const { clientId: _fixed, ...patch } = input;
    const project = id === undefined ? await createProject(repoContext(), input) : await updateProject(repoContext(), id, patch);
    set({ projects: upsert(get().projects, project, byName) });
    return project;
  },
  patchProject: async (id, patch) => {
    const project = await updateProject(repoContext(), id, patch);
    set({ projects: upsert(get().projects, project, byName) });
    return project;
  },
  deleteProject: async (id) => {
    await removeProject(repoContext(), id);
    set({ projects: get().projects.filter((p) => p.id !== id), phases: get().phases.filter((p) => p.projectId !== id) });
  },
  addPhase: async (input) => {
    const phase = await createPhase(repoContext(), input);
    set({ phases: upsert(get().phases, phase, byPhase) });
    return phase;
  },
  patchPhase: async (id, patch) => {
    const phase = await updatePhase(repoContext(), id, patch);
    set({ phases: upsert(get().phases, phase, byPhase) });
    return phase;
  },
});
