import { describe, expect, it } from 'vitest';
import { creditNoteOf } from '../../../../../src-renderer/invoices/document/credit-note.ts';
import { euSalesList, splitVatId } from '../../../../../src-renderer/invoices/reports/eu-sales-list.ts';
import { countsAsSale, daysBetween, invoiceFacts, quarterOf } from '../../../../../src-renderer/invoices/reports/invoice-facts.ts';
import { revenueByMonth } from '../../../../../src-renderer/invoices/reports/revenue.ts';
import { unpaidReport } from '../../../../../src-renderer/invoices/reports/unpaid.ts';
import { vatSummary } from '../../../../../src-renderer/invoices/reports/vat-summary.ts';
import { creditNote, doc, domestic, entry, french, HOME, legacyUsd, line, outsideScope, paidLate, reverseCharge, swissDec, workedExample } from './fixtures.ts';

describe('invoice facts', () => {
  it('takes amounts, VAT and the rate from the document, and the lifecycle from the register', () => {
    const facts = invoiceFacts(entry(paidLate, { paidOn: '2026-11-20' }), paidLate);
    expect(facts).toMatchObject({ number: 'RE-2026-0001', source: 'document', buyerName: 'Müller GmbH', dueDate: '2026-10-19', paidOn: '2026-11-20' });
    expect(facts.totals).toEqual([{ currency: 'EUR', netMinor: 100_000, grossMinor: 119_000 }]);
    expect(facts.vat).toEqual([{ treatment: 'domestic', rateBp: 1900, netMinor: 100_000, vatMinor: 19_000 }]);
  });

  it('counts a credit note with the signs its document stores: the invoice negated, line by line', () => {
    expect(invoiceFacts(entry(creditNote), creditNote).totals[0]?.grossMinor).toBe(-120_000);
    // A credit note of an invoice that was all refund gives the money back the other way.
    const refund = doc({ ...creditNoteOptions(), lines: [line(50_000, outsideScope)] });
    expect(invoiceFacts(entry(refund), refund).totals[0]).toEqual({ currency: 'CHF', netMinor: 50_000, grossMinor: 50_000 });
  });

  it('without a document keeps a credit note’s register totals as stored (negative)', () => {
    const facts = invoiceFacts(entry(creditNote, { creditFor: 'invoice/a0004' }));
    expect(facts.totals).toEqual([{ currency: 'CHF', netMinor: -120_000, grossMinor: -120_000 }]);
  });

  it('without a document keeps the register totals, net and gross alike (no VAT was charged before documents)', () => {
    const facts = invoiceFacts(legacyUsd);
    expect(facts.source).toBe('register');
    expect(facts.totals).toEqual([{ currency: 'USD', netMinor: 30_000, grossMinor: 30_000 }]);
    expect(facts.vat).toEqual([]);
  });

  it('leaves out an invoice voided before credit notes existed, and keeps one a credit note voids', () => {
    expect(countsAsSale(invoiceFacts({ ...legacyUsd, status: 'void', voidedOn: '2026-10-01' }))).toBe(false);
    expect(countsAsSale(invoiceFacts(entry(swissDec, { status: 'void', voidedBy: 'invoice/c0001' }), swissDec))).toBe(true);
  });

  it('reads calendar quarters and day counts across a year end', () => {
    expect([quarterOf('2026-03-31'), quarterOf('2026-04-01'), quarterOf('2026-12-31')]).toEqual(['2026-Q1', '2026-Q2', '2026-Q4']);
    expect(daysBetween('2026-12-25', '2027-01-08')).toBe(14);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // across the change to summer time
  });
});

function creditNoteOptions() {
  return {
    id: 'c0002',
    number: 'GS-2027-0002',
    kind: 'credit-note' as const,
    issueDate: '2027-01-12',
    dueDate: '2027-01-12',
    currency: 'CHF',
    rate: '1.0712',
    buyer: { legalName: 'Zürich Analytik AG', country: 'CH' },
  };
}

describe('revenue per month in the home currency', () => {
  const report = revenueByMonth(workedExample(), HOME);

  it('converts each Swiss invoice with its own fixed rate and takes the voided one back in the credit note’s month', () => {
    expect(report.months).toEqual([
      { month: '2026-09', invoices: 1, creditNotes: 0, netMinor: 45_000, vatMinor: 0, grossMinor: 45_000, fromRegister: 1 },
      { month: '2026-10', invoices: 3, creditNotes: 0, netMinor: 430_000, vatMinor: 19_000, grossMinor: 449_000, fromRegister: 0 },
      // CHF 3 000 × 1.0650
      { month: '2026-11', invoices: 1, creditNotes: 0, netMinor: 319_500, vatMinor: 0, grossMinor: 319_500, fromRegister: 0 },
      // CHF 1 200 × 1.0712, not × 1.0650: never another invoice's rate
      { month: '2026-12', invoices: 1, creditNotes: 0, netMinor: 128_544, vatMinor: 0, grossMinor: 128_544, fromRegister: 0 },
      { month: '2027-01', invoices: 0, creditNotes: 1, netMinor: -128_544, vatMinor: 0, grossMinor: -128_544, fromRegister: 0 },
    ]);
    expect(report.total).toEqual({ netMinor: 794_500, vatMinor: 19_000, grossMinor: 813_500 });
  });

  it('lists an invoice from before documents in another currency as not converted, in words', () => {
    expect(report.notConverted).toEqual([
      {
        key: 'invoice/legacy/2026-0008',
        number: '2026-0008',
        issueDate: '2026-09-20',
        currency: 'USD',
        grossMinor: 30_000,
        reason: 'issued before invoices kept their exchange rate, in USD',
      },
    ]);
  });

  it('converts nothing whose rate is fixed to another home currency', () => {
    const other = revenueByMonth([invoiceFacts(entry(swissDec), swissDec)], 'PLN');
    expect(other.months).toEqual([]);
    expect(other.notConverted[0]?.reason).toBe('its rate is fixed to EUR, not to your home currency PLN');
  });
});

describe('unpaid and overdue', () => {
  it('lists what is open on a day, oldest due first, with totals per currency', () => {
    const report = unpaidReport(workedExample(), '2026-12-07');
    expect(report.open.map((o) => [o.number, o.dueDate, o.daysOverdue, o.dueDateKnown])).toEqual([
      ['2026-0008', '2026-09-20', 78, false],
      ['RE-2026-0005', '2026-11-11', 26, true],
      ['RE-2026-0003', '2026-12-10', -3, true],
      ['RE-2026-0004', '2026-12-15', -8, true],
    ]);
    expect(report.totals).toEqual([
      { currency: 'CHF', openMinor: 420_000, overdueMinor: 0 },
      { currency: 'EUR', openMinor: 80_000, overdueMinor: 80_000 },
      { currency: 'USD', openMinor: 30_000, overdueMinor: 30_000 },
    ]);
  });

  it('shows the invoice paid late as overdue before its payment and not after', () => {
    const before = unpaidReport(workedExample(), '2026-11-01').open.find((o) => o.number === 'RE-2026-0001');
    expect(before?.daysOverdue).toBe(13);
    expect(unpaidReport(workedExample(), '2026-11-20').open.some((o) => o.number === 'RE-2026-0001')).toBe(false);
  });

  it('drops the voided invoice from the day of its credit note, and never lists a credit note', () => {
    const numbers = (asOf: string) => unpaidReport(workedExample(), asOf).open.map((o) => o.number);
    expect(numbers('2027-01-11')).toContain('RE-2026-0004');
    expect(numbers('2027-01-12')).not.toContain('RE-2026-0004');
    expect(numbers('2027-01-12')).not.toContain('GS-2027-0001');
  });
});

describe('VAT summary per quarter', () => {
  const summary = vatSummary(workedExample(), HOME);

  it('sums net and VAT per treatment and rate, in the invoice currency and the home currency', () => {
    expect(
      summary.rows.map((r) => [r.quarter, r.treatment, r.rateBp, r.currency, r.netMinor, r.vatMinor, r.homeNetMinor, r.homeVatMinor, r.documents]),
    ).toEqual([
      ['2026-Q4', 'domestic', 1900, 'EUR', 100_000, 19_000, 100_000, 19_000, 1],
      ['2026-Q4', 'reverse-charge', 0, 'EUR', 330_000, 0, 330_000, 0, 2],
      ['2026-Q4', 'outside-scope', 0, 'CHF', 420_000, 0, 319_500 + 128_544, 0, 2],
      // The credit note reduces its own quarter, at the rate fixed on it.
      ['2027-Q1', 'outside-scope', 0, 'CHF', -120_000, 0, -128_544, 0, 1],
    ]);
  });

  it('names the entries it cannot break down', () => {
    expect(summary.withoutDocument.map((w) => w.number)).toEqual(['2026-0007', '2026-0008']);
  });

  it('marks a row it cannot convert instead of guessing a rate', () => {
    const { fixedRate: _rate, ...noRate } = swissDec;
    const result = vatSummary([invoiceFacts(entry(noRate), noRate)], HOME);
    expect(result.rows[0]).toMatchObject({ netMinor: 120_000, homeNetMinor: null, homeVatMinor: null });
    expect(result.notConverted[0]?.reason).toBe('no exchange rate to EUR is fixed on it');
  });
});

describe('EU sales list', () => {
  it('lists reverse-charge sales per quarter and client VAT id, in the home currency', () => {
    const list = euSalesList(workedExample(), HOME);
    expect(list.rows).toEqual([
      { quarter: '2026-Q4', countryCode: 'FR', vatNumber: '40303265045', buyerName: 'Société Lumière SAS', homeNetMinor: 250_000, documents: 1 },
      { quarter: '2026-Q4', countryCode: 'PL', vatNumber: '5261040828', buyerName: 'Łódź Analytics sp. z o.o.', homeNetMinor: 80_000, documents: 1 },
    ]);
  });

  it('takes a credit note for a reverse-charge invoice off the quarter it is dated in', () => {
    const credit = doc({
      id: 'c0003',
      number: 'GS-2027-0003',
      kind: 'credit-note',
      issueDate: '2027-02-02',
      dueDate: '2027-02-02',
      buyer: { legalName: 'Société Lumière SAS', country: 'FR', vatId: 'FR40303265045' },
      lines: [line(-250_000, reverseCharge('FR40303265045'))],
    });
    const facts = [invoiceFacts(entry(french, { status: 'void', voidedBy: 'invoice/c0003' }), french), invoiceFacts(entry(credit), credit)];
    expect(euSalesList(facts, HOME).rows.map((r) => [r.quarter, r.countryCode, r.homeNetMinor])).toEqual([
      ['2026-Q4', 'FR', 250_000],
      ['2027-Q1', 'FR', -250_000],
    ]);
  });

  it('converts a reverse-charge sale in another currency with its fixed rate', () => {
    const athens = doc({
      id: 'a0009',
      number: 'RE-2026-0009',
      issueDate: '2026-11-30',
      dueDate: '2026-12-14',
      currency: 'USD',
      rate: '0.951294',
      buyer: { legalName: 'Αθήνα Data IKE', country: 'GR', vatId: '094259216' },
      lines: [line(100_000, reverseCharge('094259216'))],
    });
    expect(euSalesList([invoiceFacts(entry(athens), athens)], HOME).rows).toEqual([
      { quarter: '2026-Q4', countryCode: 'EL', vatNumber: '094259216', buyerName: 'Αθήνα Data IKE', homeNetMinor: 95_129, documents: 1 },
    ]);
  });

  it('splits VAT ids as typed into the prefix and the number', () => {
    expect(splitVatId('fr 40.303-265 045')).toEqual({ countryCode: 'FR', vatNumber: '40303265045' });
    expect(splitVatId('EL094259216')).toEqual({ countryCode: 'EL', vatNumber: '094259216' });
  });
});

describe('a credit note of an invoice with a refund line', () => {
  // €1 000.00 of work and a €200.00 refund line: the invoice nets €800.00, and so does its credit note.
  const lumiere = { legalName: 'Société Lumière SAS', country: 'FR', vatId: 'FR40303265045' };
  const invoice = doc({
    id: 'a0011',
    number: 'RE-2026-0011',
    issueDate: '2026-11-16',
    dueDate: '2026-11-30',
    buyer: lumiere,
    lines: [line(100_000, reverseCharge('FR40303265045')), line(-20_000, reverseCharge('FR40303265045'), 'l2')],
  });
  const domesticInvoice = doc({
    id: 'a0012',
    number: 'RE-2026-0012',
    issueDate: '2026-11-16',
    dueDate: '2026-11-30',
    buyer: { legalName: 'Müller GmbH', country: 'DE', vatId: 'DE811907980' },
    lines: [line(100_000, domestic), line(-20_000, domestic, 'l2')],
  });
  const credited = (issued: typeof invoice, id: string, number: string) => {
    const made = creditNoteOf(issued, { id, issueDate: '2027-01-08', series: 'GS-', now: 0 });
    if (!made.ok) throw new Error(made.problem);
    return { ...made.creditNote, state: 'issued' as const, number };
  };
  const credit = credited(invoice, 'c0011', 'GS-2027-0011');
  const domesticCredit = credited(domesticInvoice, 'c0012', 'GS-2027-0012');
  const facts = [
    invoiceFacts(entry(invoice, { status: 'void', voidedOn: '2027-01-08', voidedBy: 'invoice/c0011' }), invoice),
    invoiceFacts(entry(credit, { creditFor: 'invoice/a0011' }), credit),
    invoiceFacts(entry(domesticInvoice, { status: 'void', voidedOn: '2027-01-08', voidedBy: 'invoice/c0012' }), domesticInvoice),
    invoiceFacts(entry(domesticCredit, { creditFor: 'invoice/a0012' }), domesticCredit),
  ];

  it('takes back exactly what the invoice counted in revenue: €800.00 net, not €1 200.00', () => {
    expect(facts[1]?.totals).toEqual([{ currency: 'EUR', netMinor: -80_000, grossMinor: -80_000 }]);
    const report = revenueByMonth(facts, HOME);
    expect(report.months.map((m) => [m.month, m.netMinor, m.vatMinor, m.grossMinor])).toEqual([
      ['2026-11', 160_000, 15_200, 175_200],
      ['2027-01', -160_000, -15_200, -175_200],
    ]);
    expect(report.total).toEqual({ netMinor: 0, vatMinor: 0, grossMinor: 0 });
  });

  it('reduces the VAT summary by the invoice’s net and VAT, per rate', () => {
    const rows = vatSummary(facts, HOME).rows.map((r) => [r.quarter, r.treatment, r.netMinor, r.vatMinor]);
    expect(rows).toEqual([
      ['2026-Q4', 'domestic', 80_000, 15_200],
      ['2026-Q4', 'reverse-charge', 80_000, 0],
      ['2027-Q1', 'domestic', -80_000, -15_200],
      ['2027-Q1', 'reverse-charge', -80_000, 0],
    ]);
  });

  it('reduces the EU sales list by €800.00 under the same VAT id', () => {
    expect(euSalesList(facts, HOME).rows.map((r) => [r.quarter, r.countryCode, r.homeNetMinor])).toEqual([
      ['2026-Q4', 'FR', 80_000],
      ['2027-Q1', 'FR', -80_000],
    ]);
  });
});
