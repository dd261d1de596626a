import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { ACCOUNTANT_CSV_COLUMNS, accountantCsv } from '../../../../../src-renderer/presence/export/accountant-csv.ts';
import { accountantDocument, accountantPdf } from '../../../../../src-renderer/presence/export/accountant-pdf.ts';
import { accountantReport, type SourcedDay } from '../../../../../src-renderer/presence/export/accountant-report.ts';

const PDFTOTEXT = '/usr/bin/pdftotext';
const hasPdftotext = existsSync(PDFTOTEXT);
const dir = mkdtempSync(join(tmpdir(), 'caravan-presence-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Days `from`..`to` (same month) in `country` from `source`. */
function stretch(country: string, month: string, from: number, to: number, source: SourcedDay['source'] = 'trip'): SourcedDay[] {
  const out: SourcedDay[] = [];
  for (let d = from; d <= to; d += 1) out.push({ day: `${month}-${String(d).padStart(2, '0')}`, country, source });
  return out;
}

// Portugal 1–10 March 2026 (a trip); 10 March is also a travel day to the UK, which ended in the UK
// (entered by hand); UK 10 March – 12 April (trip). The UK counts by midnight from a 6 April year start.
const days: SourcedDay[] = [
  ...stretch('PT', '2026-03', 1, 9),
  { day: '2026-03-10', country: 'PT', source: 'manual' },
  { day: '2026-03-10', country: 'GB', source: 'manual', midnight: true },
  ...stretch('GB', '2026-03', 11, 31),
  ...stretch('GB', '2026-04', 1, 12),
];
const rules = { gb: { yearStart: '04-06', counting: 'midnight' as const, threshold: 183, warnAt: 20 } };

describe('accountantReport', () => {
  const report = accountantReport(days, rules);

  it('counts per country per tax year as tax-year.ts does, and lists every day with its source', () => {
    // Sorted by year start: the UK's 2025/26 began 6 Apr 2025, Portugal's 2026 on 1 Jan, the UK's 2026/27 on 6 Apr 2026.
    expect(report.map((s) => [s.country, s.year.label, s.days, s.status])).toEqual([
      ['GB', '2025/26', 27, 'warning'], // 10 Mar – 5 Apr: 22 + 5 days, at or past the warning at 20
      ['PT', '2026', 10, 'ok'], // 1–10 Mar: Portugal counts any part of a day, the travel day included
      ['GB', '2026/27', 7, 'ok'], // 6–12 Apr
    ]);
  });

  it('marks the travel day in each country with the other country and where the day ended', () => {
    const pt = report.find((s) => s.country === 'PT');
    expect(pt?.listed.at(-1)).toEqual({ day: '2026-03-10', counted: 'yes', source: 'manual', others: ['GB'], endedIn: 'GB' });
    const gb = report.find((s) => s.country === 'GB' && s.year.label === '2025/26');
    expect(gb?.listed[0]).toEqual({ day: '2026-03-10', counted: 'yes', source: 'manual', others: ['PT'], endedIn: 'GB' });
    expect(gb?.listed).toHaveLength(27);
  });

  it('lists a day that ended elsewhere under the midnight rule as not counted', () => {
    const flipped = days.map((d) => (d.day === '2026-03-10' ? { ...d, midnight: d.country === 'PT' } : d));
    const gb = accountantReport(flipped, rules).find((s) => s.country === 'GB' && s.year.label === '2025/26');
    expect(gb?.days).toBe(26);
    expect(gb?.listed[0]).toMatchObject({ day: '2026-03-10', counted: 'no', endedIn: 'PT' });
  });

  it('lists a trip’s departure day with nothing arriving as uncertain under the midnight rule, as the count does', () => {
    // UK 10–12 April 2026, nothing after: where 12 April ended is unknown (the ledger marks it).
    const trip: SourcedDay[] = [
      { day: '2026-04-10', country: 'GB', source: 'trip' },
      { day: '2026-04-11', country: 'GB', source: 'trip' },
      { day: '2026-04-12', country: 'GB', source: 'trip', endUnknown: true },
    ];
    const gb = accountantReport(trip, rules).find((s) => s.country === 'GB' && s.year.label === '2026/27');
    expect(gb?.listed.map((l) => l.counted)).toEqual(['yes', 'yes', 'uncertain']);
    expect(gb?.uncertain).toBe(1);
  });

  it('keeps only the tax years overlapping a range', () => {
    expect(accountantReport(days, rules, { from: '2026-04-06', to: '2026-12-31' }).map((s) => `${s.country} ${s.year.label}`)).toEqual([
      'PT 2026',
      'GB 2026/27',
    ]);
  });
});

describe('accountantCsv', () => {
  it('parses back with papaparse: the header, one row per listed day, totals repeated', () => {
    const csv = accountantCsv(accountantReport(days, rules), (code) => ({ GB: 'United Kingdom', PT: 'Portugal' })[code] ?? code);
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.trimEnd(), { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...ACCOUNTANT_CSV_COLUMNS]);
    expect(parsed.data).toHaveLength(27 + 10 + 7);
    const travelDayUk = parsed.data.find((r) => r.country === 'GB' && r.day === '2026-03-10');
    expect(travelDayUk).toMatchObject({
      country_name: 'United Kingdom',
      tax_year: '2025/26',
      year_start: '2025-04-06',
      year_end: '2026-04-05',
      counting_rule: 'midnight',
      days_counted_in_year: '27',
      threshold: '183',
      status: 'warning',
      counted: 'yes',
      source: 'Entered by hand',
      other_countries_that_day: 'PT',
      day_ended_in: 'GB',
    });
    expect(parsed.data.filter((r) => r.country === 'PT').every((r) => r.tax_year === '2026' && r.days_counted_in_year === '10')).toBe(true);
  });

  it('keeps a name that looks like a formula as text', () => {
    const csv = accountantCsv(accountantReport(days.slice(0, 1), {}), () => '=HYPERLINK("x")');
    const parsed = Papa.parse<Record<string, string>>(csv.trimEnd(), { header: true });
    expect(parsed.data[0]?.country_name).toBe(`'=HYPERLINK("x")`);
  });
});

describe('accountantPdf', () => {
  const input = { sections: accountantReport(days, rules), person: 'Zofia Łódź-Αθήνα', madeOn: '2026-12-07' };

  it('lays out a summary and each country-year with its days', () => {
    const doc = accountantDocument(input, { locale: 'en-GB' });
    const summary = doc.blocks.find((b) => b.kind === 'table');
    expect(summary?.kind === 'table' && summary.rows.map((r) => [r[0], r[2], r[5]])).toEqual([
      ['United Kingdom (GB)', '27', 'warning'],
      ['Portugal (PT)', '10', 'below warning'],
      ['United Kingdom (GB)', '7', 'below warning'],
    ]);
    const headings = doc.blocks.filter((b) => b.kind === 'heading').map((b) => (b.kind === 'heading' ? b.text : ''));
    expect(headings).toEqual(['United Kingdom, tax year 2025/26: 27 days', 'Portugal, tax year 2026: 10 days', 'United Kingdom, tax year 2026/27: 7 days']);
  });

  it('says so when there is nothing to count', () => {
    const doc = accountantDocument({ sections: [], person: '', madeOn: '2026-12-07' });
    expect(doc.blocks.at(-1)).toEqual({ kind: 'paragraph', text: 'No confirmed days in this period.' });
  });

  it('renders a PDF whose text reads back: names in Polish and Greek, the days and their sources', async () => {
    const { bytes, replacedCharacters } = await accountantPdf(input, { locale: 'en-GB', creationDate: new Date(Date.UTC(2026, 11, 7)) });
    expect(replacedCharacters).toBe(0);
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe('Days per country per tax year');
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(2);
    if (!hasPdftotext) return;
    const file = join(dir, 'presence.pdf');
    writeFileSync(file, bytes);
    const text = execFileSync(PDFTOTEXT, ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Of: Zofia Łódź-Αθήνα');
    expect(text).toContain('Portugal, tax year 2026: 10 days');
    expect(text).toMatch(/10 Mar 2026\s+yes\s+Entered by hand\s+Portugal/u);
    expect(text).toMatch(/12 Apr 2026\s+yes\s+Trip/u);
  });
});
