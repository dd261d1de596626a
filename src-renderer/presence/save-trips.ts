/**
 * Saving and deleting trips: one trip or many (a bulk entry of past travel) in ONE transaction,
 * checked against the trips stored at that moment (presence/trips.ts). Bad input writes nothing and
 * comes back as problems in words, per trip of the batch.
 */
import type { Trip } from '../domain/presence.ts';
import type { RepoContext } from '../vault/repos/context.ts';
import { deleteTrip as removeTrip, writeTrips } from '../vault/repos/trips.ts';
import { repoContext } from '../vault/session/runtime.ts';
import { checkTrips, normaliseTrip, type TripDraft, type TripProblem } from './trips.ts';

/** Saved (the trips as stored, in input order), or refused with every problem found. */
export type SaveTripsOutcome = { ok: true; trips: Trip[] } | { ok: false; problems: TripProblem[] };

/** Thrown inside the transaction to abort it; never leaves this module. */
class Refused extends Error {
  readonly problems: TripProblem[];
  constructor(problems: TripProblem[]) {
    super(problems[0]?.message ?? 'refused');
    this.problems = problems;
  }
}

/** Saves one trip or several at once; all or nothing. A draft with `id` replaces that trip. */
export async function saveTrips(drafts: readonly TripDraft[], ctx: RepoContext = repoContext()): Promise<SaveTripsOutcome> {
  if (drafts.length === 0) return { ok: true, trips: [] };
  const batch = drafts.map(normaliseTrip);
  try {
    const trips = await writeTrips(ctx, batch, (stored) => {
      const problems = checkTrips(stored, batch);
      if (problems.length > 0) throw new Refused(problems);
    });
    return { ok: true, trips };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, problems: error.problems };
    throw error;
  }
}

/**
 * Deletes a trip and returns it whole: to undo, save it again as it was (`saveTrips([trip])` keeps
 * its id, so sync sees the same trip come back, not a new one).
 */
export function deleteTrip(id: string, ctx: RepoContext = repoContext()): Promise<Trip> {
  return removeTrip(ctx, id);
}
