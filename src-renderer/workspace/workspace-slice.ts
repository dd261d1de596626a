/**
 * The unlocked workspace as the screens see it: a cache of clients, projects, phases and time
 * blocks, read once after unlock and kept current by the writes made here. Every write goes
 * through a repository (validation, encryption, change log); the cache is updated only with what
 * the repository returned, so the screens never show anything that was not stored.
 *
 * Cleared on lock (see store.ts): decrypted records must not outlive the keys.
 * Write actions throw RepoError; forms show its message.
 */
import type { StateCreator } from 'zustand';
import type { Client } from '../domain/client.ts';
import type { Phase } from '../domain/phase.ts';
import type { Project } from '../domain/project.ts';
import type { TimeBlock } from '../domain/time-block.ts';
import { type ClientPatch, createClient, listClients, type NewClient, updateClient } from '../vault/repos/clients.ts';
import { createProject, listProjects, type NewProject, removeProject, updateProject } from '../vault/repos/projects.ts';
import { listPhases } from '../vault/repos/phases.ts';
import {
  createTimeBlock,
  createTimeBlocks,
  listTimeBlocks,
  type NewTimeBlock,
  removeTimeBlock,
  type TimeBlockPatch,
  updateTimeBlock,
} from '../vault/repos/time-blocks.ts';
import { repoContext } from '../vault/session/runtime.ts';
import { RepoError } from '../vault/repos/errors.ts';
import type { TimerBlock } from '../../src-preload/contract/index.ts';

/** Where the cache stands. */
export type WorkspaceStatus = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string };

export interface WorkspaceSlice {
  workspace: WorkspaceStatus;
  clients: Client[];
  projects: Project[];
  phases: Phase[];
  /** Every live time block, sorted by start. */
  blocks: TimeBlock[];
  loadWorkspace: () => Promise<void>;
  /** Drops every decrypted record (on lock). */
  clearWorkspace: () => void;
  saveClient: (input: NewClient, id?: string) => Promise<Client>;
  patchClient: (id: string, patch: ClientPatch) => Promise<Client>;
  saveProject: (input: NewProject, id?: string) => Promise<Project>;
  deleteProject: (id: string) => Promise<void>;
  addBlock: (input: NewTimeBlock) => Promise<TimeBlock>;
  addBlocks: (inputs: readonly NewTimeBlock[]) => Promise<TimeBlock[]>;
  patchBlock: (id: string, patch: TimeBlockPatch) => Promise<TimeBlock>;
  /** Deletes and returns the block, so that the caller can offer undo (re-create it). */
  deleteBlock: (id: string) => Promise<TimeBlock>;
  /**
   * Stores a block the timer recorded, under the timer's id. Idempotent: a block already stored
   * (the acknowledgement to main was lost) counts as stored, so main may re-send it safely.
   */
  storeTimerBlock: (block: TimerBlock, zone: string) => Promise<void>;
}

const EMPTY = { clients: [], projects: [], phases: [], blocks: [] } satisfies Partial<WorkspaceSlice>;

const byName = <T extends { name: string; id: string }>(a: T, b: T) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
const byStart = (a: TimeBlock, b: TimeBlock) => a.start - b.start || a.id.localeCompare(b.id);

function upsert<T extends { id: string }>(list: readonly T[], item: T, order: (a: T, b: T) => number): T[] {
  return [...list.filter((x) => x.id !== item.id), item].sort(order);
}

/** Inserts into a list already sorted by start (binary search: the list can hold 100 000 blocks). */
function insertSorted(list: readonly TimeBlock[], items: readonly TimeBlock[]): TimeBlock[] {
  const next = list.slice();
  for (const item of items) {
    let lo = 0;
    let hi = next.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byStart(next[mid]!, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    next.splice(lo, 0, item);
  }
  return next;
}

export const createWorkspaceSlice: StateCreator<WorkspaceSlice, [], [], WorkspaceSlice> = (set, get) => ({
  workspace: { kind: 'idle' },
  ...EMPTY,
  loadWorkspace: async () => {
    set({ workspace: { kind: 'loading' } });
    try {
      const ctx = repoContext();
      const [clients, projects, phases, blocks] = await Promise.all([listClients(ctx), listProjects(ctx), listPhases(ctx), listTimeBlocks(ctx)]);
      set({ clients, projects, phases, blocks, workspace: { kind: 'ready' } });
    } catch (error) {
      set({ workspace: { kind: 'error', message: error instanceof Error ? error.message : String(error) } });
    }
  },
  clearWorkspace: () => set({ ...EMPTY, workspace: { kind: 'idle' } }),
  saveClient: async (input, id) => {
    const client = id === undefined ? await createClient(repoContext(), input) : await updateClient(repoContext(), id, input);
    set({ clients: upsert(get().clients, client, byName) });
    return client;
  },
  patchClient: async (id, patch) => {
    const client = await updateClient(repoContext(), id, patch);
    set({ clients: upsert(get().clients, client, byName) });
    return client;
  },
  saveProject: async (input, id) => {
    const { clientId: _fixed, ...patch } = input;
    const project = id === undefined ? await createProject(repoContext(), input) : await updateProject(repoContext(), id, patch);
    set({ projects: upsert(get().projects, project, byName) });
    return project;
  },
  deleteProject: async (id) => {
    await removeProject(repoContext(), id);
    set({ projects: get().projects.filter((p) => p.id !== id), phases: get().phases.filter((p) => p.projectId !== id) });
  },
  addBlock: async (input) => {
    const block = await createTimeBlock(repoContext(), input);
    set({ blocks: insertSorted(get().blocks, [block]) });
    return block;
  },
  addBlocks: async (inputs) => {
    const created = await createTimeBlocks(repoContext(), inputs);
    set({ blocks: insertSorted(get().blocks, [...created].sort(byStart)) });
    return created;
  },
  patchBlock: async (id, patch) => {
    const block = await updateTimeBlock(repoContext(), id, patch);
    set({ blocks: insertSorted(get().blocks.filter((b) => b.id !== id), [block]) });
    return block;
  },
  storeTimerBlock: async (block, zone) => {
    try {
      await get().addBlock({
        id: block.id,
        projectId: block.projectId,
        ...(block.phaseId ? { phaseId: block.phaseId } : {}),
        ...(block.experimentId ? { experimentId: block.experimentId } : {}),
        start: block.start,
        end: block.end,
        zone,
        kind: block.kind,
        billable: block.kind === 'deep',
        note: '',
      });
    } catch (error) {
      if (error instanceof RepoError && error.code === 'already-exists') return;
      throw error;
    }
  },
  deleteBlock: async (id) => {
    const block = get().blocks.find((b) => b.id === id);
    await removeTimeBlock(repoContext(), id);
    set({ blocks: get().blocks.filter((b) => b.id !== id) });
    // The repository found it, so the cache had it too; undo needs the record.
    return block!;
  },
});
