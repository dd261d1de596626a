/**
 * Which calendar day a block belongs to: the day its start falls on in its display zone
 * (display-zone.ts). One day per block, so a block from 23:00 to 01:00 counts once, on the day it
 * started, and a day of 23 or 25 hours (a daylight-saving change) holds exactly the blocks that
 * started on it. Durations are always end − start in UTC, never wall-clock differences.
 */
import { formatIsoDate, zonedDate } from './zoned-time.ts';

const DAY_MS = 86_400_000;

/** The least a block needs to be put on a day. */
export interface DayBlock {
  readonly start: number;
  readonly end: number;
  readonly zone: string;
  readonly clientId: string;
}

/** `YYYY-MM-DD` of `block`'s start in `zoneOf(block)`. */
export function blockDay<T extends DayBlock>(block: T, zoneOf: (block: T) => string): string {
  return formatIsoDate(zonedDate(block.start, zoneOf(block)));
}

/**
 * The blocks of `sorted` (by start) that belong to one of `days`, given instants `from`..`to`
 * that those days span in the home zone. Other display zones are at most 26 hours away from any
 * zone, so the search reaches two days beyond either end and then asks each block its day.
 */
export function blocksOnDays<T extends DayBlock>(sorted: readonly T[], days: ReadonlySet<string>, zoneOf: (block: T) => string, from: number, to: number): T[] {
  const lo = firstAtOrAfter(sorted, from - 2 * DAY_MS);
  const out: T[] = [];
  for (let i = lo; i < sorted.length; i++) {
    const b = sorted[i] as T;
    if (b.start >= to + 2 * DAY_MS) break;
    if (days.has(blockDay(b, zoneOf))) out.push(b);
  }
  return out;
}

/** Time per day (end − start, in ms), keyed `YYYY-MM-DD` as {@link blockDay} assigns it. */
export function msByDay<T extends DayBlock>(blocks: readonly T[], zoneOf: (block: T) => string): Map<string, number> {
  const totals = new Map<string, number>();
  for (const b of blocks) {
    const day = blockDay(b, zoneOf);
    totals.set(day, (totals.get(day) ?? 0) + (b.end - b.start));
  }
  return totals;
}

function firstAtOrAfter(sorted: readonly DayBlock[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as DayBlock).start < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
