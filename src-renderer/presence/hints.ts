/**
 * Hints: where the person probably was on a day, derived, never stored. Three sources
 * (domain/presence.ts `PresenceSource`):
 * - 'travel-mode': the country travel mode declares, every day from the day it was declared
 *   (in this device's zone) to today;
 * - 'blocks': the country of each time block's zone, on the day the block STARTED in that zone
 *   (a block at 00:30 in Asia/Tokyo is that Tokyo day, whatever the UTC date);
 * - 'device': the country of this device's zone as recorded on that day (device-zones.ts).
 *
 * Zone -> country, with `countries-and-timezones` (the tz database's zone.tab and links):
 * - a zone that is a link to another (Europe/Vaduz -> Europe/Zurich, Europe/Copenhagen ->
 *   Europe/Berlin) names its own country: the system picked that name, so it says LI or DK;
 * - a zone several countries use (Europe/Zurich also serves LI and Büsingen, Europe/Berlin DK, NO
 *   and SE since the tz database merged their zones) gives its OWN country, the one zone.tab
 *   assigns it and the library lists first (CH, DE), and the hint names the others in `sharedWith`
 *   so the screen can say the guess is a guess. Giving no hint for shared zones instead would
 *   silence Germany, France, Italy, Belgium and the United Kingdom, whose main zones are all shared;
 * - a zone with no country (Etc/UTC, Etc/GMT+5, an unknown name) gives no hint.
 */
import { getTimezone } from 'countries-and-timezones';
import { isCountryCode } from '../../src-preload/contract/places/country-codes.ts';
import type { PresenceSource } from '../domain/presence.ts';
import { zonedDate } from '../time/zoned-time.ts';
import { dayNumber, dayText } from './calendar-days.ts';

/** The sources a hint can have (every source but the person's own word and trips). */
export type HintSource = Exclude<PresenceSource, 'manual' | 'trip'>;

/** One hint: on `day`, probably in `country`, because of `source`. */
export interface DayHint {
  day: string;
  country: string;
  source: HintSource;
  /** The zone the hint came from ('blocks' and 'device'). */
  zone?: string;
  /** Other countries that use the same zone: the country is the zone's own, not a certainty. */
  sharedWith?: string[];
}

/** The country a zone names, or null when it names none. */
export interface ZoneCountry {
  country: string;
  /** Other countries the zone serves (empty when it is the country's alone). */
  sharedWith: string[];
}

/** The country of `zone` (rule in the module comment), or null for a zone with no single owner. */
export function countryOfZone(zone: string): ZoneCountry | null {
  const info = getTimezone(zone);
  if (info === null) return null;
  const [own, ...rest] = info.countries as string[];
  if (own === undefined || !isCountryCode(own)) return null;
  // A link names one country; only the zone it links to holds the merged list.
  const shared = info.aliasOf ? [] : rest;
  return { country: own, sharedWith: shared.filter((c) => c !== own) };
}

/** 'YYYY-MM-DD' of the calendar day `zone` shows at `epochMs`. */
export function dayInZone(epochMs: number, zone: string): string {
  const { year, month, day } = zonedDate(epochMs, zone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function hintOfZone(day: string, zone: string, source: 'blocks' | 'device'): DayHint | null {
  const found = countryOfZone(zone);
  if (found === null) return null;
  return { day, country: found.country, source, zone, ...(found.sharedWith.length > 0 ? { sharedWith: found.sharedWith } : {}) };
}

/** Hints from time blocks: one per block, on the day it started in its own zone. */
export function blockHints(blocks: ReadonlyArray<{ start: number; zone: string }>): DayHint[] {
  const out: DayHint[] = [];
  for (const block of blocks) {
    const hint = hintOfZone(dayInZone(block.start, block.zone), block.zone, 'blocks');
    if (hint !== null) out.push(hint);
  }
  return out;
}

/** Hints from this device's zone per day (device-zones.ts): every zone recorded that day. */
export function deviceHints(zones: Readonly<Record<string, readonly string[]>>): DayHint[] {
  const out: DayHint[] = [];
  for (const [day, list] of Object.entries(zones)) {
    for (const zone of list) {
      const hint = hintOfZone(day, zone, 'device');
      if (hint !== null) out.push(hint);
    }
  }
  return out;
}

/**
 * The zone this device was in at `instant`: one recorded (device-zones.ts) on the day the instant
 * falls on in that zone, the first such; else `current`. Travel mode is declared before or during
 * a flight, so reading its start in the zone the device is in NOW can move it a day.
 */
function zoneAt(instant: number, current: string, recorded: Readonly<Record<string, readonly string[]>>): string {
  const candidates = new Set([dayInZone(instant - 86_400_000, current), dayInZone(instant, current), dayInZone(instant + 86_400_000, current)]);
  for (const day of candidates) {
    for (const zone of recorded[day] ?? []) {
      try {
        if (dayInZone(instant, zone) === day) return zone;
      } catch {
        // A recorded name this runtime does not know: try the next.
      }
    }
  }
  return current;
}

/**
 * Hints from travel mode: its country on every day from `since` (an instant, read as a day in
 * the zone this device recorded then, `recorded`, else `zone`, this device's now) to `today`,
 * both included. Nothing without a declared country.
 */
export function travelHints(
  travel: { country: string; since: number } | null,
  today: string,
  zone: string,
  recorded: Readonly<Record<string, readonly string[]>> = {},
): DayHint[] {
  if (travel === null) return [];
  const country = travel.country.trim().toUpperCase();
  if (!isCountryCode(country) || !Number.isFinite(travel.since) || travel.since <= 0) return [];
  const first = dayNumber(dayInZone(travel.since, zoneAt(travel.since, zone, recorded)));
  const last = dayNumber(today);
  const out: DayHint[] = [];
  for (let n = first; n <= last; n++) out.push({ day: dayText(n), country, source: 'travel-mode' });
  return out;
}
