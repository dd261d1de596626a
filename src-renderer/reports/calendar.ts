/**
 * ISO weeks and calendar months in an IANA zone, as [start, end) instants, for report buckets.
 * The calendar arithmetic is zoned-time.ts's; this adds the bucket shape and its memo.
 */
import { DAY_MS, utcDay } from '../domain/common.ts';
import { addCalendarDays, addZonedDays, formatIsoDate, fromZoned, isoWeek, startOfZonedWeek, zonedDate } from '../time/zoned-time.ts';

/** A calendar bucket: a week or month on the report zone's wall clock. */
export interface Bucket {
  /** First instant, UTC epoch ms (00:00 on the first day in the zone, or the first instant after a skipped midnight). */
  readonly start: number;
  /** First instant of the next bucket, exclusive. */
  readonly end: number;
  /** `2026-W47` for a week, `2026-11` for a month: stable keys for CSV and UI. */
  readonly label: string;
}

/** The ISO week containing `t` in `zone`: Monday 00:00 to the next Monday 00:00, labelled by ISO week-year. */
export function isoWeekOf(t: number, zone: string): Bucket {
  const start = startOfZonedWeek(t, zone);
  const { year, week } = isoWeek(t, zone);
  return {
    start,
    end: addZonedDays(start, 7, zone),
    label: `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`,
  };
}

/** The calendar month containing `t` in `zone`. */
export function monthOf(t: number, zone: string): Bucket {
  const { year, month } = zonedDate(t, zone);
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return {
    start: fromZoned({ year, month, day: 1, hour: 0, minute: 0 }, zone),
    end: fromZoned({ ...next, day: 1, hour: 0, minute: 0 }, zone),
    label: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`,
  };
}

/** The calendar day containing `t` in `zone`, labelled `YYYY-MM-DD` (for per-day rounding). */
export function dayOf(t: number, zone: string): Bucket {
  const date = zonedDate(t, zone);
  return { start: fromZoned(date, zone), end: fromZoned(addCalendarDays(date, 1), zone), label: formatIsoDate(date) };
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

/**
 * {@link memoBuckets} for blocks bucketed each in its own display zone ('block' or 'client', see
 * time/display-zone.ts): one memo per zone met, so a report over a few zones stays as fast.
 */
export function memoBucketsByZone(bucketOf: (t: number, zone: string) => Bucket): (t: number, zone: string) => Bucket {
  const byZone = new Map<string, (t: number) => Bucket>();
  return (t, zone) => {
    let memo = byZone.get(zone);
    if (memo === undefined) {
      memo = memoBuckets(zone, bucketOf);
      byZone.set(zone, memo);
    }
    return memo(t);
  };
}
