/**
 * What an accountant needs to check a residence question: per country and per that country's tax
 * year, the days counted, the threshold, and every day listed with where Caravan got it from. Pure;
 * the CSV and the PDF (accountant-csv.ts, accountant-pdf.ts) are two drawings of this one report,
 * so they cannot disagree.
 *
 * Counting is tax-year.ts's (`daysPerCountry`): the totals here are its totals. The days listed are
 * every day with presence in the country during the year, counted or not: under the midnight rule a
 * day that ended elsewhere is listed as not counted, with where it ended, because an accountant
 * checking the count needs to see what was left out as much as what went in.
 */
import type { PresenceSource } from '../../domain/presence.ts';
import { daysPerCountry, defaultRule, taxYearOf, type LedgerDay, type TaxYear, type TaxYearRule } from '../tax-year.ts';

/** One country on one day, as the ledger counts it, with where it came from. */
export interface SourcedDay extends LedgerDay {
  source: PresenceSource;
}

/** Whether a listed day is in the count. */
export type DayCounted = 'yes' | 'uncertain' | 'no';

export interface ReportDay {
  day: string;
  counted: DayCounted;
  source: PresenceSource;
  /** The other countries of that day, upper case, in the ledger's order. */
  others: string[];
  /** Where the day ended, when the ledger knows it. */
  endedIn?: string;
}

export interface ReportSection {
  country: string;
  year: TaxYear;
  rule: TaxYearRule;
  /** Counted days (uncertain ones included), as `daysPerCountry` counts them. */
  days: number;
  uncertain: number;
  status: 'ok' | 'warning' | 'over';
  listed: ReportDay[];
}

/** How each source is named in the export (and on screen): the words a person would use. */
export const SOURCE_LABELS: Readonly<Record<PresenceSource, string>> = {
  manual: 'Entered by hand',
  trip: 'Trip',
  'travel-mode': 'Travel mode',
  blocks: 'Time blocks',
  device: 'Device zone',
};

function countedOf(row: SourcedDay, sameDay: readonly SourcedDay[], rule: TaxYearRule): DayCounted {
  if (rule.counting === 'any-part') return 'yes';
  if (sameDay.some((r) => r.midnight === true)) return row.midnight === true ? 'yes' : 'no';
  // A trip's departure day with nothing arriving: where it ended is unknown (tax-year.ts counts it so).
  if (sameDay.some((r) => r.endUnknown === true)) return 'uncertain';
  return new Set(sameDay.map((r) => r.country.toUpperCase())).size === 1 ? 'yes' : 'uncertain';
}

/**
 * The report for `days` (the counting days of the ledger, with sources) under `rules` (keyed by ISO
 * code in any case). Sections are sorted as `daysPerCountry` sorts them (year start, most days);
 * a country-year with presence but no counted day (every day ended elsewhere) comes last in its year.
 * `from`/`to` (inclusive 'YYYY-MM-DD') keep only the tax years that overlap them.
 */
export function accountantReport(
  days: readonly SourcedDay[],
  rules: Readonly<Record<string, TaxYearRule>> = {},
  range?: { from: string; to: string },
): ReportSection[] {
  const ruleOf = new Map(Object.entries(rules).map(([code, rule]) => [code.toUpperCase(), rule]));
  const rule = (country: string): TaxYearRule => ruleOf.get(country) ?? defaultRule(country);
  const byDay = new Map<string, SourcedDay[]>();
  for (const row of days) byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);

  const sections = new Map<string, ReportSection>();
  for (const count of daysPerCountry(days, rules)) {
    sections.set(`${count.country} ${count.year.start}`, { ...count, listed: [] });
  }
  for (const [day, rows] of [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const ended = rows.find((r) => r.midnight === true)?.country.toUpperCase();
    for (const row of rows) {
      const country = row.country.toUpperCase();
      const r = rule(country);
      const year = taxYearOf(day, r.yearStart);
      const key = `${country} ${year.start}`;
      let section = sections.get(key);
      if (section === undefined) {
        section = { country, year, rule: r, days: 0, uncertain: 0, status: 'ok', listed: [] };
        sections.set(key, section);
      }
      const others = rows.map((o) => o.country.toUpperCase()).filter((c) => c !== country);
      section.listed.push({ day, counted: countedOf(row, rows, r), source: row.source, others, ...(ended === undefined ? {} : { endedIn: ended }) });
    }
  }
  const order = [...sections.values()];
  const inRange = range === undefined ? order : order.filter((s) => s.year.end >= range.from && s.year.start <= range.to);
  // Stable sort keeps daysPerCountry's order within a year; the zero-count sections (added last) stay last.
  return inRange.sort((a, b) => a.year.start.localeCompare(b.year.start));
}
