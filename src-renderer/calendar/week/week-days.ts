/**
 * The seven days of a week in a zone, as the grid draws them: each day's first instant, its real
 * length (23 or 25 hours on the days clocks change) and where on its wall clock the change falls.
 * Pure: instants in, instants out, zone rules from `zoned-time.ts`.
 */
import {
  addCalendarDays,
  addZonedDays,
  type CalendarDate,
  formatIsoDate,
  fromZoned,
  startOfZonedWeek,
  weekdayOf,
  zonedDate,
  zoneOffsetMs,
  zonedParts,
} from '../../time/zoned-time.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MINUTES = 1440;

/** A clock change inside a day: an hour (or half hour) skipped in spring, repeated in autumn. */
export interface ClockChange {
  /** Wall minute of the day at which the clock jumps (120 for 02:00). */
  atMinute: number;
  /** Positive: minutes skipped (spring forward); negative: minutes repeated (fall back). */
  minutes: number;
}

export interface WeekDay {
  date: CalendarDate;
  /** `YYYY-MM-DD`. */
  iso: string;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** First instant of the day in the zone (UTC epoch ms). */
  start: number;
  /** First instant of the next day (exclusive). */
  end: number;
  /** `end - start`: 24 h, or 23/25 h on a day the clocks change. */
  lengthMs: number;
  change: ClockChange | null;
}

/** The first instant of the week holding `epochMs`; `firstDay` is an ISO weekday (1 = Monday). */
export function weekStartOf(epochMs: number, zone: string, firstDay = 1): number {
  return startOfZonedWeek(epochMs, zone, firstDay);
}

/** The week `weeks` weeks after (negative: before) the week starting at `weekStart`. */
/**
 * The same calendar week's first instant in `zone`, from a week start taken in another zone: read
 * from the week's middle, which every zone puts in the same Monday-to-Sunday week (offsets differ
 * by at most about a day).
 */
export function resnapWeek(weekStart: number, zone: string): number {
  return weekStartOf(weekStart + 3.5 * 86_400_000, zone);
}

export function shiftWeek(weekStart: number, weeks: number, zone: string): number {
  return addZonedDays(weekStart, 7 * weeks, zone);
}

/** The seven days from `weekStart` (which must be a day's first instant in `zone`). */
export function weekDays(weekStart: number, zone: string): WeekDay[] {
  const first = zonedDate(weekStart, zone);
  const days: WeekDay[] = [];
  for (let i = 0; i < 7; i++) {
    const date = addCalendarDays(first, i);
    const start = fromZoned(date, zone);
    const end = fromZoned(addCalendarDays(date, 1), zone);
    days.push({ date, iso: formatIsoDate(date), weekday: weekdayOf(date), start, end, lengthMs: end - start, change: clockChange(start, end, zone) });
  }
  return days;
}

/** Minutes past the wall clock's midnight at `epochMs` (fractions kept), 0..1440. */
export function wallMinutes(epochMs: number, zone: string): number {
  const p = zonedParts(epochMs, zone);
  return p.hour * 60 + p.minute + p.second / 60;
}

/** The clock change between `start` and `end`, found by bisection on the zone's offset. */
function clockChange(start: number, end: number, zone: string): ClockChange | null {
  const before = zoneOffsetMs(start, zone);
  const after = zoneOffsetMs(end - 1, zone);
  if (before === after) return null;
  let lo = start;
  let hi = end - 1;
  // Offsets change on whole minutes; bisect to the minute.
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (zoneOffsetMs(mid, zone) === before) lo = mid;
    else hi = mid;
  }
  // `hi` is within a minute after the change; on the old clock, that is the minute of the jump.
  const atMinute = Math.round(wallMinutes(start, zone)) + Math.floor((hi - start) / MINUTE_MS);
  return { atMinute: Math.min(DAY_MINUTES, Math.max(0, atMinute)), minutes: Math.round((after - before) / MINUTE_MS) };
}
