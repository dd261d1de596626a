/**
 * A project's billing rules as typed in the project form: how billed time is rounded
 * (invoices/billing-rounding.ts) and hourly rates from a day on (invoices/rate-schedule.ts,
 * checked with `checkSchedule`). Tested without a DOM.
 */
import type { Project } from '../domain/project.ts';
import { type RoundingRule, type RoundingStep } from '../invoices/billing-rounding.ts';
import { checkSchedule, type RateChange } from '../invoices/rate-schedule.ts';
import { formatMinorPlain, toMinor } from '../reports/money.ts';

export interface RateChangeRow {
  /** Stable React key of the row (rows are added and removed). */
  key: string;
  /** 'YYYY-MM-DD' from a date input. */
  from: string;
  /** As typed, in the project's currency. */
  rate: string;
}

export interface BillingRulesValues {
  roundingMode: RoundingRule['mode'];
  roundingStep: `${RoundingStep}`;
  roundingPer: 'block' | 'day';
  rateChanges: RateChangeRow[];
}

export type RulesCheck =
  | { ok: true; rounding: RoundingRule | undefined; rateChanges: RateChange[] | undefined }
  /** `row`: the rate change the message is about, where it is one row's. */
  | { ok: false; message: string; row: number };

let rowCount = 0;
/** A fresh row key. */
export function rowKey(): string {
  rowCount += 1;
  return `rate-${rowCount}`;
}

/** The section for a stored project, or none (no rounding, no changes). */
export function billingRulesValues(project: Pick<Project, 'rounding' | 'rateChanges' | 'currency'> | undefined): BillingRulesValues {
  const rounding = project?.rounding;
  return {
    roundingMode: rounding?.mode ?? 'none',
    roundingStep: rounding && rounding.mode !== 'none' ? `${rounding.stepMinutes}` : '15',
    roundingPer: rounding && rounding.mode !== 'none' ? rounding.per : 'block',
    rateChanges: (project?.rateChanges ?? []).map((c) => ({ key: rowKey(), from: c.from, rate: formatMinorPlain(c.rateMinor, project?.currency ?? 'EUR') })),
  };
}

/** The rules to store, or the one thing to fix (schedules are refused one problem at a time, naming the day). */
export function toBillingRules(values: BillingRulesValues, currency: string): RulesCheck {
  const rounding: RoundingRule | undefined =
    values.roundingMode === 'none'
      ? undefined
      : { mode: values.roundingMode, stepMinutes: Number(values.roundingStep) as RoundingStep, per: values.roundingPer };
  const changes: RateChange[] = [];
  for (const [row, change] of values.rateChanges.entries()) {
    if (change.from === '') return { ok: false, message: `Rate change ${row + 1}: choose the first day the rate applies.`, row };
    const rate = toMinor(change.rate.trim() === '' ? 'x' : change.rate, currency);
    if (!rate.ok) return { ok: false, message: `Rate from ${change.from}: type the hourly rate in ${currency}, such as 110.`, row };
    changes.push({ from: change.from, rateMinor: rate.minor });
  }
  const checked = checkSchedule(changes);
  if (!checked.ok) {
    // The schedule names the day; point at the (last) row that has it.
    const day = /\d{4}-\d{2}-\d{2}/u.exec(checked.problem)?.[0];
    const row = day === undefined ? 0 : values.rateChanges.map((c) => c.from).lastIndexOf(day);
    return { ok: false, message: checked.problem, row: Math.max(0, row) };
  }
  return { ok: true, rounding, rateChanges: checked.schedule.length === 0 ? undefined : checked.schedule };
}
