/**
 * Wall time <-> UTC instants in an IANA zone, with `Intl.DateTimeFormat` as the only source of
 * zone rules. Blocks are stored as UTC epoch ms plus a zone; everything a person types or reads
 * ("9:30 yesterday", "this week") is wall time in that zone, so every conversion goes through here.
 *
 * Years 1..9999 are supported (the formatter reports earlier years with an era we do not read).
 */

/** A wall-clock reading in a zone, as a person would say it. */
export interface ZonedParts {
  year: number;
  /** 1 = January. */
  month: number;
  day: number;
  /** 0..23. */
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday .. 7 = Sunday, so week arithmetic needs no special case for Sunday. */
  weekday: number;
}

/** A day on a calendar, with no zone: what "2026-11-20" or "yesterday" names. */
export interface CalendarDate {
  year: number;
  /** 1 = January. */
  month: number;
  day: number;
}

/** A wall time to convert; omitted time fields are 0, so a bare date means its midnight. */
export interface WallTime extends CalendarDate {
  hour?: number;
  minute?: number;
  second?: number;
  millisecond?: number;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const WEEKDAYS: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

// Building a formatter costs ~20 µs; a week view converts thousands of instants in a handful of
// zones. Bounded so that a stream of hostile zone names cannot grow it without end.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (format === undefined) {
    // 'en-US' only fixes the spelling of weekdays and the digits; the zone rules come from ICU.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    if (formatters.size >= 100) formatters.clear();
    formatters.set(zone, format);
  }
  return format;
}

/** What the wall clock in `zone` reads at `epochMs` (seconds are truncated, not rounded). */
export function zonedParts(epochMs: number, zone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(epochMs)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    // Some ICU versions print midnight as "24" even with h23.
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
  };
}

/** How far `zone`'s wall clock is ahead of UTC at `epochMs`, in ms (+5:45 in Kathmandu is 20 700 000). */
export function zoneOffsetMs(epochMs: number, zone: string): number {
  const p = zonedParts(epochMs, zone);
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wallAsUtc - (epochMs - mod(epochMs, 1000));
}

/**
 * What a wall time in `zone` names: one instant (`ok`), none (`gap`: the clocks jumped over it,
 * as 02:30 in Berlin on the last Sunday of March), or two (`overlap`: the clocks went back and
 * it happened twice, as 02:30 on the last Sunday of October).
 *
 * For a gap, `before` is the last whole minute before the jump (01:59 on the old offset) and
 * `after` is the typed time moved forward by the gap (03:30 on the new offset), the two readings a
 * person may have meant; the jump itself lies between them. For an overlap, `earlier` and `later`
 * both read back as the typed wall time, on the old and the new offset.
 */
export type WallResolution = { kind: 'ok'; at: number } | { kind: 'gap'; before: number; after: number } | { kind: 'overlap'; earlier: number; later: number };

/**
 * Resolves `wall` in `zone` without choosing for the person (see {@link WallResolution}); screens
 * that read typed times ask which reading was meant. Throws RangeError as {@link fromZoned} does.
 */
export function resolveWallTime(wall: WallTime, zone: string): WallResolution {
  const { hour = 0, minute = 0, second = 0, millisecond = 0 } = wall;
  assertDate(wall);
  if (!inRange(hour, 0, 23) || !inRange(minute, 0, 59) || !inRange(second, 0, 59) || !inRange(millisecond, 0, 999)) {
    throw new RangeError(`Not a time of day: ${hour}:${minute}:${second}.${millisecond}`);
  }
  const local = utcOf(wall) + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;
  // Zones move by at most one transition within a day on either side (offsets span -12..+14 h),
  // so the offsets a day before and after bracket every candidate.
  const before = zoneOffsetMs(local - DAY_MS, zone);
  const after = zoneOffsetMs(local + DAY_MS, zone);
  if (before === after) {
    // The common case: no transition nearby, one candidate.
    const t = local - before;
    if (t + zoneOffsetMs(t, zone) === local) return { kind: 'ok', at: t };
  }
  const candidates = [local - before, local - after];
  // A second transition nearby (rare, but history has them) shows up as a third offset.
  for (const t of [...candidates]) candidates.push(local - zoneOffsetMs(t, zone));
  const readBack = [...new Set(candidates.filter((t) => t + zoneOffsetMs(t, zone) === local))].sort((a, b) => a - b);
  const earlier = readBack[0];
  const later = readBack[readBack.length - 1];
  if (earlier !== undefined && later !== undefined) return earlier === later ? { kind: 'ok', at: earlier } : { kind: 'overlap', earlier, later };
  // No instant reads `local`: a gap. Reading it with the offset from before the jump lands after
  // the jump, moved forward by the gap's length.
  const oldOffset = Math.min(before, after);
  const jump = transitionBetween(local - Math.max(before, after), local - oldOffset, zone);
  return { kind: 'gap', before: Math.ceil(jump / MINUTE_MS) * MINUTE_MS - MINUTE_MS, after: local - oldOffset };
}

/**
 * The instant at which `zone`'s wall clock reads `wall`, choosing where the wall time is not one
 * instant, for callers that cannot ask (bulk conversions, day and week boundaries):
 * - In a spring-forward gap (02:30 in Berlin on the last Sunday of March) the wall time does not
 *   exist; it moves forward by the gap (to 03:30), as a clock set by hand would read.
 * - In the fall-back hour (02:30 on the last Sunday of October) it happens twice; the earlier
 *   instant is taken, because an entry typed as a start usually means the first pass.
 * Typed times go through {@link resolveWallTime} instead, so that the person chooses.
 *
 * Throws RangeError for fields outside the calendar (month 13, 30 February, hour 24): callers that
 * read user input validate first and report in words; a throw here is a programming error.
 */
export function fromZoned(wall: WallTime, zone: string): number {
  const r = resolveWallTime(wall, zone);
  return r.kind === 'ok' ? r.at : r.kind === 'overlap' ? r.earlier : r.after;
}

/**
 * The first instant at or after which `zone` keeps the offset it has at `hi`, searched in
 * (lo, hi]: the moment of a clock change. Offsets change at whole seconds, so the search stops there.
 */
function transitionBetween(lo: number, hi: number, zone: string): number {
  const target = zoneOffsetMs(hi, zone);
  let a = lo;
  let b = hi;
  while (b - a > 1000) {
    const mid = a + Math.max(1000, Math.floor((b - a) / 2000) * 1000);
    if (zoneOffsetMs(mid, zone) === target) b = mid;
    else a = mid;
  }
  return b - mod(b, 1000);
}

/** The calendar date `zone` shows at `epochMs`. */
export function zonedDate(epochMs: number, zone: string): CalendarDate {
  const { year, month, day } = zonedParts(epochMs, zone);
  return { year, month, day };
}

/** `date` moved by whole calendar days (negative goes back), across month and year ends. */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(utcOf(date) + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday of a calendar date (1 = Monday .. 7 = Sunday), independent of any zone. */
export function weekdayOf(date: CalendarDate): number {
  const sunday0 = new Date(utcOf(date)).getUTCDay();
  return sunday0 === 0 ? 7 : sunday0;
}

/** True when `date` is a real day (refuses 2025-02-29 and month 13), so parsers can say so in words. */
export function isCalendarDate(date: CalendarDate): boolean {
  const { year, month, day } = date;
  if (!inRange(year, 1, 9999) || !inRange(month, 1, 12)) return false;
  // Day 0 of the next month is the last day of this one.
  return inRange(day, 1, new Date(utcOf({ year, month: month + 1, day: 0 })).getUTCDate());
}

/**
 * The first instant of the day containing `epochMs` in `zone`. Usually midnight; where midnight
 * falls in a DST gap (Santiago, historically Brazil) it is the first wall time that exists.
 */
export function startOfZonedDay(epochMs: number, zone: string): number {
  return fromZoned(zonedDate(epochMs, zone), zone);
}

/**
 * The same wall time `days` calendar days later, which is what "same time tomorrow" means: across
 * a DST change that is 23 or 25 hours, not 24. Gaps and repeats resolve as in {@link fromZoned}.
 */
export function addZonedDays(epochMs: number, days: number, zone: string): number {
  const p = zonedParts(epochMs, zone);
  const date = addCalendarDays(p, days);
  return fromZoned({ ...date, hour: p.hour, minute: p.minute, second: p.second, millisecond: mod(epochMs, 1000) }, zone);
}

/**
 * The first instant of the week containing `epochMs`, for week views and weekly totals.
 * `firstDay` is an ISO weekday (1 = Monday, the ISO 8601 default; 7 = Sunday, 6 = Saturday).
 */
export function startOfZonedWeek(epochMs: number, zone: string, firstDay = 1): number {
  if (!Number.isInteger(firstDay) || !inRange(firstDay, 1, 7)) throw new RangeError(`firstDay must be 1..7, got ${firstDay}`);
  const date = zonedDate(epochMs, zone);
  const back = (weekdayOf(date) - firstDay + 7) % 7;
  return fromZoned(addCalendarDays(date, -back), zone);
}

/** An ISO 8601 week: weeks start on Monday and week 1 holds the year's first Thursday. */
export interface IsoWeek {
  /** The week-numbering year, which differs from the calendar year around New Year. */
  year: number;
  /** 1..53. */
  week: number;
}

/** The ISO week a calendar date belongs to, for "week 47" labels and weekly reports. */
export function isoWeekOfDate(date: CalendarDate): IsoWeek {
  // The Thursday of the same Monday-based week decides the year.
  const thursday = addCalendarDays(date, 4 - weekdayOf(date));
  const jan1 = utcOf({ year: thursday.year, month: 1, day: 1 });
  return { year: thursday.year, week: Math.floor((utcOf(thursday) - jan1) / DAY_MS / 7) + 1 };
}

/** The ISO week `epochMs` falls in, as seen on the wall clock of `zone`. */
export function isoWeek(epochMs: number, zone: string): IsoWeek {
  return isoWeekOfDate(zonedDate(epochMs, zone));
}

/** `YYYY-MM-DD` of a calendar date: the format the vault uses for dates without a zone. */
export function formatIsoDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${pad2(date.month)}-${pad2(date.day)}`;
}

/** `HH:MM` on `zone`'s 24-hour wall clock: locale-neutral, for messages and tests. */
export function formatZonedTime(epochMs: number, zone: string): string {
  const p = zonedParts(epochMs, zone);
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

function utcOf(date: CalendarDate): number {
  // Date.UTC maps years 0..99 to 1900..1999; setUTCFullYear does not. Out-of-range months and
  // days roll over, which addCalendarDays and the month-length check rely on.
  return new Date(0).setUTCFullYear(date.year, date.month - 1, date.day);
}

function assertDate(date: CalendarDate): void {
  if (!isCalendarDate(date)) throw new RangeError(`Not a calendar date: ${date.year}-${date.month}-${date.day}`);
}

function inRange(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}

function mod(n: number, m: number): number {
  return ((n % m) + m) % m;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
