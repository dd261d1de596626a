/**
 * Travel mode. The person declares the country they are in; each client
 * whose residency policy excludes it (and is not marked safe for travel)
 * leaves this device: its key and rows are removed, and sync stops pulling it.
 * It comes back from a sync target when the trip ends. Before anything is
 * removed, each such client must have a complete copy on a target its policy
 * allows; a device-only client has no such copy and blocks the trip.
 *
 * State (meta store, ids only): `{ country, since, removed, returning }`.
 */
import type { Client } from '../domain/client.ts';
import { caravan, unwrap } from '../ipc/caravan.ts';
import { eraseClient, listClients } from '../vault/repos/clients.ts';
import { readChanges } from '../vault/repos/change-log.ts';
import { metaStore, repoContext } from '../vault/session/runtime.ts';
import { readProgress } from '../sync/engine/sync-progress.ts';
import { withSyncLock } from '../sync/sync-lock.ts';

export interface TravelState {
  country: string;
  since: number;
  /** Clients removed from this device for this trip. */
  removed: string[];
  /** Clients on their way back after the trip (removed from `removed`, not yet arrived). */
  returning: string[];
}

export function readTravel(value: unknown): TravelState | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<TravelState>;
  const ids = (x: unknown) => (Array.isArray(x) ? x.filter((i): i is string => typeof i === 'string') : []);
  if (typeof v.country !== 'string' && ids(v.returning).length === 0) return null;
  return { country: typeof v.country === 'string' ? v.country : '', since: typeof v.since === 'number' ? v.since : 0, removed: ids(v.removed), returning: ids(v.returning) };
}

export async function loadTravel(vaultId: string): Promise<TravelState | null> {
  return readTravel(await metaStore().travel(vaultId));
}

export interface TripPlan {
  country: string;
  /** Clients that will leave this device. */
  leaving: Client[];
  /** Why the trip cannot start yet, per client. Empty: it can. */
  blockers: { client: Client; reason: string }[];
}

/** True when a target holds everything this device wrote for the client, and its key. */
async function completeCopyOn(vaultId: string, targetId: string, clientId: string): Promise<boolean> {
  const progress = readProgress(await metaStore().syncProgress(vaultId, targetId));
  const position = progress.pushed[clientId];
  if (!progress.keysPushed[clientId] || !position || position.inFlight) return false;
  const own = (await readChanges(repoContext().db, `client:${clientId}`, position.changeSeq)).filter((e) => e.origin === undefined);
  return own.length === 0;
}

export async function planTrip(vaultId: string, country: string, clients: readonly Client[]): Promise<TripPlan> {
  const safe = clients.filter((c) => c.safeForTravel === true).map((c) => c.id);
  const { excluded, deviceOnly } = await unwrap(caravan().locality.travelPlan(country, safe));
  const leaving = clients.filter((c) => excluded.includes(c.id));
  const blockers: TripPlan['blockers'] = [];
  const { targets } = await unwrap(caravan().locality.targets());
  const placements = await unwrap(caravan().locality.placement(leaving.map((c) => ({ id: c.id, label: c.name }))));
  for (const client of leaving) {
    if (deviceOnly.includes(client.id)) {
      blockers.push({ client, reason: `${client.name} is device-only: its data exists nowhere but here, so it cannot leave and come back. Mark it safe for travel, or change its policy.` });
      continue;
    }
    const allowed = placements.find((p) => p.clientId === client.id)?.decisions.filter((d) => d.allowed).map((d) => d.targetId) ?? [];
    let copy = false;
    for (const targetId of allowed) if (targets.some((t) => t.id === targetId) && (await completeCopyOn(vaultId, targetId, client.id))) copy = true;
    if (!copy) {
      blockers.push({
        client,
        reason: allowed.length === 0
          ? `${client.name} has no sync target its policy allows, so it could not come back after the trip. Add one under Sync, or mark the client safe for travel.`
          : `${client.name} is not fully synced to a target its policy allows yet. Sync now, then start the trip.`,
      });
    }
  }
  return { country, leaving, blockers };
}

/**
 * Removes the leaving clients (keys and rows) and records the trip. Only for a plan without
 * blockers. Runs with sync held (no round in flight or starting), re-checks each client's copy at
 * the last moment, and records each client as away (and forgets its sync positions) before its
 * key and rows go, so a crash half way never lets sync pull it back into this country.
 */
export async function startTrip(vaultId: string, plan: TripPlan, now: number): Promise<TravelState> {
  if (plan.blockers.length > 0) throw new Error('This trip cannot start yet; see the reasons listed.');
  return withSyncLock(async () => {
    const fresh = await planTrip(vaultId, plan.country, plan.leaving);
    if (fresh.blockers.length > 0) throw new Error(fresh.blockers.map((b) => b.reason).join(' '));
    await unwrap(caravan().locality.recordTravel('start', plan.country, null));
    const state: TravelState = { country: plan.country, since: now, removed: [], returning: [] };
    for (const client of plan.leaving) {
      state.removed.push(client.id);
      await metaStore().setTravel(vaultId, state);
      await forgetPulledProgress(vaultId, [client.id]);
      await eraseClient(repoContext(), client.id);
      await unwrap(caravan().locality.recordTravel('removed', plan.country, client.id));
    }
    await metaStore().setTravel(vaultId, state);
    return state;
  });
}

/** The removed clients will be pulled again from the start: their version vectors and positions go. */
async function forgetPulledProgress(vaultId: string, clientIds: readonly string[]): Promise<void> {
  const { targets } = await unwrap(caravan().locality.targets());
  for (const target of targets) {
    const progress = readProgress(await metaStore().syncProgress(vaultId, target.id));
    for (const id of clientIds) {
      delete progress.vectors[id];
      delete progress.pushed[id];
      delete progress.keysPushed[id];
    }
    await metaStore().setSyncProgress(vaultId, target.id, progress);
  }
}

/** Ends the trip: the removed clients come back with the next sync rounds. */
export async function endTrip(vaultId: string): Promise<TravelState> {
  const current = (await loadTravel(vaultId)) ?? { country: '', since: 0, removed: [], returning: [] };
  await unwrap(caravan().locality.recordTravel('end', current.country || null, null));
  const state: TravelState = { country: '', since: 0, removed: [], returning: [...current.returning, ...current.removed] };
  await metaStore().setTravel(vaultId, state);
  return state;
}

/** After records arrived: which returning clients are back (recorded, and no longer waited for). */
export async function noteReturns(vaultId: string): Promise<string[]> {
  const state = await loadTravel(vaultId);
  if (!state || state.returning.length === 0) return [];
  const present = new Set((await listClients(repoContext())).map((c) => c.id));
  const back = state.returning.filter((id) => present.has(id));
  if (back.length === 0) return [];
  for (const id of back) await unwrap(caravan().locality.recordTravel('restored', null, id));
  await metaStore().setTravel(vaultId, { ...state, returning: state.returning.filter((id) => !present.has(id)) });
  return back;
}
