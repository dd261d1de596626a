/**
 * Trips of the presence ledger (domain/presence.ts), in the workspace partition. Every write goes
 * through the entity repository's machinery, so the change log records it and sync carries it.
 * The rules between trips (no overlap beyond a shared travel day) are presence/trips.ts's; this
 * module runs the caller's check inside the write transaction, against the trips stored then.
 */
import type { Trip } from '../../domain/presence.ts';
import type { RepoContext } from './context.ts';
import { tripDef } from './defs.ts';
import { getOne, liveRecords, newId, readTx, removeOne, writeTx } from './entity-repo.ts';
import { upsertRows, type Untimed } from './workspace-rows.ts';

/** A trip to write: with `id`, it replaces that trip (an edit, or the undo of a delete). */
export interface TripWrite {
  id?: string;
  from: string;
  to: string;
  country: string;
  note: string;
}

/**
 * A trip's days and country are one fact: an edit of any of them logs all three, so two devices'
 * edits merge to one device's trip (A's 20–25 March or B's 1–5 March), never A's `from` with B's
 * `to` (a trip that ends before it starts, refused by every device that reads it).
 */
const TRIP_PLACE_FIELDS = ['from', 'to', 'country'] as const;

/** Every live trip, earliest first. */
export function listTrips(ctx: RepoContext): Promise<Trip[]> {
  return readTx(tripDef.what, async () => sortTrips(liveRecords(await ctx.db.trips.toArray())));
}

/** The trip `id`; RepoError 'not-found' or 'unreadable'. */
export function getTrip(ctx: RepoContext, id: string): Promise<Trip> {
  return getOne(ctx, tripDef, id);
}

/**
 * Writes `trips` in ONE transaction, after `check(stored, trips)` passed: `stored` is every live
 * trip read inside the transaction, so two writes cannot both pass against a stale list. `check`
 * throws to refuse; then nothing is written. Returns the trips as stored, in input order.
 */
export function writeTrips(
  ctx: RepoContext,
  trips: readonly TripWrite[],
  check: (stored: readonly Trip[], trips: ReadonlyArray<Untimed<Trip>>) => void,
): Promise<Trip[]> {
  return writeTx(ctx, tripDef.what, ['trips'], async (log) => {
    const stored = liveRecords(await ctx.db.trips.toArray());
    const candidates = trips.map((t) => ({ id: t.id ?? newId(), from: t.from, to: t.to, country: t.country, note: t.note }));
    check(stored, candidates);
    return upsertRows(ctx, tripDef, log, candidates, TRIP_PLACE_FIELDS);
  });
}

/** Deletes trip `id` (tombstone) and returns it, so the screen can undo by writing it back under its id. */
export function deleteTrip(ctx: RepoContext, id: string): Promise<Trip> {
  return writeTx(ctx, tripDef.what, ['trips'], (log) => removeOne(ctx, tripDef, log, id));
}

/** Trips by first day, then last day, then id: a stable order for lists and checks. */
export function sortTrips<T extends Pick<Trip, 'from' | 'to' | 'id'>>(trips: readonly T[]): T[] {
  return [...trips].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to) || a.id.localeCompare(b.id));
}
