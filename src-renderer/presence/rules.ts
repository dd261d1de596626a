/**
 * The ledger's settings (`presence.rules`, a workspace setting synced like the others): tax-year
 * rules per country and when to warn. Read tolerantly: a value this version cannot read in full
 * (damaged, or written by a newer version with a field it does not know) keeps every part that is
 * valid and takes the default for the rest, so a person's thresholds are never dropped wholesale.
 * Written only when valid, with the problem said in the words of the field.
 */
import { z } from 'zod';
import { DEFAULT_PRESENCE_RULES, PRESENCE_RULES_KEY, presenceRulesSchema, taxYearRuleSchema, type PresenceRules } from '../domain/presence.ts';
import { countryName } from '../domain/countries.ts';
import { issueInWords } from '../ui/field-errors.ts';
import type { RepoContext } from '../vault/repos/context.ts';
import { getSetting, setSetting } from '../vault/repos/settings.ts';

const COUNTRY = /^[A-Z]{2}$/u;
/**
 * One country's rule read leniently: fields this version does not know are ignored, not a reason
 * to drop the rule (a newer version may add one; the stored rule itself is untouched, see
 * {@link keepUnknown}).
 */
const lenientRule = z.object(taxYearRuleSchema.shape);
const RULE_KEYS = new Set(Object.keys(taxYearRuleSchema.shape));
const RULES_KEYS = new Set(Object.keys(presenceRulesSchema.shape));
const LABELS: Readonly<Record<string, string>> = {
  yearStart: 'Tax year starts',
  counting: 'Counting',
  threshold: 'Threshold (days)',
  warnAt: 'Warn at (days)',
  schengenWarnDaysLeft: 'Warn at Schengen days left',
  notify: 'Notify',
};

/** The rules in `value`, every unreadable part replaced by its default. */
export function readPresenceRules(value: unknown): PresenceRules {
  const whole = presenceRulesSchema.safeParse(value);
  if (whole.success) return whole.data;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return DEFAULT_PRESENCE_RULES;
  const v = value as Record<string, unknown>;
  const taxYears: PresenceRules['taxYears'] = {};
  const given = v['taxYears'];
  if (typeof given === 'object' && given !== null && !Array.isArray(given)) {
    for (const [country, rule] of Object.entries(given)) {
      const parsed = lenientRule.safeParse(rule);
      if (COUNTRY.test(country) && parsed.success) taxYears[country] = parsed.data;
    }
  }
  const days = presenceRulesSchema.shape.schengenWarnDaysLeft.safeParse(v['schengenWarnDaysLeft']);
  const notify = v['notify'];
  return {
    taxYears,
    schengenWarnDaysLeft: days.success ? days.data : DEFAULT_PRESENCE_RULES.schengenWarnDaysLeft,
    notify: typeof notify === 'boolean' ? notify : DEFAULT_PRESENCE_RULES.notify,
  };
}

/** The stored rules (the defaults when none are stored or they do not read). */
export async function loadPresenceRules(ctx: RepoContext): Promise<PresenceRules> {
  return readPresenceRules(await getSetting(ctx, PRESENCE_RULES_KEY));
}

/** Outcome of {@link savePresenceRules}: saved, or why not in words (nothing written). */
export type SaveRulesOutcome = { ok: true; rules: PresenceRules } | { ok: false; message: string };

/** Saves the rules when they are valid ("Warn at (days), Portugal: must be at most 366." otherwise). */
export async function savePresenceRules(ctx: RepoContext, rules: PresenceRules): Promise<SaveRulesOutcome> {
  const parsed = presenceRulesSchema.safeParse(rules);
  if (!parsed.success) {
    const messages = parsed.error.issues.map((issue) => {
      const key = [...issue.path].reverse().find((p): p is string => typeof p === 'string' && !COUNTRY.test(p)) ?? '';
      const country = issue.path.find((p): p is string => typeof p === 'string' && COUNTRY.test(p));
      const label = `${LABELS[key] ?? 'Rules'}${country === undefined ? '' : ` (${countryName(country)})`}`;
      return issueInWords(issue, label);
    });
    return { ok: false, message: `The presence rules were not saved. ${[...new Set(messages)].join(' ')}` };
  }
  for (const [country, rule] of Object.entries(parsed.data.taxYears)) {
    if (rule.warnAt !== undefined && rule.warnAt > rule.threshold) {
      return {
        ok: false,
        message: `The presence rules were not saved. Warn at (days) (${countryName(country)}) must not be above the threshold (${rule.threshold}).`,
      };
    }
  }
  await setSetting(ctx, PRESENCE_RULES_KEY, keepUnknown(await getSetting(ctx, PRESENCE_RULES_KEY), parsed.data));
  return { ok: true, rules: parsed.data };
}

function plain(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/**
 * `rules` with the fields of the stored value that this version does not know put back (top level,
 * and in each country's rule that is still there): a newer version's field, saved by a device on
 * this version, would otherwise be erased on every device. Known fields are this save's alone, so
 * a field the person cleared (a warning) stays cleared.
 */
function keepUnknown(stored: unknown, rules: PresenceRules): Record<string, unknown> {
  const raw = plain(stored) ?? {};
  const unknown = (from: Record<string, unknown>, known: ReadonlySet<string>) => Object.fromEntries(Object.entries(from).filter(([k]) => !known.has(k)));
  const rawYears = plain(raw['taxYears']) ?? {};
  const taxYears = Object.fromEntries(
    Object.entries(rules.taxYears).map(([country, rule]) => [country, { ...unknown(plain(rawYears[country]) ?? {}, RULE_KEYS), ...rule }]),
  );
  return { ...unknown(raw, RULES_KEYS), ...rules, taxYears };
}
