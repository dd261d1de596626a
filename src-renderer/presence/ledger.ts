/**
 * The assembled ledger: one row per calendar day of a range, pure. Precedence per day:
 * 1. a stored PresenceDay (the person's own word) wins outright, even when it is empty;
 * 2. else the trips covering the day: one trip, its country; two trips sharing their boundary day
 *    (the travel day), both countries, the ARRIVING trip's country marked as where the day ended;
 * 3. else the hints (travel mode, the day's blocks, this device's zone), each country once with
 *    every source that named it.
 * Stored days and trips are `confirmed`; hints are not. Where hints name a country the trips of
 * that day do not, the row carries a `conflict` listing them: shown, never silently chosen.
 *
 * Counting (Schengen, tax years) reads CONFIRMED countries only ({@link ledgerDaysForCounting}):
 * a hint is a guess (a laptop whose clock stayed on home time, a block logged for a client's zone)
 * and a count that silently takes guesses could be wrong either way near a threshold. Confirming
 * the hints of many days is one action (corrections.ts `confirmHints`), and the screen shows the
 * unconfirmed days beside the counts.
 */
import type { PresenceDay, PresenceSource, Trip } from '../domain/presence.ts';
import { dayNumber, dayText } from './calendar-days.ts';
import type { DayHint, HintSource } from './hints.ts';
import type { LedgerDay } from './tax-year.ts';

/** One country of a day in the ledger. */
export interface LedgerCountry {
  country: string;
  /** Where it came from: the strongest source (manual, trip, travel mode, blocks, device in that order). */
  source: PresenceSource;
  /** Every source that named it (hints may agree). */
  sources: PresenceSource[];
  /** The day ended here (the midnight counting rule). */
  midnight: boolean;
  /** A stored day or a trip; false for a hint the person has not confirmed. */
  confirmed: boolean;
  /** The trip it comes from (source 'trip'). */
  tripId?: string;
  /** Other countries its zone serves (a hint from a shared zone, hints.ts). */
  sharedWith?: string[];
}

/** Hints that disagree with the trips of their day. */
export interface LedgerConflict {
  /** The trips' countries. */
  trips: string[];
  /** The hints naming other countries. */
  hints: LedgerCountry[];
}

/** One day of the ledger. */
export interface LedgerRow {
  day: string;
  /** Which rule gave the countries: a stored day, trips, hints, or nothing known. */
  basis: 'stored' | 'trip' | 'hints' | 'none';
  countries: LedgerCountry[];
  /** The stored day's note ('' otherwise). */
  note: string;
  /** What the hints say of the day, whatever the basis (so a stored or trip day can show them too). */
  hints: LedgerCountry[];
  conflict: LedgerConflict | null;
}

/** What {@link assembleLedger} reads. */
export interface LedgerInput {
  /** First and last day, 'YYYY-MM-DD', both included. */
  from: string;
  to: string;
  days: readonly PresenceDay[];
  trips: readonly Trip[];
  hints: readonly DayHint[];
}

/** The most days one call assembles (about eleven years): a wider range is a mistake, not a view. */
export const MAX_LEDGER_DAYS = 4000;

const HINT_ORDER: readonly HintSource[] = ['travel-mode', 'blocks', 'device'];

/** The ledger rows from `from` to `to`; a RangeError for bad days, a reversed or too long range. */
export function assembleLedger(input: LedgerInput): LedgerRow[] {
  const first = dayNumber(input.from);
  const last = dayNumber(input.to);
  if (last < first) throw new RangeError(`The range ends (${input.to}) before it starts (${input.from}).`);
  if (last - first + 1 > MAX_LEDGER_DAYS) throw new RangeError(`The range holds more than ${MAX_LEDGER_DAYS} days.`);

  const stored = new Map(input.days.map((d) => [d.id, d]));
  const hintsByDay = groupHints(input.hints, first, last);
  const trips = input.trips.map((t) => ({ trip: t, from: dayNumber(t.from), to: dayNumber(t.to) })).filter((t) => t.to >= first && t.from <= last);

  const rows: LedgerRow[] = [];
  for (let n = first; n <= last; n++) {
    const day = dayText(n);
    const hints = hintsByDay.get(day) ?? [];
    const own = stored.get(day);
    if (own !== undefined) {
      const countries = own.stays.map((s) => ({
        country: s.country,
        source: 'manual' as const,
        sources: ['manual' as const],
        midnight: s.midnight === true,
        confirmed: true,
      }));
      rows.push({ day, basis: 'stored', countries, note: own.note, hints, conflict: null });
      continue;
    }
    const covering = trips.filter((t) => t.from <= n && n <= t.to);
    if (covering.length > 0) {
      const countries = tripCountries(covering, n);
      const names = new Set(countries.map((c) => c.country));
      const disagree = hints.filter((h) => !names.has(h.country));
      const conflict = disagree.length > 0 ? { trips: [...names], hints: disagree } : null;
      rows.push({ day, basis: 'trip', countries, note: '', hints, conflict });
      continue;
    }
    rows.push({ day, basis: hints.length > 0 ? 'hints' : 'none', countries: hints, note: '', hints, conflict: null });
  }
  return rows;
}

/**
 * The trips' countries on day `n`: a country once; on a travel day the arriving trip's (it starts
 * that day and another ends) is where the day ended. A day inside one trip ended there too; a
 * trip's last day with no trip arriving leaves the end of the day unknown.
 */
function tripCountries(covering: ReadonlyArray<{ trip: Trip; from: number; to: number }>, n: number): LedgerCountry[] {
  const ordered = [...covering].sort((a, b) => a.from - b.from || a.trip.id.localeCompare(b.trip.id));
  const out: LedgerCountry[] = [];
  for (const { trip } of ordered) {
    if (out.some((c) => c.country === trip.country)) continue;
    out.push({ country: trip.country, source: 'trip', sources: ['trip'], midnight: false, confirmed: true, tripId: trip.id });
  }
  const staying = ordered.filter((t) => t.to > n);
  // The day ended in the country of the trip that goes on past it, when exactly one does.
  const endedIn = new Set(staying.map((t) => t.trip.country));
  if (endedIn.size === 1) {
    const [country] = endedIn;
    for (const c of out) c.midnight = c.country === country;
  }
  return out;
}

/** Hints per day inside [first, last]: one entry per country, sources merged in order of strength. */
function groupHints(hints: readonly DayHint[], first: number, last: number): Map<string, LedgerCountry[]> {
  const byDay = new Map<string, LedgerCountry[]>();
  const sorted = [...hints].sort((a, b) => HINT_ORDER.indexOf(a.source) - HINT_ORDER.indexOf(b.source));
  for (const hint of sorted) {
    let n: number;
    try {
      n = dayNumber(hint.day);
    } catch {
      continue;
    }
    if (n < first || n > last) continue;
    const country = hint.country.toUpperCase();
    const list = byDay.get(hint.day) ?? [];
    const known = list.find((c) => c.country === country);
    if (known !== undefined) {
      if (!known.sources.includes(hint.source)) known.sources.push(hint.source);
      continue;
    }
    list.push({
      country,
      source: hint.source,
      sources: [hint.source],
      midnight: false,
      confirmed: false,
      ...(hint.sharedWith !== undefined && hint.sharedWith.length > 0 ? { sharedWith: [...hint.sharedWith] } : {}),
    });
    byDay.set(hint.day, list);
  }
  return byDay;
}

/**
 * The days Schengen and tax-year counts read: every CONFIRMED country of every row (stored days and
 * trips), with its midnight mark. Hint-only days are left out until confirmed (module comment).
 */
export function ledgerDaysForCounting(rows: readonly LedgerRow[]): LedgerDay[] {
  const out: LedgerDay[] = [];
  for (const row of rows) {
    for (const c of row.countries) {
      if (!c.confirmed) continue;
      out.push(c.midnight ? { day: row.day, country: c.country, midnight: true } : { day: row.day, country: c.country });
    }
  }
  return out;
}

/** Days of `rows` whose countries are hints only (not counted until confirmed). */
export function unconfirmedDays(rows: readonly LedgerRow[]): string[] {
  return rows.filter((r) => r.basis === 'hints').map((r) => r.day);
}
