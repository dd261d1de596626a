/** Kill switches of a project. */
import { type KillSwitch, killSwitchFields } from '../../domain/kill-switch.ts';
import type { RepoContext } from './context.ts';
import { killSwitchDef } from './defs.ts';
import { getOne, liveRecords, readTx, removeOne, writeTx } from './entity-repo.ts';
import { type ChildPatch, createChild, type NewChild, updateChild } from './project-children.ts';

/** Input of {@link createKillSwitch}; `state` defaults to armed, `stopsTimer` to false, `notes` to empty. */
export type NewKillSwitch = Omit<NewChild<'killSwitches'>, 'state' | 'stopsTimer' | 'notes'> & Partial<Pick<KillSwitch, 'state' | 'stopsTimer' | 'notes'>>;

/** Input of {@link updateKillSwitch}. */
export type KillSwitchPatch = ChildPatch<'killSwitches'>;

const patchSchema = killSwitchFields.omit({ id: true, projectId: true, clientId: true, createdAt: true, updatedAt: true }).partial();

/** Creates a kill switch on an existing project (a metric trigger's experiment must be of that project). */
export function createKillSwitch(ctx: RepoContext, input: NewKillSwitch): Promise<KillSwitch> {
  return createChild(ctx, killSwitchDef, input as NewChild<'killSwitches'>, { state: 'armed', stopsTimer: false, notes: '' });
}

/** Changes some fields of a kill switch (e.g. `{ state: 'tripped', trippedAt }`). */
export function updateKillSwitch(ctx: RepoContext, id: string, patch: KillSwitchPatch): Promise<KillSwitch> {
  return updateChild(ctx, killSwitchDef, patchSchema, id, patch);
}

/** Deletes a kill switch (tombstone). */
export function removeKillSwitch(ctx: RepoContext, id: string): Promise<void> {
  return writeTx(ctx, killSwitchDef.what, ['killSwitches'], async (log) => {
    await removeOne(ctx, killSwitchDef, log, id);
  });
}

/** The kill switch `id`; RepoError 'not-found' or 'unreadable'. */
export function getKillSwitch(ctx: RepoContext, id: string): Promise<KillSwitch> {
  return getOne(ctx, killSwitchDef, id);
}

/** Filters of {@link listKillSwitches}. */
export interface KillSwitchFilter {
  projectId?: string;
  /** Only switches in one of these states (the timer asks for armed and warned ones). */
  states?: ReadonlyArray<KillSwitch['state']>;
}

/** Kill switches, oldest first; across all projects when no project is given (a small table). */
export function listKillSwitches(ctx: RepoContext, filter: KillSwitchFilter = {}): Promise<KillSwitch[]> {
  return readTx(killSwitchDef.what, async () => {
    const rows =
      filter.projectId === undefined ? await ctx.db.killSwitches.toArray() : await ctx.db.killSwitches.where('projectId').equals(filter.projectId).toArray();
    return liveRecords(rows)
      .filter((k) => filter.states === undefined || filter.states.includes(k.state))
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  });
}
