/** Experiments of a project. */
import { Dexie } from 'dexie';
import { type Experiment, experimentFields } from '../../domain/experiment.ts';
import type { RepoContext } from './context.ts';
import { experimentDef } from './defs.ts';
import { RepoError } from './errors.ts';
import { getOne, liveRecords, readTx, removeOne, writeTx } from './entity-repo.ts';
import { type ChildPatch, createChild, type NewChild, updateChild } from './project-children.ts';

/** Input of {@link createExperiment}; `status` defaults to planned, texts to empty, `links` to none. */
export type NewExperiment = Omit<NewChild<'experiments'>, 'status' | 'setup' | 'notes' | 'links'> &
  Partial<Pick<Experiment, 'status' | 'setup' | 'notes' | 'links'>>;

/** Input of {@link updateExperiment}; `undefined` removes an optional field. */
export type ExperimentPatch = ChildPatch<'experiments'>;

const patchSchema = experimentFields.omit({ id: true, projectId: true, clientId: true, createdAt: true, updatedAt: true }).partial();

/** Creates an experiment in an existing project (and phase, if given). */
export function createExperiment(ctx: RepoContext, input: NewExperiment): Promise<Experiment> {
  return createChild(ctx, experimentDef, input as NewChild<'experiments'>, { status: 'planned', setup: '', notes: '', links: [] });
}

/** Changes some fields of an experiment. */
export function updateExperiment(ctx: RepoContext, id: string, patch: ExperimentPatch): Promise<Experiment> {
  return updateChild(ctx, experimentDef, patchSchema, id, patch);
}

/** Deletes an experiment (tombstone); refused while time blocks or a kill switch point to it. */
export function removeExperiment(ctx: RepoContext, id: string): Promise<void> {
  return writeTx(ctx, experimentDef.what, ['experiments', 'timeBlocks', 'killSwitches'], async (log) => {
    const experiment = await getOne(ctx, experimentDef, id);
    const { projectId } = experiment;
    const blocks = liveRecords(await ctx.db.timeBlocks.where('[projectId+day]').between([projectId, Dexie.minKey], [projectId, Dexie.maxKey]).toArray());
    const switches = liveRecords(await ctx.db.killSwitches.where('projectId').equals(projectId).toArray());
    const dependents =
      blocks.filter((b) => b.experimentId === id).length + switches.filter((k) => k.trigger.kind === 'metric' && k.trigger.experimentId === id).length;
    if (dependents > 0) {
      throw new RepoError('has-dependents', `${dependents} time block(s) or kill switch(es) refer to this experiment. Change them first.`);
    }
    await removeOne(ctx, experimentDef, log, id);
  });
}

/** The experiment `id`; RepoError 'not-found' or 'unreadable'. */
export function getExperiment(ctx: RepoContext, id: string): Promise<Experiment> {
  return getOne(ctx, experimentDef, id);
}

/** The experiments of a project (of every project without one: a small table), oldest first. */
export function listExperiments(ctx: RepoContext, projectId?: string): Promise<Experiment[]> {
  const table = ctx.db.experiments;
  return readTx(experimentDef.what, async () =>
    liveRecords(await (projectId === undefined ? table.toArray() : table.where('projectId').equals(projectId).toArray())).sort(
      (a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id),
    ),
  );
}
