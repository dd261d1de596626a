/**
 * The issue's worked examples as issued invoice documents, for the PDF and the XML tests: a German
 * freelancer billing a French business (reverse charge), a Swiss client in CHF with a fixed rate
 * (outside the scope), a § 19 small business, a German rate charged to a private person in Αθήνα,
 * a credit note, and a 60-line invoice to "Łódź Analytics sp. z o.o.".
 */
import type { Invoice, InvoiceLine, LineVat, SellerSnapshot } from '../../../../../src-renderer/domain/invoice.ts';
import { HOUR_MS, timeAmountMinor } from '../../../../../src-renderer/reports/money.ts';
import { REVERSE_CHARGE_WORDING, OUTSIDE_SCOPE_BUSINESS_WORDING } from '../../../../../src-renderer/invoices/vat-treatment.ts';

export const SMALL_BUSINESS_WORDING = 'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.';

export const anna: SellerSnapshot = {
  legalName: 'Anna Schmidt Data Consulting',
  address: 'Torstraße 5\n10119 Berlin',
  country: 'DE',
  vatId: 'DE123456789',
  taxNumber: '30/123/45678',
  email: 'anna@example.de',
  iban: 'DE89370400440532013000',
  bic: 'COBADEFFXXX',
};

const vatRc = (buyerVatId: string): LineVat => ({
  kind: 'reverse-charge',
  rateBp: 0,
  wording: REVERSE_CHARGE_WORDING,
  sellerVatId: anna.vatId ?? '',
  buyerVatId,
});

export function timeLine(id: string, description: string, hours: number, priceMinor: number, vat: LineVat): InvoiceLine {
  const ms = Math.round(hours * HOUR_MS);
  return {
    id,
    kind: 'time',
    description,
    quantity: { unit: 'hour', billedMs: ms, workedMs: ms },
    unitPriceMinor: priceMinor,
    netMinor: timeAmountMinor(ms, priceMinor),
    vat,
    projectId: 'p1',
    blockIds: [],
    expenseIds: [],
    period: { from: '2026-11-01', to: '2026-11-30' },
  };
}

export function itemLine(id: string, description: string, count: number, priceMinor: number, vat: LineVat): InvoiceLine {
  return {
    id,
    kind: 'expense',
    description,
    quantity: { unit: 'item', milli: count * 1000 },
    unitPriceMinor: priceMinor,
    netMinor: count * priceMinor,
    vat,
    blockIds: [],
    expenseIds: ['x1'],
  };
}

function issued(id: string, fields: Partial<Invoice> & Pick<Invoice, 'number' | 'buyer' | 'lines'>): Invoice {
  return {
    id,
    clientId: 'c1',
    kind: 'invoice',
    state: 'issued',
    series: 'RE-',
    issueDate: '2026-12-07',
    dueDate: '2027-01-06',
    selection: { from: '2026-11-01', to: '2026-11-30', projectIds: [] },
    currency: 'EUR',
    seller: anna,
    hourStyle: 'h:mm',
    note: '',
    issuedAt: Date.UTC(2026, 11, 7, 10),
    createdAt: 0,
    updatedAt: 0,
    ...fields,
  };
}

/** Reverse charge: Berlin → a French business, 12:30 h at €95 and a software expense. */
export const reverseCharge = issued('inv-fr', {
  number: 'RE-2026-0007',
  buyer: {
    legalName: 'Données & Modèles <SARL>',
    address: '12 rue de la République\n69002 Lyon\nFrance',
    country: 'FR',
    vatId: 'FR40303265045',
    isBusiness: true,
    buyerReference: 'PO "4711"',
  },
  lines: [timeLine('l1', 'Churn model, November', 12.5, 9_500, vatRc('FR40303265045')), itemLine('l2', 'GPU hours at cost', 1, 4_500, vatRc('FR40303265045'))],
  note: 'Thank you for the work together.',
});

/** A Swiss client in CHF: outside the scope (Article 44), fixed at the ECB rate of 4 Dec 2026. */
export const swissChf = issued('inv-ch', {
  number: 'RE-2026-0008',
  currency: 'CHF',
  fixedRate: { homeCurrency: 'EUR', rate: '1.0712', source: 'ecb', asOf: '2026-12-04' },
  buyer: { legalName: 'Zürich Rückversicherung AG', address: 'Mythenquai 2\n8002 Zürich', country: 'CH', vatId: 'CHE-123.456.789 MWST', isBusiness: true },
  lines: [timeLine('l1', 'Pricing model review', 7 + 55 / 60, 14_000, { kind: 'outside-scope', rateBp: 0, wording: OUTSIDE_SCOPE_BUSINESS_WORDING })],
});

/** A domestic rate in a foreign currency: 19 % charged on USD, so the VAT is also shown in EUR (Article 230). */
export const domesticUsd = issued('inv-usd', {
  number: 'RE-2026-0009',
  currency: 'USD',
  fixedRate: { homeCurrency: 'EUR', rate: '0.951294', source: 'typed' },
  buyer: { legalName: 'Ελένη Παπαδοπούλου', address: 'Οδός Ερμού 10\n105 63 Αθήνα', country: 'GR', isBusiness: false },
  hourStyle: 'decimal',
  lines: [
    timeLine('l1', 'Δεδομένα: data cleaning', 3 + 20 / 60, 12_000, { kind: 'domestic', rateBp: 1900 }),
    itemLine('l2', 'Reference book', 2, 3_999, { kind: 'domestic', rateBp: 700 }),
  ],
});

/** A § 19 UStG small business: no VAT, the exemption wording, only a tax number. */
export const smallBusiness = issued('inv-19', {
  number: 'RE-2026-0003',
  seller: {
    legalName: 'Jörg Weiß Statistik',
    address: 'Hauptstraße 1\n80331 München',
    country: 'DE',
    taxNumber: '143/456/78901',
    iban: 'DE02120300000000202051',
  },
  buyer: { legalName: 'Bäckerei Müller GmbH', address: 'Marktplatz 3\n80331 München', country: 'DE', isBusiness: true },
  lines: [timeLine('l1', 'Sales forecast', 4.5, 8_000, { kind: 'small-business', rateBp: 0, wording: SMALL_BUSINESS_WORDING })],
});

/** A credit note voiding the reverse-charge invoice: the same lines, negative. */
export const creditNote: Invoice = {
  ...reverseCharge,
  id: 'cn-fr',
  kind: 'credit-note',
  number: 'GS-2026-0001',
  series: 'GS-',
  issueDate: '2026-12-10',
  dueDate: '2026-12-10',
  note: '',
  creditFor: { id: 'inv-fr', number: 'RE-2026-0007', issueDate: '2026-12-07' },
  lines: reverseCharge.lines.map((l) => ({ ...l, unitPriceMinor: -l.unitPriceMinor, netMinor: -l.netMinor })),
};

/** Sixty lines to a Polish business: the table breaks across pages. */
export const sixtyLines = issued('inv-pl', {
  number: 'RE-2026-0010',
  buyer: { legalName: 'Łódź Analytics sp. z o.o.', address: 'ul. Piotrkowska 100\n90-001 Łódź', country: 'PL', vatId: 'PL5260250274', isBusiness: true },
  lines: Array.from({ length: 60 }, (_, i) => timeLine(`l${i + 1}`, `Łódź uplift, run ${i + 1}`, 1 + (i % 4) * 0.25, 9_000, vatRc('PL5260250274'))),
});

export const workedExamples: readonly (readonly [string, Invoice])[] = [
  ['reverse charge to France', reverseCharge],
  ['Swiss client in CHF', swissChf],
  ['domestic VAT in USD to Αθήνα', domesticUsd],
  ['§ 19 small business', smallBusiness],
  ['credit note', creditNote],
  ['60 lines to Łódź', sixtyLines],
];
