/**
 * A project's rounding rule for billed time, applied on invoices and reports and never to the
 * stored blocks: none, or up / to the nearest 6, 15 or 30 minutes, per block or per day. Pure.
 * "Nearest" rounds a half step up (7:30 of a 15-minute step becomes 15), as people expect.
 */

export type RoundingStep = 6 | 15 | 30;

export type RoundingRule = { mode: 'none' } | { mode: 'up' | 'nearest'; stepMinutes: RoundingStep; per: 'block' | 'day' };

export const NO_ROUNDING: RoundingRule = { mode: 'none' };

const MINUTE_MS = 60_000;

/** One block's billable time and the calendar day it counts on (in the zone reports use). */
export interface BillableStretch {
  ms: number;
  /** 'YYYY-MM-DD'. */
  day: string;
}

function roundMs(ms: number, rule: Exclude<RoundingRule, { mode: 'none' }>): number {
  const step = rule.stepMinutes * MINUTE_MS;
  if (ms <= 0) return 0;
  const steps = rule.mode === 'up' ? Math.ceil(ms / step) : Math.floor((ms + step / 2) / step);
  return steps * step;
}

/** The billed time of `stretches` under `rule`, in ms. Summed first per day under a per-day rule. */
export function roundedBillableMs(stretches: readonly BillableStretch[], rule: RoundingRule): number {
  if (rule.mode === 'none') return stretches.reduce((sum, s) => sum + s.ms, 0);
  if (rule.per === 'block') return stretches.reduce((sum, s) => sum + roundMs(s.ms, rule), 0);
  const perDay = new Map<string, number>();
  for (const s of stretches) perDay.set(s.day, (perDay.get(s.day) ?? 0) + s.ms);
  let total = 0;
  for (const ms of perDay.values()) total += roundMs(ms, rule);
  return total;
}

/** The rule in a few words for a settings list or an invoice footnote. */
export function describeRounding(rule: RoundingRule): string {
  if (rule.mode === 'none') return 'No rounding';
  const how = rule.mode === 'up' ? 'Rounded up' : 'Rounded to the nearest';
  return `${how} ${rule.stepMinutes} minutes, ${rule.per === 'block' ? 'per block' : 'per day'}`;
}
