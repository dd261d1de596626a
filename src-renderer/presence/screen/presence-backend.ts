/**
 * What the Presence screen needs from the ledger, as one injected interface: the screen renders
 * what `load` returns and calls the writes, and never reaches the vault itself. The app binds it to
 * the ledger's store (vault-backend.ts); component tests bind it to memory. Every write either
 * succeeds whole or says, in the words of the field the person sees, why nothing was written.
 */
import type { PresenceRules, PresenceSource, PresenceStay, Trip } from '../../domain/presence.ts';

/** One country of a day in the ledger, with where it came from. */
export interface LedgerCountryView {
  country: string;
  source: PresenceSource;
  /** The day ended here. */
  midnight: boolean;
  /** A stored day or a trip: counted. A hint (travel mode, blocks, device): not counted until confirmed. */
  confirmed: boolean;
  /** A trip's departure day with nothing arriving: where the day ended is unknown (uncertain under the midnight rule). */
  endUnknown?: boolean;
}

/** One day of the assembled ledger. */
export interface LedgerDayView {
  /** 'YYYY-MM-DD'. */
  day: string;
  countries: LedgerCountryView[];
  /** The person corrected this day (a stored day wins over trips and hints); "Clear" returns it to derived. */
  corrected: boolean;
  /** The corrected day's note ('' when none). */
  note: string;
  /** Why the ledger's sources disagree that day, in words, or null. */
  conflict: string | null;
}

/** What the screen reads: the days of a range (every day once), every trip, and the rules. */
export interface PresenceSnapshot {
  days: LedgerDayView[];
  trips: Trip[];
  rules: PresenceRules;
}

/** A trip as typed: calendar days, an ISO code, a note. */
export interface TripDraft {
  from: string;
  to: string;
  country: string;
  note: string;
}

/** A field of a typed trip row, for placing an error beside it. */
export type TripField = 'from' | 'to' | 'country' | 'note';

/** Why a row of a bulk entry was refused: its index (0-based), the field, and the reason in words ("To: must not be before From"). */
export interface TripRowError {
  row: number;
  field: TripField | null;
  message: string;
}

export type TripsOutcome = { ok: true; trips: Trip[] } | { ok: false; errors: TripRowError[] };

/** A write refused as a whole, with a reason a person can act on. */
export type WriteOutcome = { ok: true } | { ok: false; message: string };

export interface PresenceBackend {
  /** The ledger from `from` to `to` (inclusive), every trip and the rules. */
  load(from: string, to: string): Promise<PresenceSnapshot>;
  /** Saves every draft or none (one transaction). */
  saveTrips(drafts: readonly TripDraft[]): Promise<TripsOutcome>;
  /** Replaces trip `id`'s fields. */
  updateTrip(id: string, draft: TripDraft): Promise<TripsOutcome>;
  /** Deletes trip `id`; resolves to what puts it back (for undo). */
  deleteTrip(id: string): Promise<() => Promise<void>>;
  /** The person's word for one day (overrides trips and hints). */
  setDay(day: string, stays: readonly PresenceStay[], note: string): Promise<WriteOutcome>;
  /** Stores the hints of `days` as confirmed days; resolves to how many days were written. */
  confirmHints(days: readonly string[]): Promise<number>;
  /** Forgets the correction of `day` (back to trips and hints). */
  clearDay(day: string): Promise<void>;
  /** Saves the rules (validated). */
  saveRules(rules: PresenceRules): Promise<WriteOutcome>;
}
