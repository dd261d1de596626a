/**
 * The screen's answers, pure: the days that count (with their sources), today's Schengen answer
 * and whether a planned trip fits. Counting reads confirmed countries only (a stored day or a
 * trip); hints count once the person confirms them, as the ledger's docs decide.
 */
import { dayNumber, dayText } from '../calendar-days.ts';
import type { SourcedDay } from '../export/accountant-report.ts';
import { inSchengen } from '../schengen-states.ts';
import { latestExit, schengenStatus, type SchengenStatus } from '../schengen.ts';
import type { LedgerDayView } from './presence-backend.ts';

/** The confirmed countries of `days`, one row per day and country, with the source and where the day ended. */
export function countingDays(days: readonly LedgerDayView[]): SourcedDay[] {
  return days.flatMap((d) =>
    d.countries
      .filter((c) => c.confirmed)
      .map((c) => ({
        day: d.day,
        country: c.country,
        source: c.source,
        ...(c.midnight ? { midnight: true } : {}),
        ...(c.endUnknown === true ? { endUnknown: true } : {}),
      })),
  );
}

export interface SchengenToday {
  status: SchengenStatus;
  /** Inside the area today (a confirmed Schengen country on today's row). */
  inside: boolean;
  /** When inside: the first day of the stay under way, and the last day the person may stay (null: already over). */
  stayFrom?: string;
  latestExit?: string | null;
}

/** Today's answer: days used and left in the window ending today and, when inside, the latest day to leave. */
export function schengenToday(days: readonly SourcedDay[], today: string): SchengenToday {
  const status = schengenStatus(days, today);
  const schengenDays = new Set(days.filter((d) => inSchengen(d.country, d.day)).map((d) => d.day));
  if (!schengenDays.has(today)) return { status, inside: false };
  // The stay under way began on the first of the unbroken Schengen days ending today.
  let first = dayNumber(today);
  while (schengenDays.has(dayText(first - 1))) first -= 1;
  const stayFrom = dayText(first);
  return { status, inside: true, stayFrom, latestExit: latestExit(days, stayFrom) };
}

export type PlanAnswer =
  | { kind: 'outside'; country: string }
  | { kind: 'fits'; latestExit: string; usedOnLastDay: number; leftOnLastDay: number }
  | { kind: 'too-long'; latestExit: string | null; overBy: number };

/** Whether a stay in `country` from `from` to `to` keeps within 90/180 with the days already known. */
export function planTrip(days: readonly SourcedDay[], trip: { from: string; to: string; country: string }): PlanAnswer {
  const first = dayNumber(trip.from);
  const last = dayNumber(trip.to);
  const country = trip.country.toUpperCase();
  if (!inSchengen(country, trip.from) && !inSchengen(country, trip.to)) return { kind: 'outside', country };
  const exit = latestExit(days, trip.from);
  const planned: SourcedDay[] = [];
  for (let n = first; n <= last; n += 1) planned.push({ day: dayText(n), country, source: 'trip' });
  const after = schengenStatus([...days, ...planned], trip.to);
  if (exit !== null && dayNumber(exit) >= last) return { kind: 'fits', latestExit: exit, usedOnLastDay: after.used, leftOnLastDay: after.remaining };
  return { kind: 'too-long', latestExit: exit, overBy: exit === null ? last - first + 1 : last - dayNumber(exit) };
}
