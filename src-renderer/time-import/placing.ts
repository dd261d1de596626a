/**
 * Wall times of a row to instants, in the row's zone (a zone column) or the import's. A wall time
 * that does not exist (the hour the clocks skip in spring) is refused with the row named, never
 * moved silently; one that happens twice (the autumn hour) is read as the first, as
 * time/zoned-time.ts does everywhere. Rows without start times (Harvest) are laid one after
 * another from {@link STACK_FROM} on their day, in the file's order.
 */
import { isTimeZone } from '../domain/common.ts';
import { MAX_BLOCK_MS } from '../domain/time-block.ts';
import { formatZonedTime, fromZoned, zonedParts } from '../time/zoned-time.ts';
import { type ClockTime, formatClock } from './cell-values.ts';
import type { TimeEntry } from './read-entries.ts';

/** Where a day's blocks start when the file has durations only: 09:00. */
export const STACK_FROM: ClockTime = { hour: 9, minute: 0, second: 0 };

export interface Placed {
  readonly start: number;
  readonly end: number;
  readonly zone: string;
}

/** A row placed in time, an error in words, or `zero` for a row of no duration (left out). */
export type Placement = { readonly placed: Placed } | { readonly error: string } | { readonly zero: true };

const dateParts = (day: string) => {
  const [year, month, date] = day.split('-').map(Number);
  return { year: year ?? 0, month: month ?? 0, day: date ?? 0 };
};

/** The instant `clock` on `day` in `zone`, or null when the clocks skip it there. */
function instant(day: string, clock: ClockTime, zone: string): number | null {
  const t = fromZoned({ ...dateParts(day), ...clock }, zone);
  const p = zonedParts(t, zone);
  return p.hour === clock.hour && p.minute === clock.minute ? t : null;
}

/** Places the entries of one file; `zone` is the import's. Keeps state for stacking, so call in file order. */
export function placer(zone: string): (entry: TimeEntry) => Placement {
  const stacked = new Map<string, number>();
  return (entry) => {
    const where = entry.zone ?? zone;
    const row = `Row ${entry.line}`;
    if (!isTimeZone(where)) return { error: `${row}: '${where}' is not a time zone.` };
    const gap = (day: string, clock: ClockTime) =>
      `${row}: ${formatClock(clock)} on ${day} does not exist in ${where}: the clocks skip that hour. Correct the time in the file.`;
    let start: number;
    if (entry.start) {
      const t = instant(entry.day, entry.start, where);
      if (t === null) return { error: gap(entry.day, entry.start) };
      start = t;
    } else {
      const slot = `${where}|${entry.day}`;
      const first = instant(entry.day, STACK_FROM, where) ?? fromZoned({ ...dateParts(entry.day), ...STACK_FROM }, where);
      start = stacked.get(slot) ?? first;
      stacked.set(slot, start + (entry.durationMs ?? 0));
    }
    let end: number;
    if (entry.end && entry.endDay) {
      const t = instant(entry.endDay, entry.end, where);
      if (t === null) return { error: gap(entry.endDay, entry.end) };
      end = t;
      if (end < start) return { error: `${row}: End ${formatClock(entry.end)} is before Start ${formatZonedTime(start, where)}.` };
    } else end = start + (entry.durationMs ?? 0);
    if (end === start) return { zero: true };
    if (end - start > MAX_BLOCK_MS) return { error: `${row}: the entry lasts more than 24 hours, longer than a block can be. Split it in the file.` };
    return { placed: { start, end, zone: where } };
  };
}
