/**
 * The rules trips must keep, as pure checks (no I/O): each trip's days and country, its length, and
 * that it overlaps no other trip. Two trips may share ONE day when one ends on the day the other
 * starts: the travel day, in both countries (docs/presence.md, "The ledger"). Any other shared day
 * is an overlap, refused with the other trip named by country and dates, as the person entered it.
 */
import { MAX_TRIP_DAYS, type Trip } from '../domain/presence.ts';
import { countryName } from '../domain/countries.ts';
import { isCountryCode } from '../../src-preload/contract/places/country-codes.ts';
import { dayNumber } from './calendar-days.ts';

/** A trip as the person typed it (before it is stored). `id` names the trip it edits. */
export interface TripDraft {
  id?: string;
  from: string;
  to: string;
  country: string;
  note?: string;
}

/** Which field of a trip a problem is about; 'trip' for the trip as a whole (an overlap). */
export type TripField = 'from' | 'to' | 'country' | 'note' | 'trip';

/** One refusal: the trip's position in the batch, the field, and what to do, in words. */
export interface TripProblem {
  index: number;
  field: TripField;
  message: string;
}

const MAX_NOTE = 500;

/** "1–20 March 2026" in the person's locale (calendar days, never moved by a zone). */
export function formatDayRange(from: string, to: string, locale?: string): string {
  const format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const noon = (day: string) => dayNumber(day) * 86_400_000 + 43_200_000;
  return from === to ? format.format(noon(from)) : format.formatRange(noon(from), noon(to));
}

/** "Portugal, 1–20 March 2026": how a trip is named in a refusal. */
export function describeTrip(trip: Pick<Trip, 'country' | 'from' | 'to'>, locale?: string): string {
  return `${countryName(trip.country)}, ${formatDayRange(trip.from, trip.to, locale)}`;
}

function isDay(text: string): boolean {
  try {
    dayNumber(text);
    return true;
  } catch {
    return false;
  }
}

/** The problems of one trip on its own: its days, its length, its country, its note. */
export function tripFieldProblems(trip: TripDraft, index = 0): TripProblem[] {
  const problems: TripProblem[] = [];
  const fromOk = isDay(trip.from);
  const toOk = isDay(trip.to);
  if (!fromOk) problems.push({ index, field: 'from', message: 'From: enter a day such as 2026-03-01.' });
  if (!toOk) problems.push({ index, field: 'to', message: 'To: enter a day such as 2026-03-20.' });
  if (fromOk && toOk) {
    const days = dayNumber(trip.to) - dayNumber(trip.from) + 1;
    if (days < 1) problems.push({ index, field: 'to', message: 'To: must not be before From.' });
    else if (days > MAX_TRIP_DAYS) {
      problems.push({ index, field: 'to', message: `To: a trip can be at most ${MAX_TRIP_DAYS} days long (this one is ${days}); enter it as several trips.` });
    }
  }
  const country = trip.country.trim().toUpperCase();
  if (country === '') problems.push({ index, field: 'country', message: 'Country: choose the country of the trip.' });
  else if (!isCountryCode(country)) problems.push({ index, field: 'country', message: `Country: "${trip.country.trim()}" is not a country Caravan knows.` });
  if ((trip.note ?? '').length > MAX_NOTE) problems.push({ index, field: 'note', message: `Note: at most ${MAX_NOTE} characters.` });
  return problems;
}

/**
 * How two trips share days: 'none', 'travel-day' (one ends on the day the other starts, and that
 * is all they share) or 'overlap'. Days must be valid.
 */
export function tripContact(a: Pick<Trip, 'from' | 'to'>, b: Pick<Trip, 'from' | 'to'>): 'none' | 'travel-day' | 'overlap' {
  const first = Math.max(dayNumber(a.from), dayNumber(b.from));
  const last = Math.min(dayNumber(a.to), dayNumber(b.to));
  if (first > last) return 'none';
  if (first === last && (a.to === b.from || b.to === a.from)) return 'travel-day';
  return 'overlap';
}

/**
 * Every problem of saving `batch` over the `stored` trips: each trip's own problems, then overlaps
 * with a stored trip (other than the one it replaces) or with another trip of the batch, and the
 * same trip entered twice. An edit is refused only for an overlap it creates or widens (an overlap
 * that arrived by sync is kept, {@link keepsOverlap}). Empty means the batch may be written as it is.
 */
export function checkTrips(stored: readonly Trip[], batch: readonly TripDraft[], locale?: string): TripProblem[] {
  const problems = batch.flatMap((trip, index) => tripFieldProblems(trip, index));
  const valid = new Set(batch.map((_, i) => i).filter((i) => !problems.some((p) => p.index === i && p.field !== 'note')));
  const replaced = new Set(batch.flatMap((t) => (t.id === undefined ? [] : [t.id])));
  const others = stored.filter((t) => !replaced.has(t.id));
  const byId = new Map(stored.map((t) => [t.id, t]));
  batch.forEach((trip, index) => {
    const twin = trip.id === undefined ? -1 : batch.findIndex((t) => t.id === trip.id);
    if (twin !== -1 && twin < index) {
      problems.push({ index, field: 'trip', message: `This trip is entered twice in this entry (also row ${twin + 1}); keep one of the two rows.` });
      return;
    }
    if (!valid.has(index)) return;
    const before = trip.id === undefined ? undefined : byId.get(trip.id);
    for (const other of others) {
      if (tripContact(trip, other) === 'overlap' && !keepsOverlap(before, trip, other)) problems.push(overlap(index, other, locale));
    }
    for (let j = 0; j < index; j++) {
      const earlier = batch[j] as TripDraft;
      if (valid.has(j) && tripContact(trip, earlier) === 'overlap') {
        problems.push(overlap(index, { country: earlier.country.trim().toUpperCase(), from: earlier.from, to: earlier.to }, locale, j));
      }
    }
  });
  return problems.sort((a, b) => a.index - b.index);
}

/**
 * Whether `edited`'s overlap with `other` is one that `before` (the stored trip it replaces) had
 * already, no wider: two devices can each enter a trip offline and sync them into an overlap that
 * neither check saw. Editing one of them (its note, or shortening it) must not be refused for an
 * overlap the edit did not create; the ledger shows those days as a conflict (ledger.ts).
 */
function keepsOverlap(before: Pick<Trip, 'from' | 'to'> | undefined, edited: Pick<Trip, 'from' | 'to'>, other: Pick<Trip, 'from' | 'to'>): boolean {
  if (before === undefined || tripContact(before, other) !== 'overlap') return false;
  const [was, now] = [shared(before, other), shared(edited, other)];
  return now.first >= was.first && now.last <= was.last;
}

function shared(a: Pick<Trip, 'from' | 'to'>, b: Pick<Trip, 'from' | 'to'>): { first: number; last: number } {
  return { first: Math.max(dayNumber(a.from), dayNumber(b.from)), last: Math.min(dayNumber(a.to), dayNumber(b.to)) };
}

function overlap(index: number, other: Pick<Trip, 'country' | 'from' | 'to'>, locale?: string, row?: number): TripProblem {
  const where = row === undefined ? '' : ` (row ${row + 1} of this entry)`;
  return {
    index,
    field: 'trip',
    message: `Trip overlaps ${describeTrip(other, locale)}${where}. Trips may share only a travel day: one ending on the day the next starts.`,
  };
}

/** The trip to store: country in capitals, note trimmed of nothing but defaulted to empty. */
export function normaliseTrip(trip: TripDraft): TripDraft & { note: string } {
  return { ...trip, country: trip.country.trim().toUpperCase(), note: trip.note ?? '' };
}
