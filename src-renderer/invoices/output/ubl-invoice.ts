/**
 * The e-invoice: an issued invoice document as an EN 16931 invoice in UBL 2.1 XML (an `Invoice`,
 * or a `CreditNote` referencing the invoice it credits), the syntax Peppol and XRechnung carry.
 * Pure: the same document gives the same text. The mapping table (BT → element → Caravan field)
 * is in docs/invoicing.md.
 *
 * Signs: a credit note's lines are negative in the document (they undo an invoice) but positive in
 * a UBL CreditNote, whose type already says "credit"; and an item price is never negative
 * (BR-27), so a line with a negative price carries the sign on its quantity instead.
 *
 * What EN 16931 refuses is refused here in words, before any XML is written: a document without a
 * number (a draft) or without lines (BR-16), VAT charged or exempted without the seller's VAT or tax
 * number (BR-S-02, BR-E-02), reverse charge without both VAT numbers (BR-AE-02), and lines outside
 * the scope of VAT mixed with other VAT (BR-O-11).
 */
import type { Invoice, InvoiceLine, LineVat } from '../../domain/invoice.ts';
import { HOUR_MS, minorDigits } from '../../reports/money.ts';
import { documentPeriod } from './document-period.ts';
import { decimalAmount, documentTotals, percentOf, type DocumentTotals } from './document-totals.ts';
import { buyerParty, sellerParty } from './ubl-party.ts';
import { el, leaf, optionalLeaf, serializeXml, type XmlElement } from './xml-element.ts';

/** EN 16931 BT-24: the core specification, without a national extension. */
export const EN16931_CUSTOMIZATION = 'urn:cen.eu:en16931:2017';

const NS = {
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  creditNote: 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
};

/** The XML, or why it cannot be written, naming what to change. */
export type UblResult = { ok: true; xml: string } | { ok: false; problem: string };

/** UNCL 5305 VAT category of a line (BT-151, BT-118). */
export function vatCategory(vat: Pick<LineVat, 'kind' | 'rateBp'>): 'S' | 'Z' | 'E' | 'AE' | 'O' {
  switch (vat.kind) {
    case 'domestic':
      return vat.rateBp > 0 ? 'S' : 'Z';
    case 'small-business':
      return 'E';
    case 'reverse-charge':
      return 'AE';
    case 'outside-scope':
      return 'O';
  }
}

/** The VATEX code beside the wording (BT-121), where the EU code list has one. */
const EXEMPTION_CODE: Partial<Record<ReturnType<typeof vatCategory>, string>> = { AE: 'VATEX-EU-AE', O: 'VATEX-EU-O' };

/** Hours as a decimal of up to 6 places (20 minutes is 0.333333): BT-129 is informative, BT-131 is exact. */
function hoursDecimal(ms: number): string {
  const micro = Math.round((ms * 1_000_000) / HOUR_MS);
  return decimalAmount(micro, 6).replace(/\.?0+$/u, '') || '0';
}

function quantityOf(line: InvoiceLine, sign: number): { value: string; unitCode: 'HUR' | 'C62' } {
  if (line.quantity.unit === 'hour') return { value: hoursDecimal(sign * line.quantity.billedMs), unitCode: 'HUR' };
  return { value: decimalAmount(sign * line.quantity.milli, 3).replace(/\.?0+$/u, '') || '0', unitCode: 'C62' };
}

function problemOf(invoice: Invoice, categories: ReadonlySet<string>): string | null {
  if (invoice.number === undefined || invoice.number.trim() === '') return 'The invoice has no number yet: its e-invoice is written when it is issued.';
  if (invoice.lines.length === 0) return 'The invoice has no lines: an e-invoice needs at least one.';
  if (categories.has('O') && categories.size > 1) {
    return 'VAT: lines outside the scope of VAT cannot share an e-invoice with lines that carry VAT (EN 16931 BR-O-11). Put them on separate invoices.';
  }
  const hasId = (t: string | undefined): boolean => t !== undefined && t.trim() !== '';
  if ((categories.has('S') || categories.has('Z') || categories.has('E')) && !hasId(invoice.seller.vatId) && !hasId(invoice.seller.taxNumber)) {
    return 'Your VAT number or tax number: an invoice that charges VAT or uses the small-business exemption must show one. Add it to your business profile.';
  }
  if (categories.has('AE') && !hasId(invoice.seller.vatId))
    return 'Your VAT number: a reverse-charge invoice shows it (EN 16931 BR-AE-02). Add it to your business profile.';
  if (categories.has('AE') && !hasId(invoice.buyer.vatId))
    return 'Client VAT number: a reverse-charge invoice shows it (EN 16931 BR-AE-02). Add it to the client’s billing details.';
  return null;
}

interface Context {
  readonly invoice: Invoice;
  readonly credit: boolean;
  readonly sign: number;
}

function taxTotals(ctx: Context, totals: DocumentTotals): XmlElement[] {
  const { invoice, sign } = ctx;
  const cur = { currencyID: invoice.currency };
  const subtotals = totals.byRate.map((row) => {
    const category = vatCategory({ kind: row.treatment, rateBp: row.rateBp });
    const wording = invoice.lines.find((l) => l.vat.kind === row.treatment && l.vat.rateBp === row.rateBp)?.vat;
    const reason = wording !== undefined && 'wording' in wording ? wording.wording : undefined;
    const code = EXEMPTION_CODE[category];
    return el(
      'cac:TaxSubtotal',
      {},
      leaf('cbc:TaxableAmount', decimalAmount(sign * row.netMinor, minorDigits(invoice.currency)), cur),
      leaf('cbc:TaxAmount', decimalAmount(sign * row.vatMinor, minorDigits(invoice.currency)), cur),
      el(
        'cac:TaxCategory',
        {},
        leaf('cbc:ID', category),
        category !== 'O' && leaf('cbc:Percent', percentOf(row.rateBp)),
        code !== undefined && leaf('cbc:TaxExemptionReasonCode', code),
        optionalLeaf('cbc:TaxExemptionReason', reason),
        el('cac:TaxScheme', {}, leaf('cbc:ID', 'VAT')),
      ),
    );
  });
  const main = el('cac:TaxTotal', {}, leaf('cbc:TaxAmount', decimalAmount(sign * totals.vatMinor, minorDigits(invoice.currency)), cur), ...subtotals);
  if (totals.home === undefined) return [main];
  // BT-111: the VAT total in the VAT accounting currency, a second TaxTotal without a breakdown.
  const home = totals.home;
  return [main, el('cac:TaxTotal', {}, leaf('cbc:TaxAmount', decimalAmount(sign * home.vatMinor, minorDigits(home.currency)), { currencyID: home.currency }))];
}

function monetaryTotal(ctx: Context, totals: DocumentTotals): XmlElement {
  const { invoice, sign } = ctx;
  const money = (name: string, minor: number): XmlElement =>
    leaf(name, decimalAmount(sign * minor, minorDigits(invoice.currency)), { currencyID: invoice.currency });
  return el(
    'cac:LegalMonetaryTotal',
    {},
    money('cbc:LineExtensionAmount', totals.netMinor),
    money('cbc:TaxExclusiveAmount', totals.netMinor),
    money('cbc:TaxInclusiveAmount', totals.grossMinor),
    money('cbc:PayableAmount', totals.grossMinor),
  );
}

function lineElement(ctx: Context, line: InvoiceLine, index: number): XmlElement {
  const { invoice, credit } = ctx;
  const digits = minorDigits(invoice.currency);
  // BR-27: the price is never negative; a negative line (a discount, or any credit-note line in a
  // document that stores them negative) moves the sign to the quantity.
  const flip = ctx.sign * line.unitPriceMinor < 0 ? -1 : 1;
  const quantity = quantityOf(line, flip);
  const category = vatCategory(line.vat);
  const cur = { currencyID: invoice.currency };
  return el(
    credit ? 'cac:CreditNoteLine' : 'cac:InvoiceLine',
    {},
    leaf('cbc:ID', String(index + 1)),
    leaf(credit ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', quantity.value, { unitCode: quantity.unitCode }),
    leaf('cbc:LineExtensionAmount', decimalAmount(ctx.sign * line.netMinor, digits), cur),
    line.period !== undefined && el('cac:InvoicePeriod', {}, leaf('cbc:StartDate', line.period.from), leaf('cbc:EndDate', line.period.to)),
    el(
      'cac:Item',
      {},
      leaf('cbc:Name', line.description),
      el(
        'cac:ClassifiedTaxCategory',
        {},
        leaf('cbc:ID', category),
        category !== 'O' && leaf('cbc:Percent', percentOf(line.vat.rateBp)),
        el('cac:TaxScheme', {}, leaf('cbc:ID', 'VAT')),
      ),
    ),
    el('cac:Price', {}, leaf('cbc:PriceAmount', decimalAmount(ctx.sign * flip * line.unitPriceMinor, digits), cur)),
  );
}

function paymentMeans(invoice: Invoice): XmlElement | undefined {
  const { seller } = invoice;
  if (seller.iban === undefined || seller.iban.trim() === '') return undefined;
  return el(
    'cac:PaymentMeans',
    {},
    leaf('cbc:PaymentMeansCode', '58'),
    optionalLeaf('cbc:PaymentID', invoice.number),
    el(
      'cac:PayeeFinancialAccount',
      {},
      leaf('cbc:ID', seller.iban.replace(/\s+/gu, '').toUpperCase()),
      optionalLeaf('cbc:Name', seller.accountHolder ?? seller.legalName),
      seller.bic !== undefined && seller.bic.trim() !== '' && el('cac:FinancialInstitutionBranch', {}, leaf('cbc:ID', seller.bic.trim().toUpperCase())),
    ),
  );
}

/**
 * BT-20 payment terms, in words. A credit note needs them too: its amount is positive, and BR-CO-25
 * asks a positive amount due for a due date or payment terms (UBL 2.1 gives a CreditNote no DueDate).
 */
function paymentTerms(invoice: Invoice): XmlElement {
  const text =
    invoice.kind === 'credit-note'
      ? `Credits invoice ${invoice.creditFor?.number ?? ''}: nothing is to be paid; the amount is refunded or set off.`
      : `Please pay by ${invoice.dueDate}, quoting ${invoice.number ?? ''}.`;
  return el('cac:PaymentTerms', {}, leaf('cbc:Note', text));
}

/** The note lines (BT-22): the person's note and, on a foreign-currency invoice, the fixed rate as printed. */
function notes(invoice: Invoice): XmlElement[] {
  const out: XmlElement[] = [];
  if (invoice.note.trim() !== '') out.push(leaf('cbc:Note', invoice.note.trim()));
  const fixed = invoice.fixedRate;
  if (fixed !== undefined && fixed.homeCurrency !== invoice.currency) {
    const source = fixed.source === 'ecb' && fixed.asOf !== undefined ? `, ECB reference rate of ${fixed.asOf}` : '';
    out.push(leaf('cbc:Note', `Exchange rate: 1 ${invoice.currency} = ${fixed.rate} ${fixed.homeCurrency}${source}`));
  }
  return out;
}

/** The issued `invoice` (or credit note) as UBL 2.1 XML, or what keeps it from being a valid EN 16931 invoice. */
export function ublInvoice(invoice: Invoice): UblResult {
  const categories = new Set(invoice.lines.map((l) => vatCategory(l.vat)));
  const problem = problemOf(invoice, categories);
  if (problem !== null) return { ok: false, problem };
  let totals: DocumentTotals;
  try {
    totals = documentTotals(invoice);
  } catch (error) {
    return { ok: false, problem: error instanceof RangeError ? `Exchange rate: ${error.message}` : String(error) };
  }
  const credit = invoice.kind === 'credit-note';
  const ctx: Context = { invoice, credit, sign: credit ? -1 : 1 };
  // Every line's period within it (Peppol R110, R111): a retainer month may run past the period chosen.
  const period = documentPeriod(invoice);
  const foreign = totals.home !== undefined;
  // BR-O-02: outside the scope of VAT, neither party's VAT identifier is shown.
  const withVatIds = !categories.has('O');
  const root = el(
    credit ? 'CreditNote' : 'Invoice',
    { xmlns: credit ? NS.creditNote : NS.invoice, 'xmlns:cac': NS.cac, 'xmlns:cbc': NS.cbc },
    leaf('cbc:CustomizationID', EN16931_CUSTOMIZATION),
    leaf('cbc:ID', invoice.number ?? ''),
    leaf('cbc:IssueDate', invoice.issueDate),
    // UBL 2.1 has no DueDate on a CreditNote (and a credit note is not paid by its buyer).
    !credit && leaf('cbc:DueDate', invoice.dueDate),
    leaf(credit ? 'cbc:CreditNoteTypeCode' : 'cbc:InvoiceTypeCode', credit ? '381' : '380'),
    ...notes(invoice),
    leaf('cbc:DocumentCurrencyCode', invoice.currency),
    foreign && leaf('cbc:TaxCurrencyCode', totals.home?.currency ?? ''),
    optionalLeaf('cbc:BuyerReference', invoice.buyer.buyerReference),
    el('cac:InvoicePeriod', {}, leaf('cbc:StartDate', period.from), leaf('cbc:EndDate', period.to)),
    invoice.creditFor !== undefined &&
      el(
        'cac:BillingReference',
        {},
        el('cac:InvoiceDocumentReference', {}, leaf('cbc:ID', invoice.creditFor.number), leaf('cbc:IssueDate', invoice.creditFor.issueDate)),
      ),
    sellerParty(invoice.seller, withVatIds),
    buyerParty(invoice.buyer, withVatIds),
    !credit && paymentMeans(invoice),
    paymentTerms(invoice),
    ...taxTotals(ctx, totals),
    monetaryTotal(ctx, totals),
    ...invoice.lines.map((line, i) => lineElement(ctx, line, i)),
  );
  return { ok: true, xml: serializeXml(root) };
}
