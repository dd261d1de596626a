/**
 * Rates that change from a date on: "€95 / h until March, €110 / h from 1 April". A block is billed
 * at the rate in force on its day; earlier blocks keep the rate they were worked at. Pure.
 */
import { dayNumber } from '../presence/calendar-days.ts';

export interface RateChange {
  /** First day the rate applies, 'YYYY-MM-DD'. */
  from: string;
  rateMinor: number;
}

export type RateSchedule = readonly RateChange[];

export type ScheduleCheck = { ok: true; schedule: RateChange[] } | { ok: false; problem: string };

/** The schedule sorted by day, refusing a day that is not one, two rates from one day or a negative rate, in words. */
export function checkSchedule(changes: readonly RateChange[]): ScheduleCheck {
  for (const change of changes) {
    try {
      dayNumber(change.from);
    } catch {
      return { ok: false, problem: `Rate from: "${change.from}" is not a date. Choose the first day the rate applies.` };
    }
  }
  const sorted = [...changes].sort((a, b) => a.from.localeCompare(b.from));
  for (const [i, change] of sorted.entries()) {
    if (!Number.isSafeInteger(change.rateMinor) || change.rateMinor < 0) {
      return { ok: false, problem: `Rate from ${change.from}: a rate is an amount of 0 or more.` };
    }
    if (i > 0 && sorted[i - 1]!.from === change.from) {
      return { ok: false, problem: `Rate from ${change.from}: two rates start that day. Keep one.` };
    }
  }
  return { ok: true, schedule: sorted };
}

/** The rate in force on `day` ('YYYY-MM-DD'): the latest change from that day or before; undefined before the first. */
export function rateOn(schedule: RateSchedule, day: string): number | undefined {
  let rate: number | undefined;
  for (const change of schedule) {
    // ISO days compare as text; the schedule is sorted (checkSchedule).
    if (change.from > day) break;
    rate = change.rateMinor;
  }
  return rate;
}

export interface RatePeriodItems<T> {
  /** The change that sets the rate; undefined for items before the first change. */
  change: RateChange | undefined;
  items: T[];
}

/**
 * Items grouped by the rate change in force on their day, in schedule order: an invoice prints one
 * line per period, so "3:00 h at €95.00 / h" and "2:00 h at €110.00 / h" never blend into one price,
 * and two periods at the same price (95 → 110 → 95) stay apart. Items before the first change come
 * first, under `change: undefined` (the caller says what to do with them). Empty periods are left out.
 */
export function groupByRate<T extends { day: string }>(schedule: RateSchedule, items: readonly T[]): RatePeriodItems<T>[] {
  const groups: RatePeriodItems<T>[] = [{ change: undefined, items: [] }, ...schedule.map((change) => ({ change, items: [] as T[] }))];
  for (const item of items) {
    let index = 0;
    for (const [i, change] of schedule.entries()) if (change.from <= item.day) index = i + 1;
    groups[index]!.items.push(item);
  }
  return groups.filter((g) => g.items.length > 0);
}
