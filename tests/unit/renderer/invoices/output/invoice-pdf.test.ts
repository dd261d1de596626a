import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import type { Invoice } from '../../../../../src-renderer/domain/invoice.ts';
import { groupIban, invoiceLayout, renderInvoicePdf } from '../../../../../src-renderer/invoices/output/invoice-pdf.ts';
import { ublInvoice } from '../../../../../src-renderer/invoices/output/ubl-invoice.ts';
import type { PdfDocumentSpec } from '../../../../../src-renderer/playbook/pdf-document.ts';
import { creditNote, domesticUsd, reverseCharge, sixtyLines, smallBusiness, swissChf, timeLine } from './worked-examples.ts';

const PDFTOTEXT = '/usr/bin/pdftotext';
const hasPdftotext = existsSync(PDFTOTEXT);
const textCheck = hasPdftotext ? 'pdftotext reads' : 'SKIPPED text check: /usr/bin/pdftotext missing (apt-get install poppler-utils)';
const CREATED = new Date(Date.UTC(2026, 11, 7, 10));
const dir = mkdtempSync(join(tmpdir(), 'caravan-invoice-pdf-'));
afterAll(() => process.env.KEEP_PDF === undefined && rmSync(dir, { recursive: true, force: true }));

async function rendered(invoice: Invoice): Promise<Uint8Array> {
  const result = await renderInvoicePdf(invoice, { locale: 'en-GB', creationDate: CREATED });
  if (!result.ok) throw new Error(result.problem);
  expect(result.pdf.replacedCharacters).toBe(0);
  return result.pdf.bytes;
}

/** The text pdftotext reads, with runs of spaces (columns) squeezed to one. */
function pdfText(bytes: Uint8Array, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync(PDFTOTEXT, ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/[ \u00A0\u202F]+/gu, ' ');
}

function layout(invoice: Invoice): PdfDocumentSpec {
  const result = invoiceLayout(invoice, { locale: 'en-GB' });
  if (!result.ok) throw new Error(result.problem);
  return result.spec;
}

describe('invoiceLayout', () => {
  it('puts seller and buyer side by side with VAT ids, tax number and buyer reference; then number, dates, period, currency', () => {
    const spec = layout(reverseCharge);
    expect(spec.title).toBe('Invoice RE-2026-0007');
    expect(spec.blocks[0]).toEqual({
      kind: 'columns',
      columns: [
        {
          title: 'From',
          text: 'Anna Schmidt Data Consulting\nTorstraße 5\n10119 Berlin\nGermany\nVAT ID: DE123456789\nTax number: 30/123/45678\nanna@example.de',
        },
        { title: 'Bill to', text: 'Données & Modèles <SARL>\n12 rue de la République\n69002 Lyon\nFrance\nVAT ID: FR40303265045\nYour reference: PO "4711"' },
      ],
    });
    expect(spec.blocks[1]).toEqual({
      kind: 'columns',
      columns: [
        { text: 'Invoice number: RE-2026-0007\nIssue date: 7 Dec 2026\nDue date: 6 Jan 2027' },
        { text: 'Service period: 1 Nov 2026 – 30 Nov 2026\nCurrency: EUR' },
      ],
    });
  });

  it('prints the service period the XML carries: the one chosen, widened to a line that runs past it', () => {
    // Chosen 1 to 15 November; the line (a retainer's month, say) covers all of November.
    const halfMonth: Invoice = { ...reverseCharge, selection: { ...reverseCharge.selection, to: '2026-11-15' } };
    expect(halfMonth.lines[0]?.period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    const dates = layout(halfMonth).blocks[1];
    expect(dates?.kind === 'columns' && dates.columns[1]?.text).toBe('Service period: 1 Nov 2026 – 30 Nov 2026\nCurrency: EUR');
    const lineless: Invoice = { ...halfMonth, lines: halfMonth.lines.map(({ period: _period, ...line }) => line) };
    const chosen = layout(lineless).blocks[1];
    expect(chosen?.kind === 'columns' && chosen.columns[1]?.text).toBe('Service period: 1 Nov 2026 – 15 Nov 2026\nCurrency: EUR');
  });

  it('lists lines in hours at an hourly price, the VAT per line, the breakdown with the legal wording and both VAT ids, totals and payment', () => {
    const spec = layout(reverseCharge);
    const tables = spec.blocks.filter((b) => b.kind === 'table');
    expect(tables[0]?.rows).toEqual([
      ['Churn model, November', '12:30 h', '€95.00 / h', 'RC', '€1,187.50'],
      ['GPU hours at cost', '1', '€45.00', 'RC', '€45.00'],
    ]);
    expect(tables[1]?.rows).toEqual([['Reverse charge – Article 196, Council Directive 2006/112/EC (0 %)', '€1,232.50', '€0.00']]);
    expect(spec.blocks).toContainEqual({
      kind: 'paragraph',
      text: 'Reverse charge – Article 196, Council Directive 2006/112/EC. Supplier VAT ID DE123456789; customer VAT ID FR40303265045: the customer accounts for the VAT.',
    });
    expect(spec.blocks).toContainEqual({
      kind: 'totals',
      rows: [
        { label: 'Net total', value: '€1,232.50' },
        { label: 'VAT', value: '€0.00' },
        { label: 'Total due', value: '€1,232.50', bold: true },
      ],
    });
    expect(spec.blocks).toContainEqual({
      kind: 'paragraph',
      text: 'IBAN: DE89 3704 0044 0532 0130 00\nBIC: COBADEFFXXX\nAccount holder: Anna Schmidt Data Consulting\nPlease pay by 6 Jan 2027, quoting RE-2026-0007.',
    });
  });

  it('on a foreign-currency invoice, adds the VAT in the home currency per row and in total, and the fixed rate', () => {
    const spec = layout(domesticUsd);
    const breakdown = spec.blocks.filter((b) => b.kind === 'table')[1];
    expect(breakdown?.kind === 'table' && breakdown.columns.map((c) => c.header)).toEqual(['VAT', 'Net', 'VAT amount', 'VAT in EUR']);
    expect(breakdown?.rows).toEqual([
      ['VAT 19 %', 'US$400.00', 'US$76.00', '€72.30'],
      ['VAT 7 %', 'US$79.98', 'US$5.60', '€5.33'],
    ]);
    expect(spec.blocks).toContainEqual(
      expect.objectContaining({ kind: 'totals', rows: expect.arrayContaining([{ label: 'VAT in EUR (Article 230)', value: '€77.63' }]) as unknown }),
    );
    expect(spec.blocks).toContainEqual({
      kind: 'paragraph',
      small: true,
      text: 'Exchange rate: 1 USD = 0.951294 EUR, rate fixed on this invoice. VAT in EUR converted at this rate.',
    });
    // Decimal hours as the invoice chose: 3 h 20 min is 3.33 h.
    expect(spec.blocks.find((b) => b.kind === 'table')?.rows[0]?.slice(1, 4)).toEqual(['3.33 h', 'US$120.00 / h', '19 %']);
  });

  it('refuses a rate that is not a number in words instead of printing a wrong amount', () => {
    const bad = { ...swissChf, fixedRate: { homeCurrency: 'EUR', rate: '0', source: 'typed' as const } };
    expect(invoiceLayout(bad)).toEqual({ ok: false, problem: 'Exchange rate: "0" is not a rate; type a positive decimal such as 0.9512.' });
  });

  it('groups an IBAN by four', () => {
    expect(groupIban('de89 3704 00440532013000')).toBe('DE89 3704 0044 0532 0130 00');
  });
});

describe('renderInvoicePdf', () => {
  it(`writes the same bytes for the same invoice and creation date`, async () => {
    expect(await rendered(reverseCharge)).toEqual(await rendered(structuredClone(reverseCharge)));
    const loaded = await PDFDocument.load(await rendered(reverseCharge), { updateMetadata: false });
    expect(loaded.getTitle()).toBe('Invoice RE-2026-0007');
    expect(loaded.getCreationDate()).toEqual(CREATED);
  });

  it(`${textCheck} the reverse-charge invoice: parties, lines, VAT wording and totals`, async () => {
    const bytes = await rendered(reverseCharge);
    if (!hasPdftotext) return;
    const text = pdfText(bytes, 'reverse-charge');
    for (const expected of [
      'Invoice RE-2026-0007',
      'Données & Modèles <SARL>',
      'VAT ID: DE123456789',
      'VAT ID: FR40303265045',
      'Your reference: PO "4711"',
      'Due date: 6 Jan 2027',
      'Churn model, November 12:30 h €95.00 / h RC €1,187.50',
      'Reverse charge – Article 196, Council Directive 2006/112/EC. Supplier VAT ID',
      'DE123456789; customer VAT ID FR40303265045: the customer accounts for the VAT.',
      'Total due €1,232.50',
      'IBAN: DE89 3704 0044 0532 0130 00',
      'Please pay by 6 Jan 2027, quoting RE-2026-0007.',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it(`${textCheck} "Zürich", "Αθήνα" and "Łódź" as typed, the CHF rate and the VAT in EUR`, async () => {
    const [chf, usd, pl] = await Promise.all([rendered(swissChf), rendered(domesticUsd), rendered(sixtyLines)]);
    if (!hasPdftotext) return;
    const swiss = pdfText(chf, 'chf');
    expect(swiss).toContain('Zürich Rückversicherung AG');
    expect(swiss).toContain('8002 Zürich');
    expect(swiss).toContain('1 CHF = 1.0712 EUR, ECB reference rate of 4 Dec 2026');
    expect(swiss).toContain('Outside the scope of EU VAT – Article 44, Council Directive 2006/112/EC');
    expect(swiss).toContain('Total due CHF 1,108.33');
    const greek = pdfText(usd, 'usd');
    expect(greek).toContain('Ελένη Παπαδοπούλου');
    expect(greek).toContain('105 63 Αθήνα');
    expect(greek).toContain('Δεδομένα: data cleaning 3.33 h US$120.00 / h 19 % US$400.00');
    expect(greek).toContain('VAT in EUR (Article 230) €77.63');
    expect(greek).toContain('Total due US$561.58');
    const polish = pdfText(pl, 'pl');
    expect(polish).toContain('Łódź Analytics sp. z o.o.');
    expect(polish).toContain('90-001 Łódź');
  });

  it(`breaks a 60-line invoice across pages, repeating the table header and the running header; ${textCheck} them`, async () => {
    const bytes = await rendered(sixtyLines);
    const pages = (await PDFDocument.load(bytes)).getPageCount();
    expect(pages).toBeGreaterThan(1);
    if (!hasPdftotext) return;
    const text = pdfText(bytes, 'sixty');
    const pageTexts = text.split('\f').filter((p) => p.trim() !== '');
    expect(pageTexts).toHaveLength(pages);
    const withLines = pageTexts.filter((p) => p.includes('Łódź uplift, run'));
    expect(withLines.length).toBeGreaterThan(1);
    for (const page of withLines) expect(page).toMatch(/^Description Quantity Unit price VAT Net$/mu);
    pageTexts.forEach((page, i) => {
      expect(page.includes('Invoice RE-2026-0010 · Anna Schmidt Data Consulting → Łódź Analytics sp. z o.o.')).toBe(i > 0);
    });
    for (const n of [1, 30, 60]) expect(text).toMatch(new RegExp(`^Łódź uplift, run ${n} [\\d:]+ ?h €90\\.00 / h RC €\\d`, 'mu'));
    expect(text).toContain(`Page ${pages} of ${pages}`);
    // 15 × (1 + 1.25 + 1.5 + 1.75) h = 82.5 h at €90.00.
    expect(text).toContain('Total due €7,425.00');
  });

  it(`${textCheck} decimal hours exactly as priced and as the XML says: 1.01 h is "1.01 h", never "1.02 h"`, async () => {
    // 1.01 h is 60.6 minutes: a formatter that rounds to whole minutes first prints 61 minutes, 1.02 h.
    const invoice: Invoice = { ...domesticUsd, lines: [timeLine('l1', 'Model review', 1.01, 9_500, { kind: 'domestic', rateBp: 1900 })] };
    expect(invoice.lines[0]?.netMinor).toBe(9_595); // 1.01 × 95.00
    expect(
      layout(invoice)
        .blocks.find((b) => b.kind === 'table')
        ?.rows[0]?.slice(1, 2),
    ).toEqual(['1.01 h']);
    const xml = ublInvoice(invoice);
    expect(xml.ok && xml.xml.includes('<cbc:InvoicedQuantity unitCode="HUR">1.01</cbc:InvoicedQuantity>')).toBe(true);
    const bytes = await rendered(invoice);
    if (!hasPdftotext) return;
    expect(pdfText(bytes, 'hundredths')).toContain('Model review 1.01 h US$95.00 / h 19 % US$95.95');
  });

  it(`${textCheck} a § 19 invoice's exemption wording and a credit note's reference to the invoice it credits`, async () => {
    const [small, credit] = await Promise.all([rendered(smallBusiness), rendered(creditNote)]);
    if (!hasPdftotext) return;
    const smallText = pdfText(small, 'small');
    expect(smallText).toContain('Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.');
    expect(smallText).toContain('Sales forecast 4:30 h €80.00 / h exempt €360.00');
    expect(smallText).toContain('Tax number: 143/456/78901');
    const creditText = pdfText(credit, 'credit');
    expect(creditText).toContain('Credit note GS-2026-0001');
    expect(creditText).toContain('This credit note credits invoice RE-2026-0007 of 7 Dec 2026.');
    expect(creditText).toContain('Total credited -€1,232.50');
    expect(creditText).not.toContain('Please pay by');
  });
});
