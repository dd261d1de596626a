/**
 * ISO weeks and calendar months in an IANA zone, as [start, end) instants, for report buckets.
 *
 * Internal to src-renderer/reports: deliberately minimal so that it can be swapped for
 * src-renderer/time-blocks/zoned-time.ts (written in parallel) rather than grow into a second
 * time library. Only `Intl.DateTimeFormat` and `Date.UTC`, so it runs in the renderer and under Node.
 */
import { DAY_MS, utcDay } from '../domain/common.ts';

/** A calendar bucket: a week or month on the report zone's wall clock. */
export interface Bucket {
  /** First instant, UTC epoch ms (00:00 on the first day in the zone, or the first instant after a skipped midnight). */
  readonly start: number;
  /** First instant of the next bucket, exclusive. */
  readonly end: number;
  /** `2026-W47` for a week, `2026-11` for a month: stable keys for CSV and UI. */
  readonly label: string;
}

// One formatter per zone: constructing one costs far more than formatting with it.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      calendar: 'iso8601',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  return format;
}

/** The zone's wall clock at `t`, read back as if it were UTC (so `wall - t` is the offset). */
function wallAsUtc(t: number, zone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(t)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = fields;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** Offset of the zone from UTC at `t`, ms (positive east of Greenwich). Intl works in whole seconds. */
function offsetAt(t: number, zone: string): number {
  const wholeSecond = t - (((t % 1000) + 1000) % 1000);
  return wallAsUtc(t, zone) - wholeSecond;
}

/** Day number (days since 1970-01-01) of the zone's calendar date at `t`. */
function zonedDayNumber(t: number, zone: string): number {
  return utcDay(wallAsUtc(t, zone));
}

/**
 * First instant of calendar day `dayNumber` in the zone. Midnight can be doubled (clocks go back
 * at 00:00: the earlier one wins) or skipped (Santiago, Havana and Cairo jump 00:00 → 01:00: the
 * day then starts at the jump, which is where the old offset would have read midnight).
 */
function startOfZonedDay(dayNumber: number, zone: string): number {
  const wall = dayNumber * DAY_MS;
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  const candidates = [wall - before, wall - after].filter((t) => wall - offsetAt(t, zone) === t);
  return candidates.length > 0 ? Math.min(...candidates) : wall - before;
}

/** 0 for Monday … 6 for Sunday; day 0 (1970-01-01) was a Thursday. */
function isoWeekday(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

/** The ISO week containing `t` in `zone`: Monday 00:00 to the next Monday 00:00, labelled by ISO week-year. */
export function isoWeekOf(t: number, zone: string): Bucket {
  const day = zonedDayNumber(t, zone);
  const monday = day - isoWeekday(day);
  // The ISO week belongs to the year of its Thursday, which is how 2027-01-01 ends up in 2026-W53.
  const thursday = new Date((monday + 3) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((monday + 3 - utcDay(Date.UTC(year, 0, 1))) / 7) + 1;
  return {
    start: startOfZonedDay(monday, zone),
    end: startOfZonedDay(monday + 7, zone),
    label: `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`,
  };
}

/** The calendar month containing `t` in `zone`. */
export function monthOf(t: number, zone: string): Bucket {
  const date = new Date(zonedDayNumber(t, zone) * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  return {
    start: startOfZonedDay(utcDay(Date.UTC(year, month, 1)), zone),
    end: startOfZonedDay(utcDay(Date.UTC(year, month + 1, 1)), zone),
    label: `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}`,
  };
}

/**
 * `bucketOf` memoised per UTC day. Intl is the slow part of bucketing 100 000 blocks, but they
 * fall on a few thousand UTC days, and a UTC day holds at most one week or month boundary, so the
 * buckets overlapping a day, computed once, answer every instant in it.
 */
export function memoBuckets(zone: string, bucketOf: (t: number, zone: string) => Bucket): (t: number) => Bucket {
  const byDay = new Map<number, Bucket[]>();
  return (t) => {
    const day = utcDay(t);
    let buckets = byDay.get(day);
    if (buckets === undefined) {
      const dayEnd = (day + 1) * DAY_MS;
      buckets = [bucketOf(day * DAY_MS, zone)];
      for (let last = buckets[0]; last !== undefined && last.end < dayEnd; last = buckets[buckets.length - 1]) {
        buckets.push(bucketOf(last.end, zone));
      }
      byDay.set(day, buckets);
    }
    return buckets.find((bucket) => t < bucket.end) ?? bucketOf(t, zone);
  };
}
