/**
 * Dates and times for people, in one style everywhere: "Mon, 7 Dec 2026" for a day, "7 Dec" for a
 * day in the current year's lists, "7 Dec 2026, 09:30" for an instant, "3 minutes ago" for a
 * recent one. Storage, CSV and file names keep ISO dates; screens and documents use these.
 * `locale` undefined means the person's locale (the system's); documents pass theirs.
 */

/** A calendar day without a zone: `{ year, month: 1..12, day }`, or its ISO text `YYYY-MM-DD`. */
export type DayLike = { readonly year: number; readonly month: number; readonly day: number } | string;

const cache = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string | undefined, zone: string | undefined, options: Intl.DateTimeFormatOptions, kind: string): Intl.DateTimeFormat {
  const key = `${kind}|${locale ?? ''}|${zone ?? ''}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, ...(zone === undefined ? {} : { timeZone: zone }) });
    cache.set(key, format);
  }
  return format;
}

const DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' };
const SHORT_DAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
const DAY_NO_WEEKDAY: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };
const INSTANT: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' };

/** UTC noon of a calendar day: formatting it in UTC can never move it to the day before or after. */
function noon(day: DayLike): number {
  if (typeof day !== 'string') return Date.UTC(day.year, day.month - 1, day.day, 12);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(day);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${day}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12);
}

/** "Mon 7 Dec 2026": the day of `epochMs` in `zone`. */
export function formatDay(epochMs: number, zone?: string, locale?: string): string {
  return dateFormat(locale, zone, DAY, 'day').format(epochMs);
}

/** "Mon 7 Dec 2026" for a calendar day (a `CalendarDate` or `YYYY-MM-DD`). */
export function formatCalendarDay(day: DayLike, locale?: string): string {
  return dateFormat(locale, 'UTC', DAY, 'day').format(noon(day));
}

/** "7 Dec 2026" for a calendar day: the same style without the weekday, for documents' dates. */
export function formatCalendarDate(day: DayLike, locale?: string): string {
  return dateFormat(locale, 'UTC', DAY_NO_WEEKDAY, 'date').format(noon(day));
}

/** "7 Dec 2026": the day of `epochMs` in `zone`, without the weekday, for documents' dates. */
export function formatDate(epochMs: number, zone?: string, locale?: string): string {
  return dateFormat(locale, zone, DAY_NO_WEEKDAY, 'date').format(epochMs);
}

/** "7 Dec": a day in a short label ("Device added 7 Dec"). */
export function formatShortDay(epochMs: number, zone?: string, locale?: string): string {
  return dateFormat(locale, zone, SHORT_DAY, 'short').format(epochMs);
}

/** "7 Dec 2026, 09:30" (or the locale's order and clock). */
export function formatInstant(epochMs: number, zone?: string, locale?: string): string {
  return dateFormat(locale, zone, INSTANT, 'instant').format(epochMs);
}

/** "09:30" (or "9:30 AM") in `zone`. */
export function formatClockTime(epochMs: number, zone?: string, locale?: string): string {
  return dateFormat(locale, zone, { hour: 'numeric', minute: '2-digit' }, 'time').format(epochMs);
}

const relativeCache = new Map<string, Intl.RelativeTimeFormat>();
const STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/**
 * "now", "12 seconds ago", "3 minutes ago", "in 2 days", "yesterday": `epochMs` relative to
 * `now`, in the largest unit that keeps the number at least 1. Under 5 s is "now".
 */
export function formatRelative(epochMs: number, now: number, locale?: string): string {
  const key = locale ?? '';
  let format = relativeCache.get(key);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    relativeCache.set(key, format);
  }
  let value = (epochMs - now) / 1000;
  if (Math.abs(value) < 5) return format.format(0, 'second');
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit);
    value /= size;
  }
  return format.format(Math.round(value), 'year');
}
