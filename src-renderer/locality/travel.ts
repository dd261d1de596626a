/**
 * Travel mode. The person declares the country they are in; each client
 * whose residency policy excludes it (and is not marked safe for travel)
 * leaves this device: its key and rows are removed, and sync stops pulling it.
 * It comes back from a sync target when the trip ends. Planning and starting a
 * trip is start-trip.ts; this module keeps the state, ends a trip and notes
 * the clients that came back.
 *
 * State (meta store, ids only): `{ country, since, removed, returning }`.
 */
import { caravan, unwrap } from '../ipc/caravan.ts';
import { listClients } from '../vault/repos/clients.ts';
import { metaStore, repoContext } from '../vault/session/runtime.ts';

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
  return {
    country: typeof v.country === 'string' ? v.country : '',
    since: typeof v.since === 'number' ? v.since : 0,
    removed: ids(v.removed),
    returning: ids(v.returning),
  };
}

export async function loadTravel(vaultId: string): Promise<TravelState | null> {
  return readTravel(await metaStore().travel(vaultId));
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
