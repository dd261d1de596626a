/** Projects: work for one client. `clientId` is fixed at creation (it selects the key). */
import { Dexie } from 'dexie';
import { type Project, projectFields, type ProjectStatus } from '../../domain/project.ts';
import { clientDef, projectDef } from './defs.ts';
import type { RepoContext } from './context.ts';
import { RepoError } from './errors.ts';
import { getOne, insertOne, liveRecords, newId, parsePatch, parseRecord, patchOne, readTx, removeOne, requireParent, writeTx } from './entity-repo.ts';

/** Input of {@link createProject}; `currency` defaults to the client's, `billing` to its default hourly rate. */
export type NewProject = Omit<Project, 'id' | 'createdAt' | 'updatedAt' | 'currency' | 'billing' | 'notes' | 'status'> &
  Partial<Pick<Project, 'id' | 'currency' | 'billing' | 'notes' | 'status'>>;

/** Input of {@link updateProject}; `undefined` removes an optional field. */
export type ProjectPatch = Partial<Omit<Project, 'id' | 'clientId' | 'createdAt' | 'updatedAt'>>;

const patchSchema = projectFields.omit({ id: true, clientId: true, createdAt: true, updatedAt: true }).partial();

/** Creates a project for an existing client. */
export function createProject(ctx: RepoContext, input: NewProject): Promise<Project> {
  return writeTx(ctx, projectDef.what, ['clients', 'projects'], async (log) => {
    const client = await requireParent(ctx, clientDef, input.clientId);
    const now = ctx.now();
    const project = parseRecord(projectDef, {
      status: 'lead',
      notes: '',
      currency: client.currency,
      billing: { kind: 'hourly', rateMinor: client.defaultRateMinor },
      ...input,
      id: input.id ?? newId(),
      createdAt: now,
      updatedAt: now,
    });
    return insertOne(ctx, projectDef, log, project);
  });
}

/** Changes some fields of a project. */
export function updateProject(ctx: RepoContext, id: string, patch: ProjectPatch): Promise<Project> {
  return writeTx(ctx, projectDef.what, ['projects'], (log) => patchOne(ctx, projectDef, log, id, parsePatch('project', patchSchema, patch)));
}

/** Tables whose rows point to a project through `projectId`. */
const PROJECT_CHILDREN = ['phases', 'experiments', 'expenses', 'killSwitches'] as const;

/**
 * Deletes a project (tombstone). Refused with 'has-dependents' while phases, time blocks,
 * experiments, expenses or kill switches point to it; setting its status to done or cancelled is
 * the usual way to close it. Tombstones carry no `projectId`, so these counts are of live rows
 * (and of rows that no longer decrypt, which still point to it).
 */
export function removeProject(ctx: RepoContext, id: string): Promise<void> {
  return writeTx(ctx, projectDef.what, ['projects', 'timeBlocks', ...PROJECT_CHILDREN], async (log) => {
    let dependents = await ctx.db.timeBlocks.where('[projectId+day]').between([id, Dexie.minKey], [id, Dexie.maxKey]).count();
    for (const table of PROJECT_CHILDREN) dependents += await ctx.db[table].where('projectId').equals(id).count();
    if (dependents > 0) {
      throw new RepoError(
        'has-dependents',
        `This project still has ${dependents} time block(s), phase(s), experiment(s), expense(s) or kill switch(es). ` +
          'Delete them first, or mark the project done or cancelled instead.',
      );
    }
    await removeOne(ctx, projectDef, log, id);
  });
}

/** The project `id`; RepoError 'not-found' or 'unreadable'. */
export function getProject(ctx: RepoContext, id: string): Promise<Project> {
  return getOne(ctx, projectDef, id);
}

/** Filters of {@link listProjects}. */
export interface ProjectFilter {
  clientId?: string;
  /** Only projects in one of these states. */
  status?: readonly ProjectStatus[];
}

/** Projects sorted by name; by client through the clear `clientId` index. */
export function listProjects(ctx: RepoContext, filter: ProjectFilter = {}): Promise<Project[]> {
  return readTx(projectDef.what, async () => {
    const rows = filter.clientId === undefined ? await ctx.db.projects.toArray() : await ctx.db.projects.where('clientId').equals(filter.clientId).toArray();
    return liveRecords(rows)
      .filter((p) => filter.status === undefined || filter.status.includes(p.status))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  });
}
