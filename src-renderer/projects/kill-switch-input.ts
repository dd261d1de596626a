/**
 * A kill switch's stop point as the form types it and as it is stored, both ways: the add form,
 * the edit form and the "new budget" of an acknowledgement read and prefill it the same way.
 */
import type { KillTrigger } from '../domain/kill-switch.ts';
import { formatMinorPlain, toMinor } from '../reports/money.ts';

export type TriggerKind = KillTrigger['kind'];
export type Comparator = Extract<KillTrigger, { kind: 'metric' }>['comparator'];

export interface TriggerInput {
  kind: TriggerKind;
  /** Hours, an amount, a `YYYY-MM-DD` date or a metric value, as typed. */
  threshold: string;
  currency: string;
  experimentId: string;
  comparator: Comparator;
}

/** The label of the threshold field, which its error messages start with. */
export function thresholdLabel(kind: TriggerKind, currency: string): string {
  return kind === 'hours' ? 'Hours' : kind === 'spend' ? `Amount (${currency})` : kind === 'metric' ? 'Value' : 'Date';
}

/** The trigger typed, or the message for the field that is wrong (`threshold` or `experiment`). */
export function triggerFromInput(input: TriggerInput): { ok: true; trigger: KillTrigger } | { ok: false; field: 'threshold' | 'experiment'; message: string } {
  const label = thresholdLabel(input.kind, input.currency);
  const bad = (message: string, field: 'threshold' | 'experiment' = 'threshold') => ({ ok: false as const, field, message });
  const text = input.threshold.trim();
  if (input.kind === 'hours') {
    const hours = /^\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : Number.NaN;
    if (!(hours > 0)) return bad(`${label}: type the number of hours, more than 0, such as 40.`);
    if (hours > 100_000) return bad(`${label}: at most 100,000 hours.`);
    return { ok: true, trigger: { kind: 'hours', hours } };
  }
  if (input.kind === 'spend') {
    const amount = toMinor(text, input.currency);
    if (!amount.ok) return bad(`${label}: ${amount.message}`);
    if (amount.minor <= 0) return bad(`${label}: type the spend at which to stop, more than 0.`);
    return { ok: true, trigger: { kind: 'spend', amountMinor: amount.minor, currency: input.currency } };
  }
  if (input.kind === 'metric') {
    if (!input.experimentId) return bad('Experiment: a metric stop point watches an experiment; add one first.', 'experiment');
    const value = /^[+-]?\d+([.,]\d+)?$/.test(text) ? Number(text.replace(',', '.')) : Number.NaN;
    if (!Number.isFinite(value)) return bad(`${label}: type the value, such as 0.65.`);
    return { ok: true, trigger: { kind: 'metric', experimentId: input.experimentId, comparator: input.comparator, threshold: value } };
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? { ok: true, trigger: { kind: 'date', date: text } } : bad(`${label}: choose the date.`);
}

/** The form's input for a stored trigger (to prefill an edit or a new budget). */
export function inputFromTrigger(trigger: KillTrigger, currency: string): TriggerInput {
  const base = { currency, experimentId: '', comparator: '<' as Comparator };
  switch (trigger.kind) {
    case 'hours':
      return { ...base, kind: 'hours', threshold: String(trigger.hours) };
    case 'spend':
      return { ...base, kind: 'spend', currency: trigger.currency, threshold: formatMinorPlain(trigger.amountMinor, trigger.currency) };
    case 'date':
      return { ...base, kind: 'date', threshold: trigger.date };
    case 'metric':
      return { ...base, kind: 'metric', experimentId: trigger.experimentId, comparator: trigger.comparator, threshold: String(trigger.threshold) };
  }
}

/** Whether two triggers are the same stop point. */
export function sameTrigger(a: KillTrigger, b: KillTrigger): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
