/** Phases of a project, ordered. */
import { Dexie } from 'dexie';
import { type Phase, phaseFields } from '../../domain/phase.ts';
import type { RepoContext } from './context.ts';
import { phaseDef } from './defs.ts';
import { RepoError } from './errors.ts';
import { getOne, liveRecords, readTx, removeOne, writeTx } from './entity-repo.ts';
import { type ChildPatch, createChild, type NewChild, updateChild } from './project-children.ts';

/** Input of {@link createPhase}; `status` defaults to planned, `exitCriteria` to empty. */
export type NewPhase = Omit<NewChild<'phases'>, 'status' | 'exitCriteria'> & Partial<Pick<Phase, 'status' | 'exitCriteria'>>;

/** Input of {@link updatePhase}; `undefined` removes an optional field. */
export type PhasePatch = ChildPatch<'phases'>;

const patchSchema = phaseFields.omit({ id: true, projectId: true, clientId: true, createdAt: true, updatedAt: true }).partial();

/** Creates a phase in an existing project. */
export function createPhase(ctx: RepoContext, input: NewPhase): Promise<Phase> {
  return createChild(ctx, phaseDef, input as NewChild<'phases'>, { status: 'planned', exitCriteria: '' });
}

/** Changes some fields of a phase. */
export function updatePhase(ctx: RepoContext, id: string, patch: PhasePatch): Promise<Phase> {
  return updateChild(ctx, phaseDef, patchSchema, id, patch);
}

/** Deletes a phase (tombstone); refused with 'has-dependents' while time blocks or experiments point to it. */
export function removePhase(ctx: RepoContext, id: string): Promise<void> {
  return writeTx(ctx, phaseDef.what, ['phases', 'timeBlocks', 'experiments'], async (log) => {
    const phase = await getOne(ctx, phaseDef, id);
    const range = [
      [phase.projectId, Dexie.minKey],
      [phase.projectId, Dexie.maxKey],
    ] as const;
    const blocks = liveRecords(
      await ctx.db.timeBlocks
        .where('[projectId+day]')
        .between(...range)
        .toArray(),
    );
    const experiments = liveRecords(await ctx.db.experiments.where('projectId').equals(phase.projectId).toArray());
    const dependents = blocks.filter((b) => b.phaseId === id).length + experiments.filter((e) => e.phaseId === id).length;
    if (dependents > 0) {
      throw new RepoError('has-dependents', `${dependents} time block(s) or experiment(s) belong to this phase. Move or delete them first.`);
    }
    await removeOne(ctx, phaseDef, log, id);
  });
}

/** The phase `id`; RepoError 'not-found' or 'unreadable'. */
export function getPhase(ctx: RepoContext, id: string): Promise<Phase> {
  return getOne(ctx, phaseDef, id);
}

/** The phases of a project in their order; of every project (grouped by project) without one. */
export function listPhases(ctx: RepoContext, projectId?: string): Promise<Phase[]> {
  const table = ctx.db.phases;
  return readTx(phaseDef.what, async () =>
    liveRecords(await (projectId === undefined ? table.toArray() : table.where('projectId').equals(projectId).toArray())).sort(
      (a, b) => a.projectId.localeCompare(b.projectId) || a.order - b.order || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    ),
  );
}
