/**
 * Days per country per tax year, the figure behind "183 days can make you tax resident". Pure, on
 * calendar days. Each country has its own year start (6 April in the UK, 1 July in Australia) and
 * counting rule: any part of a day counts by default; under the midnight rule (the UK's statutory
 * residence test) a day counts only where the person was at the end of it. Rules and sources:
 * docs/presence.md.
 */
import { dayNumber, dayText } from './calendar-days.ts';
import type { PresenceDay } from './schengen.ts';

export type CountingRule = 'any-part' | 'midnight';

/** How one country's days are counted, as the person set it (or the defaults). */
export interface TaxYearRule {
  /** First day of the tax year as 'MM-DD' ('01-01' for a calendar year). */
  yearStart: string;
  counting: CountingRule;
  /** Days at which residence may follow; 183 by default. */
  threshold: number;
  /** Days at which to warn ahead of the threshold; none by default. */
  warnAt?: number;
}

/** A day of presence, with where the day ended when the person knows it (for the midnight rule). */
export interface LedgerDay extends PresenceDay {
  /** True on the row of the country where the person was at midnight at the end of `day`. */
  midnight?: boolean;
  /**
   * Where the day ended is not known (the last day of a trip with no trip arriving that day): under
   * the midnight rule the day counts but as uncertain, since the person may have left before midnight.
   */
  endUnknown?: boolean;
}

/** Tax years that do not start on 1 January, by ISO 3166-1 code; every other country counts calendar years. */
export const TAX_YEAR_STARTS: Readonly<Record<string, string>> = {
  GB: '04-06',
  AU: '07-01',
  NZ: '04-01',
  IN: '04-01',
  ZA: '03-01',
  PK: '07-01',
};

export const DEFAULT_THRESHOLD = 183;

/** The rule for `country` when the person has set none: its tax year, any part of a day, 183 days. */
export function defaultRule(country: string): TaxYearRule {
  return { yearStart: TAX_YEAR_STARTS[country.toUpperCase()] ?? '01-01', counting: 'any-part', threshold: DEFAULT_THRESHOLD };
}

export interface TaxYear {
  /** "2026" for a calendar year, "2026/27" for one that starts during 2026. */
  label: string;
  /** First and last day, 'YYYY-MM-DD'. */
  start: string;
  end: string;
}

const MONTH_DAY = /^(\d{2})-(\d{2})$/;

/** The tax year with start `yearStart` ('MM-DD', not 02-29: it must exist every year) that holds `day`. */
export function taxYearOf(day: string, yearStart: string): TaxYear {
  const match = MONTH_DAY.exec(yearStart);
  if (!match || dayNumberOrNull(`2001-${yearStart}`) === null) throw new RangeError(`"${yearStart}" is not a day of the year written as MM-DD.`);
  const n = dayNumber(day);
  const year = Number(day.slice(0, 4));
  const startThisYear = dayNumber(`${year}-${yearStart}`);
  const first = n >= startThisYear ? year : year - 1;
  const start = `${first}-${yearStart}`;
  const end = dayText(dayNumber(`${first + 1}-${yearStart}`) - 1);
  const label = yearStart === '01-01' ? String(first) : `${first}/${String((first + 1) % 100).padStart(2, '0')}`;
  return { label, start, end };
}

function dayNumberOrNull(day: string): number | null {
  try {
    return dayNumber(day);
  } catch {
    return null;
  }
}

export interface CountryYearCount {
  country: string;
  year: TaxYear;
  days: number;
  /**
   * Of `days`, those counted under the midnight rule although where the day ended was not recorded
   * (a day in several countries with none marked, or a trip's departure day: `endUnknown`): counted rather than dropped, since an undercount
   * is the risky side of a threshold. The ledger asks the person to mark them.
   */
  uncertain: number;
  rule: TaxYearRule;
  /** 'over' at or past the threshold, 'warning' at or past the warning, else 'ok'. */
  status: 'ok' | 'warning' | 'over';
}

/** Whether `row` counts for its country under `rule`, given the other rows of its day; 'uncertain' when the day's end is unknown. */
function counts(row: LedgerDay, sameDay: readonly LedgerDay[], rule: TaxYearRule): boolean | 'uncertain' {
  if (rule.counting === 'any-part') return true;
  // Midnight rule: the row marked as where the day ended; a day spent in one country ended there.
  if (sameDay.some((r) => r.midnight === true)) return row.midnight === true;
  if (sameDay.some((r) => r.endUnknown === true)) return 'uncertain';
  return new Set(sameDay.map((r) => r.country.toUpperCase())).size === 1 ? true : 'uncertain';
}

/**
 * Days per country per tax year, each country under its own rule (`rules`, keyed by ISO code in
 * any case, else the default), for every tax year that `days` touches; sorted by year start, then
 * by most days.
 */
export function daysPerCountry(days: readonly LedgerDay[], rules: Readonly<Record<string, TaxYearRule>> = {}): CountryYearCount[] {
  const ruleOf = new Map(Object.entries(rules).map(([code, rule]) => [code.toUpperCase(), rule]));
  const byDay = new Map<string, LedgerDay[]>();
  for (const row of days) {
    dayNumber(row.day);
    byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  }
  const tally = new Map<string, { country: string; year: TaxYear; days: Set<string>; uncertain: Set<string>; rule: TaxYearRule }>();
  for (const [day, rows] of byDay) {
    for (const row of rows) {
      const country = row.country.toUpperCase();
      const rule = ruleOf.get(country) ?? defaultRule(country);
      const counted = counts(row, rows, rule);
      if (counted === false) continue;
      const year = taxYearOf(day, rule.yearStart);
      const key = `${country} ${year.start}`;
      const entry = tally.get(key) ?? { country, year, days: new Set<string>(), uncertain: new Set<string>(), rule };
      entry.days.add(day);
      if (counted === 'uncertain') entry.uncertain.add(day);
      tally.set(key, entry);
    }
  }
  return [...tally.values()]
    .map(({ country, year, days: set, uncertain, rule }) => ({
      country,
      year,
      days: set.size,
      uncertain: uncertain.size,
      rule,
      status: set.size >= rule.threshold ? ('over' as const) : rule.warnAt !== undefined && set.size >= rule.warnAt ? ('warning' as const) : ('ok' as const),
    }))
    .sort((a, b) => a.year.start.localeCompare(b.year.start) || b.days - a.days || a.country.localeCompare(b.country));
}
