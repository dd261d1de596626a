/**
 * The accountant's CSV: one row per country, tax year and day (accountant-report.ts), through
 * papaparse's `unparse`. Each row repeats its year's total and threshold, so the file filters and
 * pivots without a second table; ISO codes and ISO dates, so a spreadsheet in any language reads
 * them. papaparse's `escapeFormulae` keeps a cell starting with `=`, `+`, `-` or `@` text (OWASP
 * "CSV Injection"); nothing here is typed by a person, but the rule costs nothing.
 */
import Papa from 'papaparse';
import { countryName } from '../../domain/countries.ts';
import { SOURCE_LABELS, type ReportSection } from './accountant-report.ts';

/** Columns of {@link accountantCsv}, in order. */
export const ACCOUNTANT_CSV_COLUMNS = [
  'country',
  'country_name',
  'tax_year',
  'year_start',
  'year_end',
  'counting_rule',
  'days_counted_in_year',
  'uncertain_days_in_year',
  'threshold',
  'status',
  'day',
  'counted',
  'source',
  'other_countries_that_day',
  'day_ended_in',
] as const;

const RULE_WORDS = { 'any-part': 'any part of a day', midnight: 'midnight' } as const;

/** The CSV text (CRLF line ends, a header row); `name` turns a code into a country name (the person's language by default). */
export function accountantCsv(sections: readonly ReportSection[], name: (code: string) => string = countryName): string {
  const rows = sections.flatMap((s) =>
    s.listed.map((d) => [
      s.country,
      name(s.country),
      s.year.label,
      s.year.start,
      s.year.end,
      RULE_WORDS[s.rule.counting],
      s.days,
      s.uncertain,
      s.rule.threshold,
      s.status,
      d.day,
      d.counted,
      SOURCE_LABELS[d.source],
      d.others.join(' '),
      d.endedIn ?? '',
    ]),
  );
  return `${Papa.unparse({ fields: [...ACCOUNTANT_CSV_COLUMNS], data: rows }, { newline: '\r\n', escapeFormulae: true })}\r\n`;
}
