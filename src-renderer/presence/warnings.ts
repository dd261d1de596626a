/**
 * The warnings the presence ledger raises, pure: given the counting days (ledger.ts
 * `ledgerDaysForCounting`), the person's rules and today, which warnings to show.
 * - Schengen: when the days left in the 180 days ending today are at or below
 *   `rules.schengenWarnDaysLeft` (0 turns it off), once any day was used; with the latest day to
 *   leave when the person is inside the area today (schengen.ts `latestExit`, which keeps planned
 *   trips in the count).
 * - Tax years: each country whose count in its CURRENT tax year (the one holding today) is at or
 *   past its warning (`warnAt`) or its threshold. Days after today (planned trips) are not counted:
 *   a warning says what has happened; the Schengen exit already looks ahead.
 * - Schengen, possibly: when the confirmed days raise no Schengen warning but counting the
 *   unconfirmed hint days as well would, the warning says "possibly" and how many days are hints.
 * Which of them to notify, once per day per warning, is notify-memory.ts.
 */
import type { PresenceRules } from '../domain/presence.ts';
import { countryName } from '../domain/countries.ts';
import { formatCalendarDate } from '../ui/format/dates.ts';
import { inSchengen } from './schengen-states.ts';
import { latestExit, schengenStatus, SCHENGEN_MAX_DAYS } from './schengen.ts';
import { daysPerCountry, type LedgerDay, type TaxYearRule } from './tax-year.ts';

/** One warning to show (and perhaps notify). */
export type PresenceWarning =
  | {
      /** Stable per warning and period: what the notify memory keys on. */
      id: 'schengen';
      kind: 'schengen';
      /** 'over' once no day is left (or the limit was passed); 'warning' before. */
      level: 'warning' | 'over';
      title: string;
      message: string;
      used: number;
      remaining: number;
      overstay: number;
      /** The last day to leave when inside the area today; null when even today breaks the rule; absent when outside. */
      latestExit?: string | null;
      /**
       * Set when only unconfirmed hint days bring the count to the warning: `used` and `remaining`
       * then count them, and this many of the days used are hints the person has not confirmed.
       */
      unconfirmed?: number;
    }
  | {
      id: `tax:${string}:${string}`;
      kind: 'tax-year';
      level: 'warning' | 'over';
      title: string;
      message: string;
      country: string;
      /** The tax year's label ("2026", "2026/27"). */
      year: string;
      days: number;
      /** Of `days`, those whose end of day is unknown under the midnight rule (tax-year.ts). */
      uncertain: number;
      threshold: number;
      warnAt?: number;
    };

/**
 * The warnings for `today` ('YYYY-MM-DD'), Schengen first, then tax years by most days. `hints`
 * are the unconfirmed hint days (ledger.ts `ledgerHintDays`): counts never take them, but when the
 * confirmed days raise no Schengen warning and the hints would, a "possibly" warning says so
 * (travel mode in France for 85 days with nothing confirmed must not stay silent).
 */
export function presenceWarnings(
  days: readonly LedgerDay[],
  rules: PresenceRules,
  today: string,
  locale?: string,
  hints: readonly LedgerDay[] = [],
): PresenceWarning[] {
  const out: PresenceWarning[] = [];
  const schengen = schengenWarning(days, rules, today, locale) ?? possibleSchengenWarning(days, hints, rules, today);
  if (schengen !== null) out.push(schengen);
  out.push(...taxWarnings(days, rules, today));
  return out;
}

function schengenWarning(days: readonly LedgerDay[], rules: PresenceRules, today: string, locale?: string): PresenceWarning | null {
  if (rules.schengenWarnDaysLeft <= 0) return null;
  const status = schengenStatus(days, today);
  if (status.used === 0 || status.remaining > rules.schengenWarnDaysLeft) return null;
  const inside = days.some((d) => d.day === today && inSchengen(d.country, today));
  const exit = inside ? latestExit(days, today) : undefined;
  const level = status.remaining === 0 ? 'over' : 'warning';
  const counted = `${status.used} of ${SCHENGEN_MAX_DAYS} days used in the 180 days ending today`;
  const head =
    status.overstay > 0
      ? `${counted}: ${status.overstay} over the limit.`
      : `${status.remaining} Schengen ${status.remaining === 1 ? 'day' : 'days'} left (${counted}).`;
  const tail =
    exit === undefined
      ? ''
      : exit === null
        ? ' You are inside the area today: leave as soon as you can.'
        : ` You are inside the area today: leave by ${formatCalendarDate(exit, locale)} at the latest.`;
  return {
    id: 'schengen',
    kind: 'schengen',
    level,
    title: level === 'over' ? 'Schengen limit reached' : 'Schengen days running out',
    message: `${head}${tail}`,
    used: status.used,
    remaining: status.remaining,
    overstay: status.overstay,
    ...(exit === undefined ? {} : { latestExit: exit }),
  };
}

function possibleSchengenWarning(days: readonly LedgerDay[], hints: readonly LedgerDay[], rules: PresenceRules, today: string): PresenceWarning | null {
  if (rules.schengenWarnDaysLeft <= 0 || hints.length === 0) return null;
  const confirmed = schengenStatus(days, today);
  const status = schengenStatus([...days, ...hints.filter((h) => h.day <= today)], today);
  const unconfirmed = status.used - confirmed.used;
  if (unconfirmed <= 0 || status.remaining > rules.schengenWarnDaysLeft) return null;
  const level = status.remaining === 0 ? 'over' : 'warning';
  return {
    id: 'schengen',
    kind: 'schengen',
    level,
    title: level === 'over' ? 'Schengen limit possibly reached' : 'Schengen days possibly running out',
    message:
      `Possibly ${status.used} of ${SCHENGEN_MAX_DAYS} days used in the 180 days ending today (${unconfirmed} not confirmed)` +
      `: ${status.overstay > 0 ? `${status.overstay} over the limit` : `${status.remaining} left`} if the hints are right. Confirm or correct those days on the Presence screen.`,
    used: status.used,
    remaining: status.remaining,
    overstay: status.overstay,
    unconfirmed,
  };
}

function taxWarnings(days: readonly LedgerDay[], rules: PresenceRules, today: string): PresenceWarning[] {
  const taxRules: Record<string, TaxYearRule> = {};
  for (const [country, rule] of Object.entries(rules.taxYears)) {
    taxRules[country] = {
      yearStart: rule.yearStart,
      counting: rule.counting,
      threshold: rule.threshold,
      ...(rule.warnAt === undefined ? {} : { warnAt: rule.warnAt }),
    };
  }
  const past = days.filter((d) => d.day <= today);
  const out: PresenceWarning[] = [];
  for (const count of daysPerCountry(past, taxRules)) {
    if (count.status === 'ok' || count.year.start > today || count.year.end < today) continue;
    const name = countryName(count.country);
    const { threshold, warnAt } = count.rule;
    const uncertain =
      count.uncertain > 0
        ? ` ${count.uncertain} of them ${count.uncertain === 1 ? 'is a day' : 'are days'} in several countries: say where ${count.uncertain === 1 ? 'it' : 'they'} ended.`
        : '';
    const message =
      count.status === 'over'
        ? `${name}, tax year ${count.year.label}: ${count.days} days, at or over the ${threshold}-day threshold.${uncertain}`
        : `${name}, tax year ${count.year.label}: ${count.days} days (you asked to be warned at ${warnAt ?? threshold}; the threshold is ${threshold}).${uncertain}`;
    out.push({
      id: `tax:${count.country}:${count.year.label}`,
      kind: 'tax-year',
      level: count.status,
      title: count.status === 'over' ? `${name}: tax-year threshold reached` : `${name}: tax-year days adding up`,
      message,
      country: count.country,
      year: count.year.label,
      days: count.days,
      uncertain: count.uncertain,
      threshold,
      ...(warnAt === undefined ? {} : { warnAt }),
    });
  }
  return out.sort((a, b) => (b.kind === 'tax-year' ? b.days : 0) - (a.kind === 'tax-year' ? a.days : 0));
}
