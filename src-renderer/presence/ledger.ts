/**
 * The assembled ledger: one row per calendar day of a range, pure. Precedence per day:
 * 1. a stored PresenceDay (the person's own word) wins outright, even when it is empty;
 * 2. else the trips covering the day: one trip, its country; two trips sharing their boundary day
 *    (the travel day), both countries, the ARRIVING trip's country marked as where the day ended;
 * 3. else the hints (travel mode, the day's blocks, this device's zone), each country once with
 *    every source that named it.
 * Stored days and trips are `confirmed`; hints are not. A row carries a `conflict`, shown, never
 * silently chosen, where hints name a country the trips of that day do not, where two trips cover
 * the day beyond a travel day (synced from two devices), or where a stored day leaves out the
 * country of a trip covering it.
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
import { tripContact } from './trips.ts';

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
  /** Where the day ended is unknown: a trip's departure day with no trip arriving (the midnight rule counts it as uncertain). */
  endUnknown?: boolean;
  /** A stored day written by confirming its hints, not typed by the person (PresenceDay `confirmed`). */
  fromHints?: boolean;
}

/** Hints that disagree with the trips of their day. */
export interface LedgerConflict {
  /** The trips' countries. */
  trips: string[];
  /** The hints naming other countries. */
  hints: LedgerCountry[];
  /**
   * Ids of trips that cover this day beyond a shared travel day: entered on two devices apart and
   * brought together by sync (a device refuses such an overlap itself). Both countries are counted
   * (any part of a day), and none is marked as where the day ended, so the midnight rule counts
   * the day as uncertain; the person fixes it by editing either trip.
   */
  overlap?: string[];
  /** A stored day that leaves out a country of a trip covering it (`trips` names them); the stored day still wins. */
  stored?: boolean;
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
  const all = input.trips.map((t) => ({ trip: t, from: dayNumber(t.from), to: dayNumber(t.to) }));
  // Trips starting the day after the range still say where its last day ended.
  const starts = new Set(all.map((t) => t.from));
  const trips = all.filter((t) => t.to >= first && t.from <= last);

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
        ...(own.confirmed === 'hints' ? { fromHints: true } : {}),
      }));
      rows.push({ day, basis: 'stored', countries, note: own.note, hints, conflict: storedConflict(own, trips, n) });
      continue;
    }
    const covering = trips.filter((t) => t.from <= n && n <= t.to);
    if (covering.length > 0) {
      const countries = tripCountries(covering, n, starts);
      const names = new Set(countries.map((c) => c.country));
      const disagree = hints.filter((h) => !names.has(h.country));
      const overlap = overlapping(covering);
      const conflict = disagree.length > 0 || overlap.length > 0 ? { trips: [...names], hints: disagree, ...(overlap.length > 0 ? { overlap } : {}) } : null;
      rows.push({ day, basis: 'trip', countries, note: '', hints, conflict });
      continue;
    }
    rows.push({ day, basis: hints.length > 0 ? 'hints' : 'none', countries: hints, note: '', hints, conflict: null });
  }
  return rows;
}

type Span = { trip: Trip; from: number; to: number };

/** Ids of the trips of `covering` that share more than a travel day with another of them. */
function overlapping(covering: readonly Span[]): string[] {
  const ids = new Set<string>();
  for (const a of covering) {
    for (const b of covering) if (a !== b && tripContact(a.trip, b.trip) === 'overlap') ids.add(a.trip.id);
  }
  return [...ids].sort();
}

/** The conflict of stored day `own`: the trips covering day `n` name a country it leaves out. */
function storedConflict(own: PresenceDay, trips: readonly Span[], n: number): LedgerConflict | null {
  const named = new Set(own.stays.map((s) => s.country));
  const tripCountries = [...new Set(trips.filter((t) => t.from <= n && n <= t.to).map((t) => t.trip.country))];
  return tripCountries.some((c) => !named.has(c)) ? { trips: tripCountries, hints: [], stored: true } : null;
}

/**
 * The trips' countries on day `n`: a country once; on a travel day the arriving trip's (it starts
 * that day and another ends) is where the day ended. A day inside one trip ended there too. A
 * trip's last day is a departure day: with a trip starting the next day (trips entered end to
 * end, 1–10 and 11–20) the day ended where it was; with no trip arriving that day or the next,
 * where it ended is unknown (`endUnknown`), and the midnight rule counts it as uncertain.
 */
function tripCountries(covering: readonly Span[], n: number, starts: ReadonlySet<number>): LedgerCountry[] {
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
  } else if (staying.length === 0 && !starts.has(n + 1)) {
    for (const c of out) c.endUnknown = true;
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
      const day: LedgerDay = { day: row.day, country: c.country };
      if (c.midnight) day.midnight = true;
      if (c.endUnknown === true) day.endUnknown = true;
      out.push(day);
    }
  }
  return out;
}

/** The countries of hint-only rows as counting days: what a count WOULD read if the hints were confirmed ("possibly" warnings). */
export function ledgerHintDays(rows: readonly LedgerRow[]): LedgerDay[] {
  return rows.filter((r) => r.basis === 'hints').flatMap((r) => r.countries.map((c) => ({ day: r.day, country: c.country })));
}

/** Days of `rows` whose countries are hints only (not counted until confirmed). */
export function unconfirmedDays(rows: readonly LedgerRow[]): string[] {
  return rows.filter((r) => r.basis === 'hints').map((r) => r.day);
}
