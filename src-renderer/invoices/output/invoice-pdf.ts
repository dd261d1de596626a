/**
 * The invoice (or credit note) as the PDF a client's accounts department receives, laid out on the
 * playbook's PDF writer (DejaVu Sans embedded as a subset, so "Łódź", "Zürich" and "Αθήνα" print as
 * typed): seller and buyer side by side, number and dates, the lines, the VAT breakdown with its
 * legal wording, the totals, the fixed exchange rate and the VAT in the home currency on an invoice
 * in another currency (Article 230 of Council Directive 2006/112/EC), and the payment details.
 * Pure apart from rendering: the same document and creation date give the same bytes.
 */
import type { Invoice, InvoiceLine } from '../../domain/invoice.ts';
import { renderPdf, type PdfBlock, type PdfDocumentSpec, type PdfOptions, type RenderedPdf } from '../../playbook/pdf-document.ts';
import { formatMoney } from '../../reports/money.ts';
import { formatCalendarDate } from '../../ui/format/dates.ts';
import { printedHours } from '../document/quantities.ts';
import { documentPeriod } from './document-period.ts';
import { documentTotals, type DocumentTotals, type OutputRateTotal } from './document-totals.ts';

/** The layout, or why the invoice cannot be laid out (an exchange rate that is not a number). */
export type InvoiceLayout = { ok: true; spec: PdfDocumentSpec } | { ok: false; problem: string };

/** The rendered file, or why it could not be made. */
export type InvoicePdfResult = { ok: true; pdf: RenderedPdf } | { ok: false; problem: string };

/** "DE89 3704 0044 0532 0130 00": an IBAN in groups of four, as banks print it. */
export function groupIban(iban: string): string {
  return iban
    .replace(/\s+/gu, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/gu, '$1 ');
}

const lines = (...parts: (string | undefined | false)[]): string => parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join('\n');

function rateText(rateBp: number, locale: string | undefined): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(rateBp / 100)} %`;
}

/** The short VAT column of a line: the rate, or what the 0 % means. */
function lineVatText(line: InvoiceLine, locale: string | undefined): string {
  switch (line.vat.kind) {
    case 'domestic':
      return rateText(line.vat.rateBp, locale);
    case 'reverse-charge':
      return 'RC';
    case 'small-business':
      return 'exempt';
    case 'outside-scope':
      return 'n/a';
  }
}

/**
 * A time line's quantity exactly as it was priced (quantities.ts): a display formatter would round
 * to whole minutes first and print 1.01 h (60.6 minutes) as "1.02 h", against the amount and the XML.
 */
function quantityText(line: InvoiceLine, invoice: Invoice, locale: string | undefined): string {
  if (line.quantity.unit === 'hour') return `${printedHours(line.quantity.billedMs, invoice.hourStyle)} h`;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(line.quantity.milli / 1000);
}

/** The breakdown row's label: the rate, or the treatment with its legal wording. */
function breakdownLabel(row: OutputRateTotal, invoice: Invoice, locale: string | undefined): string {
  if (row.treatment === 'domestic') return `VAT ${rateText(row.rateBp, locale)}`;
  const vat = invoice.lines.find((l) => l.vat.kind === row.treatment)?.vat;
  const wording = vat !== undefined && 'wording' in vat ? vat.wording : '';
  return `${wording} (0 %)`;
}

/** Legal notes under the breakdown: reverse charge names both VAT numbers (Article 226(11a)). */
function legalNotes(invoice: Invoice): string[] {
  const notes: string[] = [];
  const seen = new Set<string>();
  for (const { vat } of invoice.lines) {
    if (vat.kind === 'domestic' || seen.has(vat.kind)) continue;
    seen.add(vat.kind);
    notes.push(
      vat.kind === 'reverse-charge'
        ? `${vat.wording}. Supplier VAT ID ${vat.sellerVatId}; customer VAT ID ${vat.buyerVatId}: the customer accounts for the VAT.`
        : vat.wording,
    );
  }
  return notes;
}

function breakdown(invoice: Invoice, totals: DocumentTotals, locale: string | undefined): PdfBlock {
  const money = (minor: number, currency = invoice.currency): string => formatMoney(minor, currency, locale);
  const home = totals.home;
  return {
    kind: 'table',
    columns: [
      { header: 'VAT', width: 46 },
      { header: 'Net', width: 18, align: 'right' },
      { header: 'VAT amount', width: 18, align: 'right' },
      ...(home === undefined ? [] : [{ header: `VAT in ${home.currency}`, width: 18, align: 'right' as const }]),
    ],
    rows: totals.byRate.map((row) => [
      breakdownLabel(row, invoice, locale),
      money(row.netMinor),
      money(row.vatMinor),
      ...(home === undefined ? [] : [money(row.homeVatMinor ?? 0, home.currency)]),
    ]),
  };
}

function rateNote(invoice: Invoice, date: (iso: string) => string): string | undefined {
  const fixed = invoice.fixedRate;
  if (fixed === undefined || fixed.homeCurrency === invoice.currency) return undefined;
  const source = fixed.source === 'ecb' && fixed.asOf !== undefined ? `ECB reference rate of ${date(fixed.asOf)}` : 'rate fixed on this invoice';
  return `1 ${invoice.currency} = ${fixed.rate} ${fixed.homeCurrency}, ${source}`;
}

/** The document's layout; see the module comment. `locale` sets dates, amounts and country names. */
export function invoiceLayout(invoice: Invoice, options: PdfOptions = {}): InvoiceLayout {
  const { locale } = options;
  let totals: DocumentTotals;
  try {
    totals = documentTotals(invoice);
  } catch (error) {
    return { ok: false, problem: `Exchange rate: ${error instanceof Error ? error.message : String(error)}` };
  }
  const credit = invoice.kind === 'credit-note';
  const money = (minor: number, currency = invoice.currency): string => formatMoney(minor, currency, locale);
  const date = (iso: string): string => formatCalendarDate(iso, locale);
  const regions = new Intl.DisplayNames(locale, { type: 'region', fallback: 'code' });
  // The country under the address, unless the typed address already ends with it.
  const countryLine = (address: string, code: string): string | undefined => {
    const name = regions.of(code) ?? code;
    const last = address.trim().split(/\r?\n/u).at(-1)?.trim().toLowerCase();
    return last === name.toLowerCase() || last === code.toLowerCase() ? undefined : name;
  };
  const { seller, buyer } = invoice;
  const number = invoice.number ?? 'draft';
  // The same period as the XML's: the one chosen, widened to every line's (a retainer's whole month).
  const period = documentPeriod(invoice);
  const title = `${credit ? 'Credit note' : 'Invoice'} ${number}`;

  const blocks: PdfBlock[] = [
    {
      kind: 'columns',
      columns: [
        {
          title: 'From',
          text: lines(
            seller.legalName,
            seller.address,
            countryLine(seller.address, seller.country),
            seller.vatId !== undefined && `VAT ID: ${seller.vatId}`,
            seller.taxNumber !== undefined && `Tax number: ${seller.taxNumber}`,
            seller.email,
          ),
        },
        {
          title: credit ? 'Credited to' : 'Bill to',
          text: lines(
            buyer.legalName,
            buyer.address,
            countryLine(buyer.address, buyer.country),
            buyer.vatId !== undefined && `VAT ID: ${buyer.vatId}`,
            buyer.buyerReference !== undefined && `Your reference: ${buyer.buyerReference}`,
          ),
        },
      ],
    },
    {
      kind: 'columns',
      columns: [
        {
          text: lines(
            `${credit ? 'Credit note' : 'Invoice'} number: ${number}`,
            `Issue date: ${date(invoice.issueDate)}`,
            !credit && `Due date: ${date(invoice.dueDate)}`,
          ),
        },
        { text: lines(`Service period: ${date(period.from)} – ${date(period.to)}`, `Currency: ${invoice.currency}`) },
      ],
    },
  ];
  if (invoice.creditFor !== undefined) {
    blocks.push({
      kind: 'paragraph',
      bold: true,
      text: `This credit note credits invoice ${invoice.creditFor.number} of ${date(invoice.creditFor.issueDate)}.`,
    });
  }
  blocks.push({
    kind: 'table',
    columns: [
      { header: 'Description', width: 33 },
      { header: 'Quantity', width: 14, align: 'right' },
      { header: 'Unit price', width: 21, align: 'right' },
      { header: 'VAT', width: 10, align: 'right' },
      { header: 'Net', width: 22, align: 'right' },
    ],
    rows: invoice.lines.map((line) => [
      line.description,
      quantityText(line, invoice, locale),
      `${money(line.unitPriceMinor)}${line.quantity.unit === 'hour' ? ' / h' : ''}`,
      lineVatText(line, locale),
      money(line.netMinor),
    ]),
  });
  blocks.push(breakdown(invoice, totals, locale));
  for (const note of legalNotes(invoice)) blocks.push({ kind: 'paragraph', text: note });

  const home = totals.home;
  blocks.push({
    kind: 'totals',
    rows: [
      { label: 'Net total', value: money(totals.netMinor) },
      { label: 'VAT', value: money(totals.vatMinor) },
      { label: credit ? 'Total credited' : 'Total due', value: money(totals.grossMinor), bold: true },
      ...(home === undefined ? [] : [{ label: `VAT in ${home.currency} (Article 230)`, value: money(home.vatMinor, home.currency) }]),
    ],
  });
  const rate = rateNote(invoice, date);
  if (rate !== undefined)
    blocks.push({ kind: 'paragraph', small: true, text: `Exchange rate: ${rate}. VAT in ${home?.currency ?? ''} converted at this rate.` });
  if (invoice.note.trim() !== '') blocks.push({ kind: 'paragraph', text: invoice.note.trim() });

  if (credit) {
    blocks.push({ kind: 'paragraph', text: 'Nothing is to be paid on this credit note: the amount is refunded or set off against the credited invoice.' });
  } else {
    const bank =
      seller.iban === undefined || seller.iban.trim() === ''
        ? []
        : [
            `IBAN: ${groupIban(seller.iban)}`,
            seller.bic !== undefined && seller.bic.trim() !== '' ? `BIC: ${seller.bic.trim().toUpperCase()}` : '',
            `Account holder: ${seller.accountHolder ?? seller.legalName}`,
          ];
    blocks.push({ kind: 'heading', level: 3, text: 'Payment' });
    blocks.push({ kind: 'paragraph', text: lines(...bank, `Please pay by ${date(invoice.dueDate)}, quoting ${number}.`) });
  }
  blocks.push({
    kind: 'paragraph',
    small: true,
    text: `Quantities of time in hours (${invoice.hourStyle === 'h:mm' ? 'hours:minutes' : 'decimal hours'}). ${seller.legalName}, ${seller.address.replace(/\s*\r?\n\s*/gu, ', ')}.`,
  });
  return { ok: true, spec: { title, blocks, running: `${title} · ${seller.legalName} → ${buyer.legalName}` } };
}

/** Renders {@link invoiceLayout}; pass `creationDate` for the same bytes every time. */
export async function renderInvoicePdf(invoice: Invoice, options: PdfOptions = {}): Promise<InvoicePdfResult> {
  const layout = invoiceLayout(invoice, options);
  if (!layout.ok) return layout;
  return { ok: true, pdf: await renderPdf(layout.spec, options) };
}
