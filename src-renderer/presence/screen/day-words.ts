/** Calendar days in the screen's words: "11 Jun", with the year when it is not this year's. */
import { countryName } from '../../domain/countries.ts';
import type { PresenceSource } from '../../domain/presence.ts';

const SHORT = new Map<string, Intl.DateTimeFormat>();

function format(withYear: boolean): Intl.DateTimeFormat {
  const key = withYear ? 'y' : 'n';
  let f = SHORT.get(key);
  if (f === undefined) {
    f = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}), timeZone: 'UTC' });
    SHORT.set(key, f);
  }
  return f;
}

/** "11 Jun" for a day of `today`'s year, "11 Jun 2025" otherwise. */
export function shortDay(day: string, today: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return format(day.slice(0, 4) !== today.slice(0, 4)).format(Date.UTC(y, m - 1, d, 12));
}

/** "11 Jun – 7 Dec". */
export function dayRange(from: string, to: string, today: string): string {
  return from === to ? shortDay(from, today) : `${shortDay(from, today)} – ${shortDay(to, today)}`;
}

/** "Portugal (PT)" where a code alone would be ambiguous to a reader; the name alone elsewhere. */
export function countryLabel(code: string): string {
  return countryName(code);
}

/** The badge text of each source (short: it sits beside a country). */
export const SOURCE_BADGES: Readonly<Record<PresenceSource, string>> = {
  manual: 'manual',
  trip: 'trip',
  'travel-mode': 'travel mode',
  blocks: 'blocks',
  device: 'device',
};
