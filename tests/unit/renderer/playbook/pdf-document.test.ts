import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPdf, replacedWarning, weeklyUpdatePdf } from '../../../../src-renderer/playbook/pdf-document.ts';
import { weeklyUpdate } from '../../../../src-renderer/playbook/weekly-update.ts';
import { dejavuFile } from '../../support/pdf-fonts.setup.ts';
import { block, client, H, phase, project } from '../../support/reports-fixtures.ts';

const PDFTOTEXT = '/usr/bin/pdftotext';
const hasPdftotext = existsSync(PDFTOTEXT);
const textCheck = hasPdftotext ? 'and pdftotext reads it back' : 'SKIPPED text check: /usr/bin/pdftotext missing (apt-get install poppler-utils)';
const CREATED = new Date(Date.UTC(2026, 10, 30, 12));

const dir = mkdtempSync(join(tmpdir(), 'caravan-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pdfText(bytes: Uint8Array, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync(PDFTOTEXT, ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

const isPdf = (bytes: Uint8Array): boolean => new TextDecoder().decode(bytes.subarray(0, 5)) === '%PDF-';

const WEEK = Date.UTC(2026, 10, 15, 23);
const acme = { ...client('a', 'Acme'), company: 'Acme Analytics GmbH', contact: { address: 'Hauptstr. 1\n10115 Berlin' } };
const churn = project('p1', 'a', { kind: 'hourly', rateMinor: 8_500 }, 'EUR', 'Churn model');

describe('weeklyUpdatePdf', () => {
  const update = weeklyUpdate(
    {
      client: acme,
      projects: [churn],
      phases: [phase('ph1', 'p1', 'a', 0, 'Data prep')],
      blocks: [block(churn, WEEK + 9 * H, 3 * H, { phaseId: 'ph1' })],
      experiments: [],
      killSwitches: [],
      nextSteps: 'Ship the scores\nReview on Friday',
    },
    { weekStart: WEEK, zone: 'Europe/Berlin', locale: 'en-GB' },
  );

  it(`renders a PDF ${textCheck}`, async () => {
    const { bytes, replacedCharacters } = await weeklyUpdatePdf(update, { creationDate: CREATED });
    expect(isPdf(bytes)).toBe(true);
    expect(replacedCharacters).toBe(0);
    if (!hasPdftotext) return;
    const text = pdfText(bytes, 'update');
    // The 18 pt title wraps onto a second line.
    expect(text.replace(/\s+/gu, ' ')).toContain('Weekly update: Acme — week 2026-W47 (Mon 16 Nov to Sun 22 Nov)');
    expect(text).toContain('• Data prep (active): 3 h this week; 3 h used of 15 h quoted (20 %)');
    expect(text).toContain('Review on Friday');
    expect(text).toContain('Page 1 of 1');
  });

  it('writes the metadata, and the same bytes for the same input', async () => {
    const first = await weeklyUpdatePdf(update, { creationDate: CREATED, locale: 'en-GB' });
    const second = await weeklyUpdatePdf(update, { creationDate: CREATED, locale: 'en-GB' });
    expect(second.bytes).toEqual(first.bytes);
    const loaded = await PDFDocument.load(first.bytes, { updateMetadata: false });
    expect(loaded.getTitle()).toBe(update.title);
    expect(loaded.getProducer()).toBe('Caravan');
    expect(loaded.getCreator()).toBe('Caravan');
    expect(loaded.getCreationDate()).toEqual(CREATED);
  });
});

describe('the embedded font', () => {
  it('prints names in Latin Extended, Greek and Cyrillic exactly as typed, in regular and bold', async () => {
    const names = ['Łódź Analytics sp. z o.o.', 'Ψ Δεδομένα ΑΕ', 'ООО Вектор'];
    const { bytes, replacedCharacters } = await renderPdf(
      {
        title: 'Clients',
        blocks: [
          { kind: 'paragraph', text: names.join('\n') },
          { kind: 'paragraph', text: names.join('\n'), bold: true },
          { kind: 'table', columns: [{ header: 'Client', width: 1 }], rows: names.map((n) => [n]) },
        ],
      },
      { creationDate: CREATED },
    );
    expect(replacedCharacters).toBe(0);
    // A subset: a few kilobytes of glyphs, not the 757 kB + 706 kB of the two TrueType files.
    const full = statSync(dejavuFile('DejaVuSans.ttf')).size + statSync(dejavuFile('DejaVuSans-Bold.ttf')).size;
    expect(bytes.length).toBeLessThan(full / 20);
    if (!hasPdftotext) return;
    const lines = pdfText(bytes, 'scripts')
      .split('\n')
      .map((l) => l.trim());
    // pdffonts (poppler-utils, beside pdftotext): both weights embedded, with a Unicode map for copying text out.
    const fonts = execFileSync('/usr/bin/pdffonts', [join(dir, 'scripts.pdf')], { encoding: 'utf8' });
    expect(fonts).toMatch(/^DejaVuSans-\d+\s+CID TrueType\s+Identity-H\s+yes\s+\S+\s+yes/mu);
    expect(fonts).toMatch(/^DejaVuSans-Bold-\d+\s+CID TrueType\s+Identity-H\s+yes\s+\S+\s+yes/mu);
    for (const name of names) expect(lines.filter((l) => l === name)).toHaveLength(3);
    expect(lines.join('\n')).not.toContain('?');
  });

  it('draws what Intl and pasted names bring as typed: narrow spaces, minus, accents; drops direction marks', async () => {
    const amount = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(-9500.5); // "-9 500,50 €" with U+202F
    const { bytes, replacedCharacters } = await renderPdf(
      {
        title: 'Invoice',
        blocks: [
          { kind: 'paragraph', text: '\u200EAcme AI GmbH\u200F' },
          { kind: 'paragraph', text: `Total ${amount}; ${'\u2212'}3 h; 9:30\u202FAM; Łódź Ｆile ₹1,000.00 ₿1` },
        ],
      },
      { creationDate: CREATED },
    );
    // Fullwidth Ｆ is unfolded (not counted); ₿ is one of the four currency signs the font lacks.
    expect(replacedCharacters).toBe(0);
    if (!hasPdftotext) return;
    const text = pdfText(bytes, 'intl');
    expect(text).toMatch(/^\s*Acme AI GmbH$/mu);
    // pdftotext writes every kind of space as " "; the minus sign and accents come back as drawn.
    const spaced = (t: string): string => t.replace(/[\s\u00A0\u202F]+/gu, ' ');
    expect(spaced(text)).toContain(spaced(`Total ${amount}; \u22123 h; 9:30\u202FAM; Łódź File ₹1,000.00 BTC 1`));
  });
});

describe('renderPdf', () => {
  it(`breaks a 200-row table across pages, repeating its header, ${textCheck}`, async () => {
    const rows = Array.from({ length: 200 }, (_, i) => [`Row ${i + 1}`, String((i + 1) * 3), `€${i + 1}.00`]);
    const { bytes } = await renderPdf(
      {
        title: 'Long table',
        blocks: [
          { kind: 'paragraph', text: 'Before the table.' },
          {
            kind: 'table',
            columns: [
              { header: 'Item', width: 3 },
              { header: 'Minutes', width: 1, align: 'right' },
              { header: 'Amount', width: 1, align: 'right' },
            ],
            rows,
          },
          { kind: 'paragraph', text: 'After the table.' },
        ],
      },
      { creationDate: CREATED },
    );
    const pages = (await PDFDocument.load(bytes)).getPageCount();
    expect(pages).toBeGreaterThan(3);
    if (!hasPdftotext) return;
    const text = pdfText(bytes, 'long');
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text.match(/Item\s+Minutes\s+Amount/gu)).toHaveLength(pages);
    for (const n of [1, 57, 200]) expect(text).toMatch(new RegExp(`Row ${n}\\s+${n * 3}\\s+€${n}\\.00`, 'u'));
    expect(text).toContain('After the table.');
  });

  it(`draws text columns side by side, a right-aligned totals block, small print and a running header from page 2, ${textCheck}`, async () => {
    const rows = Array.from({ length: 80 }, (_, i) => [`Row ${i + 1}`]);
    const { bytes } = await renderPdf(
      {
        title: 'Blocks',
        running: 'Blocks · running',
        blocks: [
          {
            kind: 'columns',
            columns: [
              { title: 'From', text: 'Seller Ltd\nBerlin' },
              { title: 'Bill to', text: 'Buyer SA\nLyon' },
            ],
          },
          { kind: 'table', columns: [{ header: 'Item', width: 1 }], rows },
          {
            kind: 'totals',
            rows: [
              { label: 'Net total', value: '€10.00' },
              { label: 'Total due', value: '€11.90', bold: true },
            ],
          },
          { kind: 'paragraph', text: 'Fine print.', small: true },
        ],
      },
      { creationDate: CREATED },
    );
    const pages = (await PDFDocument.load(bytes)).getPageCount();
    expect(pages).toBeGreaterThan(1);
    if (!hasPdftotext) return;
    const pageTexts = pdfText(bytes, 'blocks')
      .split('\f')
      .filter((p) => p.trim() !== '');
    expect(pageTexts[0]).toMatch(/^From\s{5,}Bill to$/mu);
    expect(pageTexts[0]).toMatch(/^Seller Ltd\s{5,}Buyer SA$/mu);
    pageTexts.forEach((page, i) => expect(page.includes('Blocks · running')).toBe(i > 0));
    const last = pageTexts.at(-1) ?? '';
    // Right-aligned: the amounts end the line, far right of the left margin.
    expect(last).toMatch(/^\s{20,}Net total\s+€10\.00$/mu);
    expect(last).toMatch(/^\s{20,}Total due\s+€11\.90$/mu);
    expect(last).toContain('Fine print.');
  });

  it('words the warning shown after saving a PDF with replaced characters, and says nothing when there were none', () => {
    expect(replacedWarning(0)).toBe('');
    expect(replacedWarning(1)).toBe(
      '1 character could not be drawn in the PDF’s font and was replaced (an accent dropped, or “?”): check the PDF before you send it.',
    );
    expect(replacedWarning(3)).toMatch(/^3 characters could not be drawn .* were replaced/u);
  });

  it('draws characters the font lacks as "?" (flags dropped) and counts them, instead of throwing', async () => {
    const { bytes, replacedCharacters } = await renderPdf(
      { title: 'データ', blocks: [{ kind: 'paragraph', text: 'Model \u{1F1E9}\u{1F1EA} ok, café and cafe\u0301' }] },
      { creationDate: CREATED },
    );
    // Three kana and a flag's two regional indicators; é composes under NFC.
    expect(replacedCharacters).toBe(5);
    expect(isPdf(bytes)).toBe(true);
    if (hasPdftotext) expect(pdfText(bytes, 'replaced')).toContain('Model ok, café and café');
  });

  it('wraps long paragraphs and words too wide for a line', async () => {
    const long = `${'word '.repeat(400)}${'x'.repeat(500)}`;
    const { bytes } = await renderPdf(
      {
        title: 'Wrap',
        blocks: [
          { kind: 'heading', text: 'A heading', level: 3 },
          { kind: 'paragraph', text: long },
        ],
      },
      { creationDate: CREATED },
    );
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
    if (hasPdftotext)
      expect(
        pdfText(bytes, 'wrap')
          .split('\n')
          .filter((l) => l.includes('word')).length,
      ).toBeGreaterThan(10);
  });
});
