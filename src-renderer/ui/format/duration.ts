/**
 * Durations for people: "4:30" (h:mm) or "4.5" (decimal hours), and "1 h 30 min" in sentences.
 *
 * Rule for decimal hours: the duration is rounded to the minute first (half up), exactly as h:mm
 * is, and that whole number of minutes is shown in hours with at most two decimals, half up. So
 * 3 h 20 min is "3.33 h" (never "3.34 h" from a few stray seconds), 4 h 30 min "4.5 h", 12 h "12 h".
 * Two decimals are exact for multiples of 3 minutes; otherwise the error is at most 0.005 h = 18 s,
 * less than the half minute the minute rounding already allows, so it is exact enough for a person
 * to check against h:mm. Places that need the exact figure (invoice amounts) compute from ms.
 */
import { pluralize } from './plural.ts';

/** How hours are shown: `clock` "4:30", `decimal` "4.5". */
export type HourStyle = 'clock' | 'decimal';

export const HOUR_STYLES: readonly HourStyle[] = ['clock', 'decimal'];

/** h:mm until the person chooses: the tables and the timer already read that way. */
export const DEFAULT_HOUR_STYLE: HourStyle = 'clock';

const MINUTE_MS = 60_000;

/** Whole minutes of `ms`, rounded half up on the magnitude, with the sign kept apart. */
export function splitMinutes(ms: number): { sign: '' | '-'; hours: number; minutes: number; total: number } {
  const total = Math.round(Math.abs(ms) / MINUTE_MS);
  return { sign: ms < 0 && total > 0 ? '-' : '', hours: Math.floor(total / 60), minutes: total % 60, total };
}

/** "4:30", "0:45", "26:05", "-1:00". */
export function formatClock(ms: number): string {
  const { sign, hours, minutes } = splitMinutes(ms);
  return `${sign}${hours}:${String(minutes).padStart(2, '0')}`;
}

/**
 * "4:05" (m:ss) or "1:04:05" (h:mm:ss): a running clock (the timer's countdown and overrun). Seconds
 * are rounded up, so a countdown reads "0:01" until it is done and "0:00" only at its end.
 */
export function formatTimerClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const decimalCache = new Map<string, Intl.NumberFormat>();

/** "4.5", "3.33", "12" in `locale` (the decimal comma where the locale writes one); see the module rule. */
export function formatDecimalHours(ms: number, locale?: string): string {
  const { sign, total } = splitMinutes(ms);
  // Hundredths of an hour from whole minutes, half up, in integers: no float drift (20 min → 33).
  const hundredths = Math.floor((total * 100 * 2 + 60) / 120);
  const key = locale ?? '';
  let format = decimalCache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, minimumFractionDigits: 0 });
    decimalCache.set(key, format);
  }
  return `${sign}${format.format(hundredths / 100)}`;
}

/** The number alone, in `style`: "4:30" or "4.5". */
export function formatHoursValue(ms: number, style: HourStyle, locale?: string): string {
  return style === 'clock' ? formatClock(ms) : formatDecimalHours(ms, locale);
}

/**
 * With the unit: "4:30 h" or "4.5 h". Whole hours are "12 h" in both styles: they read the same,
 * and "6:00 h of 9:00 h" is harder to read in a sentence than "6 h of 9 h".
 */
export function formatHoursIn(ms: number, style: HourStyle, locale?: string): string {
  const whole = splitMinutes(ms).minutes === 0;
  return `${formatHoursValue(ms, whole ? 'decimal' : style, locale)} h`;
}

/**
 * "1 h 30 min", "45 min", "2 h", rounded to the minute. Locale-neutral on purpose ("h" and "min"
 * read the same in most languages), for messages and sentences.
 */
export function formatDurationWords(ms: number): string {
  const { sign, hours, minutes } = splitMinutes(ms);
  if (hours === 0) return `${sign}${minutes} min`;
  return minutes === 0 ? `${sign}${hours} h` : `${sign}${hours} h ${minutes} min`;
}

/** "3 seconds", "1 minute", "2 hours": a rough length for a person, the largest unit that is at least 1. */
export function formatSpan(ms: number, locale?: string): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return pluralize(seconds, { one: 'second', other: 'seconds' }, locale);
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return pluralize(minutes, { one: 'minute', other: 'minutes' }, locale);
  const hours = Math.round(minutes / 60);
  if (hours < 48) return pluralize(hours, { one: 'hour', other: 'hours' }, locale);
  return pluralize(Math.round(hours / 24), { one: 'day', other: 'days' }, locale);
}
