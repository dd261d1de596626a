/**
 * Worked example for the invoice reports: Jana Schmidt, a freelancer in Berlin (home currency EUR,
 * 19 % domestic VAT), in the last quarter of 2026 and the first of 2027.
 *
 * - RE-2026-0001, 5 Oct, Müller GmbH (DE): €1 000 + 19 % VAT, due 19 Oct, paid late on 20 Nov.
 * - RE-2026-0002, 20 Oct, Société Lumière SAS (FR, FR40303265045): €2 500, reverse charge, paid 1 Nov.
 * - RE-2026-0005, 28 Oct, Łódź Analytics sp. z o.o. (PL): €800, reverse charge, due 11 Nov, never paid.
 * - RE-2026-0003, 10 Nov, Zürich Analytik AG (CH): CHF 3 000 outside the scope, 1 CHF = 1.0650 EUR.
 * - RE-2026-0004, 1 Dec, Zürich Analytik AG: CHF 1 200 at 1 CHF = 1.0712 EUR, voided on 12 Jan 2027
 *   by the credit note GS-2027-0001 (CHF −1 200 at the same rate).
 * - 2026-0007 and 2026-0008, September: issued before documents existed; only register totals
 *   (€450, paid; and $300, which no rate converts).
 */
import type { Invoice, InvoiceLine, LineVat } from '../../../../../src-renderer/domain/invoice.ts';
import { invoiceFacts, type InvoiceFacts, type RegisterEntry } from '../../../../../src-renderer/invoices/reports/invoice-facts.ts';
import { REVERSE_CHARGE_WORDING, OUTSIDE_SCOPE_BUSINESS_WORDING } from '../../../../../src-renderer/invoices/vat-treatment.ts';

export const HOME = 'EUR';
const SELLER_VAT = 'DE123456789';

export const domestic: LineVat = { kind: 'domestic', rateBp: 1900 };
export const reverseCharge = (buyerVatId: string): LineVat => ({
  kind: 'reverse-charge',
  rateBp: 0,
  wording: REVERSE_CHARGE_WORDING,
  sellerVatId: SELLER_VAT,
  buyerVatId,
});
export const outsideScope: LineVat = { kind: 'outside-scope', rateBp: 0, wording: OUTSIDE_SCOPE_BUSINESS_WORDING };

export function line(netMinor: number, vat: LineVat, id = 'l1'): InvoiceLine {
  return {
    id,
    kind: 'manual',
    description: 'Data pipeline review',
    quantity: { unit: 'item', milli: 1000 },
    unitPriceMinor: netMinor,
    netMinor,
    vat,
    blockIds: [],
    expenseIds: [],
  };
}

interface DocOptions {
  id: string;
  number: string;
  issueDate: string;
  dueDate: string;
  currency?: string;
  rate?: string;
  buyer: { legalName: string; country: string; vatId?: string };
  lines: InvoiceLine[];
  kind?: 'invoice' | 'credit-note';
  creditFor?: { id: string; number: string; issueDate: string };
}

export function doc(o: DocOptions): Invoice {
  const currency = o.currency ?? HOME;
  return {
    id: o.id,
    clientId: `client-${o.buyer.country.toLowerCase()}`,
    kind: o.kind ?? 'invoice',
    state: 'issued',
    number: o.number,
    series: o.kind === 'credit-note' ? 'GS-' : 'RE-',
    issueDate: o.issueDate,
    dueDate: o.dueDate,
    selection: { from: o.issueDate, to: o.issueDate, projectIds: [] },
    currency,
    ...(o.rate !== undefined && { fixedRate: { homeCurrency: HOME, rate: o.rate, source: 'typed' as const } }),
    seller: { legalName: 'Jana Schmidt Data Consulting', address: 'Oranienstraße 12\n10999 Berlin', country: 'DE', vatId: SELLER_VAT },
    buyer: { ...o.buyer, address: 'Somewhere 1', isBusiness: true },
    hourStyle: 'h:mm',
    lines: o.lines,
    note: '',
    ...(o.creditFor !== undefined && { creditFor: o.creditFor }),
    createdAt: 0,
    updatedAt: 0,
  };
}

/** A register entry as the invoice store writes it (totals as printed: gross). */
export function entry(document: Invoice, extra: Partial<RegisterEntry> = {}): RegisterEntry {
  const gross = document.lines.reduce((sum, l) => sum + l.netMinor + Math.round((l.netMinor * l.vat.rateBp) / 10_000), 0);
  return {
    key: `invoice/${document.id}`,
    number: document.number ?? '',
    clientId: document.clientId,
    issueDate: document.issueDate,
    status: 'issued',
    blockIds: [],
    expenseIds: [],
    totals: [[document.currency, gross]],
    ...(document.kind === 'credit-note' ? { kind: 'credit-note' as const } : {}),
    series: document.series,
    dueDate: document.dueDate,
    ...extra,
  };
}

const mueller = { legalName: 'Müller GmbH', country: 'DE', vatId: 'DE811907980' };
const lumiere = { legalName: 'Société Lumière SAS', country: 'FR', vatId: 'FR40303265045' };
const lodz = { legalName: 'Łódź Analytics sp. z o.o.', country: 'PL', vatId: 'PL5261040828' };
const zurich = { legalName: 'Zürich Analytik AG', country: 'CH', vatId: 'CHE-116.281.710' };

export const paidLate = doc({
  id: 'a0001',
  number: 'RE-2026-0001',
  issueDate: '2026-10-05',
  dueDate: '2026-10-19',
  buyer: mueller,
  lines: [line(100_000, domestic)],
});
export const french = doc({
  id: 'a0002',
  number: 'RE-2026-0002',
  issueDate: '2026-10-20',
  dueDate: '2026-11-03',
  buyer: lumiere,
  lines: [line(150_000, reverseCharge('FR 40 303 265 045')), line(100_000, reverseCharge('FR 40 303 265 045'), 'l2')],
});
export const overdue = doc({
  id: 'a0005',
  number: 'RE-2026-0005',
  issueDate: '2026-10-28',
  dueDate: '2026-11-11',
  buyer: lodz,
  lines: [line(80_000, reverseCharge('PL5261040828'))],
});
export const swissNov = doc({
  id: 'a0003',
  number: 'RE-2026-0003',
  issueDate: '2026-11-10',
  dueDate: '2026-12-10',
  currency: 'CHF',
  rate: '1.0650',
  buyer: zurich,
  lines: [line(300_000, outsideScope)],
});
export const swissDec = doc({
  id: 'a0004',
  number: 'RE-2026-0004',
  issueDate: '2026-12-01',
  dueDate: '2026-12-15',
  currency: 'CHF',
  rate: '1.0712',
  buyer: zurich,
  lines: [line(120_000, outsideScope)],
});
export const creditNote = doc({
  id: 'c0001',
  number: 'GS-2027-0001',
  kind: 'credit-note',
  issueDate: '2027-01-12',
  dueDate: '2027-01-12',
  currency: 'CHF',
  rate: '1.0712',
  buyer: zurich,
  lines: [line(-120_000, outsideScope)],
  creditFor: { id: 'a0004', number: 'RE-2026-0004', issueDate: '2026-12-01' },
});

/** The register entries, as the store would hold them. */
export const legacyEur: RegisterEntry = {
  key: 'invoice/legacy/2026-0007',
  number: '2026-0007',
  clientId: 'client-de',
  issueDate: '2026-09-15',
  status: 'issued',
  blockIds: ['b1'],
  expenseIds: [],
  totals: [['EUR', 45_000]],
  paidOn: '2026-10-01',
};
export const legacyUsd: RegisterEntry = {
  key: 'invoice/legacy/2026-0008',
  number: '2026-0008',
  clientId: 'client-us',
  issueDate: '2026-09-20',
  status: 'issued',
  blockIds: ['b2'],
  expenseIds: [],
  totals: [['USD', 30_000]],
};

/** Every fact of the worked example. */
export function workedExample(): InvoiceFacts[] {
  return [
    invoiceFacts(legacyEur),
    invoiceFacts(legacyUsd),
    invoiceFacts(entry(paidLate, { paidOn: '2026-11-20' }), paidLate),
    invoiceFacts(entry(french, { paidOn: '2026-11-01' }), french),
    invoiceFacts(entry(overdue), overdue),
    invoiceFacts(entry(swissNov), swissNov),
    invoiceFacts(entry(swissDec, { status: 'void', voidedOn: '2027-01-12', voidedBy: 'invoice/c0001' }), swissDec),
    invoiceFacts(entry(creditNote, { creditFor: 'invoice/a0004' }), creditNote),
  ];
}
