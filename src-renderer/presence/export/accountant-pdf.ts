/**
 * The accountant's PDF, on the playbook's PDF writer (pdf-document.ts: DejaVu Sans embedded as a
 * subset, loaded the way the invoice PDF loads it): a summary table of days per country per tax
 * year, then each country-year with every day listed, whether it counted and its source. The same
 * report as the CSV (accountant-report.ts).
 */
import { countryName } from '../../domain/countries.ts';
import { renderPdf, type PdfBlock, type PdfDocumentSpec, type PdfOptions, type RenderedPdf } from '../../playbook/pdf-document.ts';
import { formatCalendarDate } from '../../ui/format/dates.ts';
import { SOURCE_LABELS, type DayCounted, type ReportSection } from './accountant-report.ts';

export interface AccountantPdfInput {
  sections: readonly ReportSection[];
  /** Who the days are of, as the person wants it printed; may be empty. */
  person: string;
  /** The day the report was made, 'YYYY-MM-DD'. */
  madeOn: string;
}

const STATUS_WORDS = { ok: 'below warning', warning: 'warning', over: 'at or over threshold' } as const;
const COUNTED_WORDS: Readonly<Record<DayCounted, string>> = { yes: 'yes', uncertain: 'yes (where the day ended is unknown)', no: 'no (ended elsewhere)' };

/** The layout; `locale` sets dates and country names. */
export function accountantDocument(input: AccountantPdfInput, options: PdfOptions = {}): PdfDocumentSpec {
  const { locale } = options;
  const date = (day: string): string => formatCalendarDate(day, locale);
  const regions = new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' });
  const name = (code: string): string => (locale === undefined ? countryName(code) : (regions.of(code) ?? code));
  const title = 'Days per country per tax year';
  const blocks: PdfBlock[] = [
    {
      kind: 'paragraph',
      text: [
        input.person.trim() === '' ? undefined : `Of: ${input.person.trim()}`,
        `Made on ${date(input.madeOn)} by Caravan from the days the person confirmed.`,
      ]
        .filter((t) => t !== undefined)
        .join('\n'),
    },
    {
      kind: 'paragraph',
      small: true,
      text: 'Any part of a day: every day with any presence counts, arrival and departure included. Midnight: a day counts only where it ended. Caravan counts days; it does not decide residence.',
    },
  ];
  if (input.sections.length === 0) {
    blocks.push({ kind: 'paragraph', text: 'No confirmed days in this period.' });
    return { title, blocks };
  }
  blocks.push({
    kind: 'table',
    columns: [
      { header: 'Country', width: 26 },
      { header: 'Tax year', width: 22 },
      { header: 'Days', width: 10, align: 'right' },
      { header: 'Uncertain', width: 12, align: 'right' },
      { header: 'Threshold', width: 12, align: 'right' },
      { header: 'Status', width: 18 },
    ],
    rows: input.sections.map((s) => [
      `${name(s.country)} (${s.country})`,
      `${s.year.label}: ${date(s.year.start)} – ${date(s.year.end)}`,
      String(s.days),
      String(s.uncertain),
      String(s.rule.threshold),
      STATUS_WORDS[s.status],
    ]),
  });
  for (const s of input.sections) {
    blocks.push({ kind: 'heading', text: `${name(s.country)}, tax year ${s.year.label}: ${s.days} days`, level: 2 });
    blocks.push({
      kind: 'paragraph',
      small: true,
      text: `Counting rule: ${s.rule.counting === 'midnight' ? 'midnight' : 'any part of a day'}; threshold ${s.rule.threshold} days.`,
    });
    blocks.push({
      kind: 'table',
      columns: [
        { header: 'Day', width: 22 },
        { header: 'Counted', width: 26 },
        { header: 'Source', width: 20 },
        { header: 'Also that day', width: 32 },
      ],
      rows: s.listed.map((d) => [date(d.day), COUNTED_WORDS[d.counted], SOURCE_LABELS[d.source], d.others.map(name).join(', ')]),
    });
  }
  return { title, blocks, running: `${title}${input.person.trim() === '' ? '' : ` · ${input.person.trim()}`}` };
}

/** Renders {@link accountantDocument}. */
export function accountantPdf(input: AccountantPdfInput, options: PdfOptions = {}): Promise<RenderedPdf> {
  return renderPdf(accountantDocument(input, options), options);
}
