/**
 * Planning and starting a trip (travel mode), with injected dependencies: the clients whose policy
 * excludes the country leave this device, each only with a complete copy on a target its policy
 * allows (a device-only client has none and blocks the trip).
 *
 * Starting runs with sync held (no round in flight or starting), plans again at the last moment
 * over the clients the vault holds now (refusing, with nothing changed, when the clients leaving
 * differ from the plan the person confirmed, or a copy is no longer complete), and has main record
 * the trip before anything changes here. Then, per client:
 * recorded as away (and its sync positions forgotten) before its key and rows go, so a failure or
 * a crash half way never lets sync pull it back into this country; then main records it removed
 * (and forgets its policy). A step that fails stops the trip where it is, and the outcome says
 * which clients already left.
 */
import type { IpcResult } from '../../src-preload/contract/errors.ts';
import type { ClientPlacement } from '../../src-preload/contract/locality.ts';
import type { TargetList } from '../../src-preload/contract/target.ts';
import type { Client } from '../domain/client.ts';
import type { SyncProgress } from '../sync/engine/sync-progress.ts';
import type { TravelState } from './travel.ts';
import { errorMessage } from '../ui/error-message.ts';

export interface TripDeps {
  locality: {
    travelPlan(country: string, safe: string[]): Promise<IpcResult<{ excluded: string[]; deviceOnly: string[] }>>;
    targets(): Promise<IpcResult<TargetList>>;
    placement(clients: { id: string; label?: string }[]): Promise<IpcResult<ClientPlacement[]>>;
    recordTravel(event: 'start' | 'removed', country: string | null, clientId: string | null): Promise<IpcResult<void>>;
  };
  progress(targetId: string): Promise<SyncProgress>;
  setProgress(targetId: string, progress: SyncProgress): Promise<void>;
  /** How many changes this device made to the client after `seq` (its own, not ones merged from elsewhere). */
  ownChangesAfter(clientId: string, seq: number): Promise<number>;
  setTravel(state: TravelState): Promise<void>;
  eraseClient(clientId: string): Promise<void>;
  withSyncLock<T>(work: () => Promise<T>): Promise<T>;
  /** The clients the vault holds now (the plan the person confirmed may be older). */
  clients(): Promise<Client[]>;
}

export interface TripPlan {
  country: string;
  /** Clients that will leave this device. */
  leaving: Client[];
  /** Why the trip cannot start yet, per client. Empty: it can. */
  blockers: { client: Client; reason: string }[];
}

export type StartTripOutcome =
  /** On: `left` are the clients that left this device. */
  | { kind: 'started'; state: TravelState; left: string[] }
  /**
   * Not started, nothing changed: why (a blocker found at the last moment, or main refused).
   * `replanned`: the clients leaving changed since the plan; this is the plan as it stands now.
   */
  | { kind: 'not-started'; message: string; replanned?: TripPlan }
  /** Started, and stopped half way: `left` went, the others stay until the trip is ended and started again. */
  | { kind: 'unfinished'; state: TravelState; left: string[]; message: string };

async function value<T>(pending: Promise<IpcResult<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** True when a target holds everything this device wrote for the client, and its key. */
async function completeCopyOn(deps: TripDeps, targetId: string, clientId: string): Promise<boolean> {
  const progress = await deps.progress(targetId);
  const position = progress.pushed[clientId];
  // Its key: `key.bin` (epoch 0) or the wrap of a key epoch (sync-round.ts push).
  const keyThere = progress.keysPushed[clientId] === true || progress.epochKeysPushed?.[clientId] !== undefined;
  if (!keyThere || !position || position.inFlight) return false;
  return (await deps.ownChangesAfter(clientId, position.changeSeq)) === 0;
}

export async function planTrip(deps: TripDeps, country: string, clients: readonly Client[]): Promise<TripPlan> {
  const safe = clients.filter((c) => c.safeForTravel === true).map((c) => c.id);
  const { excluded, deviceOnly } = await value(deps.locality.travelPlan(country, safe));
  const leaving = clients.filter((c) => excluded.includes(c.id));
  const blockers: TripPlan['blockers'] = [];
  const { targets } = await value(deps.locality.targets());
  const placements = await value(deps.locality.placement(leaving.map((c) => ({ id: c.id, label: c.name }))));
  for (const client of leaving) {
    if (deviceOnly.includes(client.id)) {
      blockers.push({
        client,
        reason: `${client.name} is device-only: its data exists nowhere but here, so it cannot leave and come back. Mark it safe for travel, or change its policy.`,
      });
      continue;
    }
    const allowed =
      placements
        .find((p) => p.clientId === client.id)
        ?.decisions.filter((d) => d.allowed)
        .map((d) => d.targetId) ?? [];
    let copy = false;
    for (const targetId of allowed) if (targets.some((t) => t.id === targetId) && (await completeCopyOn(deps, targetId, client.id))) copy = true;
    if (!copy) {
      blockers.push({
        client,
        reason:
          allowed.length === 0
            ? `${client.name} has no sync target its policy allows, so it could not come back after the trip. Add one under Sync, or mark the client safe for travel.`
            : `${client.name} is not fully synced to a target its policy allows yet. Sync now, then start the trip.`,
      });
    }
  }
  return { country, leaving, blockers };
}

/** The removed clients will be pulled again from the start: their version vectors and positions go. */
async function forgetPulledProgress(deps: TripDeps, clientId: string): Promise<void> {
  const { targets } = await value(deps.locality.targets());
  for (const target of targets) {
    const progress = await deps.progress(target.id);
    delete progress.vectors[clientId];
    delete progress.pushed[clientId];
    delete progress.keysPushed[clientId];
    delete progress.epochKeysPushed?.[clientId];
    await deps.setProgress(target.id, progress);
  }
}

/** Words for a leaving list that changed since the plan, or null when the same clients leave. */
function leavingChange(planned: TripPlan, now: TripPlan): string | null {
  const before = new Set(planned.leaving.map((c) => c.id));
  const after = new Set(now.leaving.map((c) => c.id));
  const joined = now.leaving.filter((c) => !before.has(c.id)).map((c) => c.name);
  const stays = planned.leaving.filter((c) => !after.has(c.id)).map((c) => c.name);
  if (joined.length === 0 && stays.length === 0) return null;
  const parts = [
    ...(joined.length > 0 ? [`${joined.join(', ')} would now leave this device too`] : []),
    ...(stays.length > 0 ? [`${stays.join(', ')} would now stay`] : []),
  ];
  return `The clients changed since the trip was planned: ${parts.join('; ')}. Nothing changed; check the new plan and start the trip again.`;
}

/** Starts a trip planned without blockers (see the module comment for the order). */
export async function startTrip(deps: TripDeps, plan: TripPlan, now: number): Promise<StartTripOutcome> {
  if (plan.blockers.length > 0) return { kind: 'not-started', message: 'This trip cannot start yet; see the reasons listed.' };
  return deps.withSyncLock(async (): Promise<StartTripOutcome> => {
    // The plan made just now, over the clients the vault holds now: its leaving list is the one that goes.
    let fresh: TripPlan;
    try {
      fresh = await planTrip(deps, plan.country, await deps.clients());
      const changed = leavingChange(plan, fresh);
      if (changed) return { kind: 'not-started', message: changed, replanned: fresh };
      if (fresh.blockers.length > 0) return { kind: 'not-started', message: fresh.blockers.map((b) => b.reason).join(' ') };
      await value(deps.locality.recordTravel('start', plan.country, null));
    } catch (error) {
      return { kind: 'not-started', message: `The trip did not start, and nothing changed: ${errorMessage(error)}` };
    }
    const state: TravelState = { country: plan.country, since: now, removed: [], returning: [] };
    const left: string[] = [];
    try {
      await deps.setTravel(state);
      for (const client of fresh.leaving) {
        state.removed.push(client.id);
        await deps.setTravel(state);
        await forgetPulledProgress(deps, client.id);
        await deps.eraseClient(client.id);
        left.push(client.id);
        await value(deps.locality.recordTravel('removed', plan.country, client.id));
      }
    } catch (error) {
      const stayed = fresh.leaving.filter((c) => !left.includes(c.id)).map((c) => c.name);
      const message =
        stayed.length > 0
          ? `The trip started, but ${stayed.join(', ')} could not leave this device (${errorMessage(error)}). End the trip and start it again to finish.`
          : `The trip started and every client left, but the audit log did not record the last one (${errorMessage(error)}).`;
      return { kind: 'unfinished', state, left, message };
    }
    return { kind: 'started', state, left };
  });
}
