/**
 * The Schengen short-stay rule: at most 90 days in any 180-day period. Pure, on calendar days.
 *
 * - The period for a day is that day and the 179 before it.
 * - Every day with any presence in a Schengen state counts once, entry and exit days included,
 *   whatever else the person did that day; a day in two Schengen states is still one day.
 * - A state counts from the day it applied the rules in full (schengen-states.ts), so a 2023 day in
 *   Romania is not a Schengen day and a 2025 one is.
 * Signatures and sources: docs/presence.md.
 */
import { dayNumber, dayText } from './calendar-days.ts';
import { inSchengen } from './schengen-states.ts';

/** A day of presence: where the person was on that calendar day. Several rows for one day are fine. */
export interface PresenceDay {
  /** 'YYYY-MM-DD'. */
  day: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export const SCHENGEN_MAX_DAYS = 90;
export const SCHENGEN_WINDOW_DAYS = 180;

export interface SchengenStatus {
  /** Schengen days in the 180-day period ending on `on`, `on` included. */
  used: number;
  /** Days still allowed in that period: 90 − used, never below 0. */
  remaining: number;
  /** Days beyond 90 in that period (0 unless the rule was broken). */
  overstay: number;
  /** First day of the period, 'YYYY-MM-DD'. */
  windowStart: string;
  /** The period's last day, `on`. */
  windowEnd: string;
}

/** The distinct day numbers with presence in a Schengen state. */
function schengenDays(days: readonly PresenceDay[]): Set<number> {
  const out = new Set<number>();
  for (const { day, country } of days) {
    const n = dayNumber(day);
    if (inSchengen(country, day)) out.add(n);
  }
  return out;
}

function countIn(set: ReadonlySet<number>, first: number, last: number): number {
  let count = 0;
  for (const n of set) if (n >= first && n <= last) count += 1;
  return count;
}

/** Days used and remaining in the 180-day period ending on `on` ('YYYY-MM-DD'). */
export function schengenStatus(days: readonly PresenceDay[], on: string): SchengenStatus {
  const end = dayNumber(on);
  const start = end - (SCHENGEN_WINDOW_DAYS - 1);
  const used = countIn(schengenDays(days), start, end);
  return {
    used,
    remaining: Math.max(0, SCHENGEN_MAX_DAYS - used),
    overstay: Math.max(0, used - SCHENGEN_MAX_DAYS),
    windowStart: dayText(start),
    windowEnd: on,
  };
}

/**
 * The last day ('YYYY-MM-DD') of a stay in the Schengen area that begins on `entry` and keeps
 * within 90 days in every 180-day period, given the days already in `days`; `null` when even a
 * stay of the entry day alone would break the rule.
 *
 * - The stay is every day from `entry` to the answer. Days already recorded from `entry` on (a
 *   stay under way) are part of it, so for someone already over the limit the answer is the last
 *   allowed day, in the past.
 * - Days recorded after the answer (a trip planned later) stay in the count: the stay may not make
 *   a planned day break the rule. A planned day that breaks it on its own, without the stay, does
 *   not shorten the stay (`schengenStatus` on that day shows the overstay).
 * - Past days drop out of the period as it moves, so the answer can be more than 90 − used days on.
 */
export function latestExit(days: readonly PresenceDay[], entry: string): string | null {
  const first = dayNumber(entry);
  const recorded = schengenDays(days);
  // No stay can pass 90 days in a row; the last candidate is entry + 89.
  const lastCandidate = first + SCHENGEN_MAX_DAYS - 1;
  const horizon = lastCandidate + SCHENGEN_WINDOW_DAYS;
  // Presence per day from the earliest period that can matter to the last one the stay can reach.
  const base = first - (SCHENGEN_WINDOW_DAYS - 1);
  const alone = new Uint8Array(horizon - base + 1);
  for (const n of recorded) if (n >= base && n <= horizon) alone[n - base] = 1;
  const withStay = alone.slice();

  /** Whether a stay to `last` keeps every counted day from `entry` on within the rule. */
  const fits = (last: number): boolean => {
    let used = 0;
    let usedAlone = 0;
    for (let i = 0; i < withStay.length; i++) {
      used += withStay[i]!;
      usedAlone += alone[i]!;
      if (i >= SCHENGEN_WINDOW_DAYS) {
        used -= withStay[i - SCHENGEN_WINDOW_DAYS]!;
        usedAlone -= alone[i - SCHENGEN_WINDOW_DAYS]!;
      }
      const day = base + i;
      if (withStay[i] !== 1 || day < first) continue;
      const allowed = day <= last ? SCHENGEN_MAX_DAYS : Math.max(SCHENGEN_MAX_DAYS, usedAlone);
      if (used > allowed) return false;
    }
    return true;
  };

  let answer: number | null = null;
  for (let n = first; n <= lastCandidate; n++) {
    withStay[n - base] = 1;
    // Each day added only raises counts and tightens its own bound: once broken, longer stays are too.
    if (!fits(n)) break;
    answer = n;
  }
  return answer === null ? null : dayText(answer);
}
