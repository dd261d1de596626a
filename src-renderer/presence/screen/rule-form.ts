/** A country's tax-year rule and the Schengen warning as typed, checked in the words of their labels. */
import type { PresenceRules } from '../../domain/presence.ts';
import type { FieldErrors } from '../../ui/field-errors.ts';
import type { TaxYearRule } from '../tax-year.ts';

export type RuleField = 'yearStart' | 'counting' | 'threshold' | 'warnAt';
export const RULE_FIELDS: readonly RuleField[] = ['yearStart', 'counting', 'threshold', 'warnAt'];

export interface RuleFormValues {
  yearStart: string;
  counting: 'any-part' | 'midnight';
  threshold: string;
  warnAt: string;
}

export function ruleFormValues(rule: TaxYearRule): RuleFormValues {
  return {
    yearStart: rule.yearStart,
    counting: rule.counting,
    threshold: String(rule.threshold),
    warnAt: rule.warnAt === undefined ? '' : String(rule.warnAt),
  };
}

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/u;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function wholeDays(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,3}$/u.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= 366 ? n : null;
}

/** The rule, or each field's problem. */
export function toRule(values: RuleFormValues): { ok: true; rule: TaxYearRule } | { ok: false; errors: FieldErrors<RuleField> } {
  const errors: FieldErrors<RuleField> = {};
  const start = values.yearStart.trim();
  const match = MONTH_DAY.exec(start);
  if (!match) errors.yearStart = 'Year starts: a month and day such as 04-06 (6 April)';
  else if (start === '02-29') errors.yearStart = 'Year starts: 29 February is not a day of every year; choose 02-28 or 03-01';
  else if (Number(match[2]) > (DAYS_IN_MONTH[Number(match[1]) - 1] ?? 31)) errors.yearStart = `Year starts: ${start} is not a day of the year`;
  const threshold = wholeDays(values.threshold);
  if (threshold === null) errors.threshold = 'Threshold: a whole number of days from 1 to 366';
  let warnAt: number | undefined;
  if (values.warnAt.trim() !== '') {
    const n = wholeDays(values.warnAt);
    if (n === null) errors.warnAt = 'Warn at: a whole number of days from 1 to 366, or empty for no warning';
    else if (threshold !== null && n >= threshold) errors.warnAt = 'Warn at: must be below the threshold';
    else warnAt = n;
  }
  if (Object.keys(errors).length > 0 || threshold === null) return { ok: false, errors };
  return { ok: true, rule: { yearStart: start, counting: values.counting, threshold, ...(warnAt === undefined ? {} : { warnAt }) } };
}

/** The Schengen warning as typed: days left (0 turns it off). */
export function toSchengenWarning(text: string): { ok: true; days: number } | { ok: false; error: string } {
  const t = text.trim();
  if (!/^\d{1,2}$/u.test(t) || Number(t) > 90) return { ok: false, error: 'Warn when this many days are left: a whole number from 0 (never) to 90' };
  return { ok: true, days: Number(t) };
}

/** `rules` with `country`'s rule set, or removed (back to the defaults) when `rule` is null. */
export function withRule(rules: PresenceRules, country: string, rule: TaxYearRule | null): PresenceRules {
  const taxYears = { ...rules.taxYears };
  if (rule === null) delete taxYears[country];
  else taxYears[country] = rule;
  return { ...rules, taxYears };
}
