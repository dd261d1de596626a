/**
 * Times and durations for display, in the person's locale (Intl), with the block's zone where
 * it matters. Storage and CSV never use these: they keep UTC epoch ms.
 *
 * A thin layer over ui/format (the one formatting module): these names stay for the screens that
 * use them, and hours follow the person's hour style (h:mm or decimal, Settings) at the time of
 * the call. Components that must re-render when the style changes read `useHourStyle()`.
 */
import { formatCalendarDay, formatClockTime, formatDay } from '../ui/format/dates.ts';
import { formatDurationWords, formatHoursIn, formatHoursValue } from '../ui/format/duration.ts';
import { currentHourStyle } from '../ui/format/hour-style-store.ts';
import { zoneCity } from './zone-names.ts';

/** Milliseconds as hours in the person's style: "1:30 h" or "1.5 h"; "12 h" either way. */
export function formatHours(ms: number): string {
  return formatHoursIn(ms, currentHourStyle());
}

/**
 * A duration as "1 h 30 min", "45 min", "2 h", rounded to the minute. Locale-neutral on purpose
 * ("h" and "min" are read the same in most languages): messages built here must not depend on the
 * UI's locale; the UI formats numbers with Intl itself.
 */
export function formatDuration(ms: number): string {
  return formatDurationWords(ms);
}

/** A duration for tables and totals in the person's style: "1:30" (h:mm, the default) or "1.5". */
export function formatDurationShort(ms: number): string {
  return formatHoursValue(ms, currentHourStyle());
}

/** "09:30" (or "9:30 AM") in `zone`. */
export function formatTime(epochMs: number, zone: string): string {
  return formatClockTime(epochMs, zone);
}

/** "Mon 20 Nov 2026" in `zone`. */
export function formatDate(epochMs: number, zone: string): string {
  return formatDay(epochMs, zone);
}

/** "Mon 20 Nov 2026" for a day key `YYYY-MM-DD` (a block's day, block-days.ts): no zone can move it. */
export function formatDayKey(day: string): string {
  return formatCalendarDay(day);
}

/**
 * "09:30–11:00" in `zone`; with `headerZone` (the zone the screen's header names) and a `zone`
 * other than it, the city follows: "09:30–11:00 Lisbon", so no time is read in the wrong zone.
 */
export function formatRange(start: number, end: number, zone: string, headerZone?: string): string {
  return `${formatTime(start, zone)}–${formatTime(end, zone)}${zoneSuffix(zone, headerZone)}`;
}

/** " Lisbon" when `zone` is not `headerZone`, else nothing: the mark beside a time in another zone. */
export function zoneSuffix(zone: string, headerZone: string | undefined): string {
  return headerZone === undefined || zone === headerZone ? '' : ` ${zoneCity(zone)}`;
}
