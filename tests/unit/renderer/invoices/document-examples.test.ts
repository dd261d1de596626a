/** The issue's worked examples, end to end through the document builder, with the exact amounts. */
import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../../../src-renderer/domain/invoice.ts';
import { invoiceSchema } from '../../../../src-renderer/domain/invoice.ts';
import { creditNoteOf, draftDocument, ecbCurrencyRate, ecbFixedRate, invoiceTotals, issueProblems } from '../../../../src-renderer/invoices/document/index.ts';
import { parseEcbCsv } from '../../../../src-renderer/invoices/ecb-rates.ts';
import { REVERSE_CHARGE_WORDING, OUTSIDE_SCOPE_BUSINESS_WORDING } from '../../../../src-renderer/invoices/vat-treatment.ts';
import { berlinProfile, block, draftInput, expense, H, koeln, lyon, MIN, nov, november, project, zurich } from '../../support/invoice-fixtures.ts';

const NOW = Date.UTC(2026, 11, 7, 10);

describe('worked example: a German freelancer billing a French business (reverse charge)', () => {
  const churn = project('p-churn', lyon.id, { kind: 'hourly', rateMinor: 9_550 }, 'EUR', 'Churn model');
  const input = draftInput(lyon, {
    projects: [churn],
    blocks: [block(churn, nov(3), 7 * H + 55 * MIN + 3_000)],
    expenses: [expense(churn, 'e-gpu', '2026-11-12', 12_000, 'USD', { markupBp: 1_000 })],
    selection: november({ currencyRates: { USD: { rate: '0.9512', source: 'typed' } } }),
  });
  const { document, problems } = draftDocument(input, { id: 'doc-fr', now: NOW, locale: 'en-GB' });

  it('puts every line under reverse charge with both VAT numbers, no VAT charged', () => {
    expect(problems).toEqual([]);
    for (const line of document.lines) {
      expect(line.vat).toEqual({ kind: 'reverse-charge', rateBp: 0, wording: REVERSE_CHARGE_WORDING, sellerVatId: 'DE123456789', buyerVatId: 'FR40303265045' });
    }
    const totals = invoiceTotals(document.lines, document.currency, document.fixedRate);
    // 7:55 × 95.50 = 756.04; USD 120.00 × 0.9512 + 10 % = 125.56.
    expect(totals).toEqual({
      currency: 'EUR',
      byRate: [{ treatment: 'reverse-charge', rateBp: 0, netMinor: 88_160, vatMinor: 0 }],
      netMinor: 88_160,
      vatMinor: 0,
      grossMinor: 88_160,
    });
  });

  it('is a valid document that can be issued, due after the payment terms', () => {
    expect(invoiceSchema.safeParse(document).success).toBe(true);
    expect(document).toMatchObject({ state: 'draft', kind: 'invoice', series: 'RE-', issueDate: '2026-12-07', dueDate: '2026-12-21' });
    expect(document.buyer).toMatchObject({ legalName: 'Atelier Données SARL', vatId: 'FR40303265045', country: 'FR' });
    expect(issueProblems(document, { homeCurrency: 'EUR', client: lyon })).toEqual([]);
  });
});

describe('worked example: a Swiss client in CHF, with a fixed rate to the home EUR', () => {
  const model = project('p-ch', zurich.id, { kind: 'hourly', rateMinor: 15_000 }, 'CHF', 'Demand model');
  const fixedRate = { homeCurrency: 'EUR', rate: '1.0642', source: 'typed' as const };
  const input = draftInput(zurich, {
    profile: berlinProfile({ hourStyle: 'decimal' }),
    projects: [model],
    blocks: [block(model, nov(3), 2 * H + 20 * MIN), block(model, nov(4), H + 5 * MIN)],
    selection: november({ currency: 'CHF', fixedRate }),
  });
  const { document } = draftDocument(input, { id: 'doc-ch', now: NOW });

  it('bills 3:25 as 3.42 h at CHF 150.00 = CHF 513.00, outside the scope of EU VAT, EUR 545.93 in the books', () => {
    expect(document.lines.map((l) => [l.quantity, l.unitPriceMinor, l.netMinor, l.vat])).toEqual([
      [
        { unit: 'hour', billedMs: 342 * 36_000, workedMs: 3 * H + 25 * MIN },
        15_000,
        51_300,
        { kind: 'outside-scope', rateBp: 0, wording: OUTSIDE_SCOPE_BUSINESS_WORDING },
      ],
    ]);
    expect(document.fixedRate).toEqual(fixedRate);
    const totals = invoiceTotals(document.lines, 'CHF', document.fixedRate);
    // 513.00 × 1.0642 = 545.9346 → 545.93
    expect(totals.home).toEqual({ currency: 'EUR', rate: '1.0642', grossMinor: 54_593 });
    expect(issueProblems(document, { homeCurrency: 'EUR', client: zurich })).toEqual([]);
  });

  it('shows totals without the home figure while the rate typed is not one yet', () => {
    expect(invoiceTotals(document.lines, 'CHF', { ...fixedRate, rate: '1,06' })).toMatchObject({
      grossMinor: 51_300,
      homeProblem: 'Exchange rate: "1,06" is not a rate; type a positive decimal such as 0.9512.',
    });
    expect(invoiceTotals(document.lines, 'CHF', { ...fixedRate, rate: '1,06' }).home).toBeUndefined();
  });

  it('refuses to issue without the rate, or with a rate of zero', () => {
    const { fixedRate: _dropped, ...withoutRate } = document;
    expect(issueProblems(withoutRate, { homeCurrency: 'EUR' }).map((p) => p.message)).toEqual([
      'Exchange rate: this invoice is in CHF and your books in EUR; fix the rate on the invoice (typed, or from an ECB file).',
    ]);
    const zero = { ...document, fixedRate: { ...fixedRate, rate: '0' } };
    expect(issueProblems(zero, { homeCurrency: 'EUR' })).toEqual([
      { field: 'Exchange rate', message: 'Exchange rate: "0" is not a rate; type a positive decimal such as 0.9512 (zero is not a rate).', blocking: true },
    ]);
  });
});

describe('worked example: the Swiss invoice with rates from an imported ECB file', () => {
  const file = parseEcbCsv('Date, USD, JPY, BGN, CZK, GBP, CHF, \r\n04 December 2026, 1.0512, 161.02, N/A, 25.117, 0.83015, 0.9321, \r\n');
  const rates = file.ok ? file.rates : { days: new Map() };

  it('fixes CHF in EUR and USD in CHF from Friday’s reference rates, and refuses a file too old', () => {
    const fixed = ecbFixedRate(rates, '2026-12-07', 'CHF', 'EUR');
    expect(fixed).toEqual({ ok: true, rate: { homeCurrency: 'EUR', rate: '1.072846261', source: 'ecb', asOf: '2026-12-04' } });
    const usd = ecbCurrencyRate(rates, '2026-12-07', 'USD', 'CHF');
    expect(usd).toEqual({ ok: true, rate: { rate: '0.8867009132', to: 'CHF', source: 'ecb', asOf: '2026-12-04' } });
    if (!fixed.ok || !usd.ok) return;
    const model = project('p-ch', zurich.id, { kind: 'hourly', rateMinor: 15_000 }, 'CHF', 'Demand model');
    const input = draftInput(zurich, {
      profile: berlinProfile({ hourStyle: 'decimal' }),
      projects: [model],
      blocks: [block(model, nov(3), 3 * H + 25 * MIN)],
      expenses: [expense(model, 'e-api', '2026-11-20', 10_000, 'USD')],
      selection: november({ currency: 'CHF', fixedRate: fixed.rate, currencyRates: { USD: usd.rate } }),
    });
    const { document } = draftDocument(input, { id: 'doc-ch', now: NOW });
    // CHF 513.00 of time + USD 100.00 × 0.8867009132 = CHF 88.67 → CHF 601.67 → × 1.072846261 = EUR 645.50.
    expect(document.lines.map((l) => l.netMinor)).toEqual([51_300, 8_867]);
    expect(document.lines[1]?.original).toEqual({ amountMinor: 10_000, currency: 'USD', rate: '0.8867009132' });
    // The draft keeps which currency the USD rate converts into; a draft saved before rates said so still reads.
    expect(invoiceSchema.safeParse(document).success).toBe(true);
    expect(document.selection.currencyRates?.['USD']?.to).toBe('CHF');
    const older = { ...document, selection: { ...document.selection, currencyRates: { USD: { rate: '0.8867009132', source: 'ecb', asOf: '2026-12-04' } } } };
    expect(invoiceSchema.safeParse(older).success).toBe(true);
    expect(invoiceTotals(document.lines, 'CHF', document.fixedRate).home).toEqual({ currency: 'EUR', rate: '1.072846261', grossMinor: 64_550 });
    expect(ecbFixedRate(rates, '2026-12-20', 'CHF', 'EUR')).toEqual({
      ok: false,
      problem:
        'Exchange rate: the newest rate for CHF in EUR in the imported file is from 2026-12-04, too long before 2026-12-20. Import a newer file, or type the rate.',
    });
  });
});

describe('worked example: a § 19 UStG small business', () => {
  const wording = 'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.';
  const site = project('p-site', koeln.id, { kind: 'fixed', feeMinor: 120_000 }, 'EUR', 'Website analytics');
  const input = draftInput(koeln, {
    profile: berlinProfile({ smallBusinessWording: wording, vatId: undefined, domesticVatRateBp: 1900 }),
    projects: [site],
    selection: november({ feeProjectIds: ['p-site'] }),
  });
  const { document } = draftDocument(input, { id: 'doc-19', now: NOW });

  it('charges no VAT and prints the exemption as typed', () => {
    expect(document.lines).toEqual([expect.objectContaining({ kind: 'fee', netMinor: 120_000, vat: { kind: 'small-business', rateBp: 0, wording } })]);
    expect(invoiceTotals(document.lines, 'EUR')).toMatchObject({
      byRate: [{ treatment: 'small-business', rateBp: 0, netMinor: 120_000, vatMinor: 0 }],
      grossMinor: 120_000,
    });
    expect(document.seller.vatId).toBeUndefined();
    expect(issueProblems(document, { homeCurrency: 'EUR', client: koeln })).toEqual([]);
  });
});

describe('worked example: a credit note', () => {
  const churn = project('p-churn', koeln.id, { kind: 'hourly', rateMinor: 9_550 }, 'EUR', 'Churn model');
  const b = block(churn, nov(3), 7 * H + 55 * MIN);
  const { document } = draftDocument(draftInput(koeln, { projects: [churn], blocks: [b] }), { id: 'doc-de', now: NOW });
  const issued: Invoice = { ...document, state: 'issued', number: 'RE-2026-0007', issuedAt: NOW };

  it('negates every line and so every total exactly, names the invoice and keeps its own dates', () => {
    const result = creditNoteOf(issued, { id: 'doc-gs', issueDate: '2026-12-15', series: 'GS-', now: NOW });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const credit = result.creditNote;
    expect(invoiceSchema.safeParse(credit).success).toBe(true);
    expect(credit).toMatchObject({
      kind: 'credit-note',
      state: 'draft',
      series: 'GS-',
      issueDate: '2026-12-15',
      dueDate: '2026-12-15',
      creditFor: { id: 'doc-de', number: 'RE-2026-0007', issueDate: '2026-12-07' },
    });
    expect(credit.number).toBeUndefined();
    expect(credit.lines.map((l) => [l.quantity, l.unitPriceMinor, l.netMinor, l.blockIds])).toEqual([
      [{ unit: 'hour', billedMs: 7 * H + 55 * MIN, workedMs: 7 * H + 55 * MIN }, -9_550, -75_604, []],
    ]);
    // 756.04 + 19 % (143.6476 → 143.65) = 899.69; the credit note is exactly its negative.
    expect(invoiceTotals(issued.lines, 'EUR')).toMatchObject({ netMinor: 75_604, vatMinor: 14_365, grossMinor: 89_969 });
    expect(invoiceTotals(credit.lines, 'EUR')).toMatchObject({ netMinor: -75_604, vatMinor: -14_365, grossMinor: -89_969 });
    expect(issueProblems(credit, { homeCurrency: 'EUR' })).toEqual([]);
  });

  it('credits only an issued invoice, never a draft or another credit note, and not before it', () => {
    const choice = { id: 'doc-gs', issueDate: '2026-12-15', series: 'GS-', now: NOW };
    expect(creditNoteOf(document, choice)).toEqual({ ok: false, problem: 'Only an issued invoice is credited; a draft is edited or deleted.' });
    const credit = creditNoteOf(issued, choice);
    if (credit.ok) expect(creditNoteOf({ ...credit.creditNote, state: 'issued', number: 'GS-2026-0001' }, choice).ok).toBe(false);
    expect(creditNoteOf(issued, { ...choice, issueDate: '2026-12-01' })).toEqual({
      ok: false,
      problem: 'Issue date: a credit note cannot be dated before the invoice it credits (2026-12-07).',
    });
  });
});
