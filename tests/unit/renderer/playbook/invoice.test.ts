import { describe, expect, it } from 'vitest';
import type { Expense } from '../../../../src-renderer/domain/expense.ts';
import { draftInvoice, nextInvoiceNumber, type InvoiceInput } from '../../../../src-renderer/playbook/invoice.ts';
import { block, client, H, MIN, project } from '../../support/reports-fixtures.ts';

const T0 = Date.UTC(2026, 10, 2, 9);

function expense(id: string, projectId: string, clientId: string, over: Partial<Expense> = {}): Expense {
  return {
    id,
    projectId,
    clientId,
    date: '2026-11-12',
    amountMinor: 4_500,
    currency: 'EUR',
    category: 'software',
    passThrough: true,
    billed: false,
    receiptNote: '',
    createdAt: 0,
    updatedAt: 0,
    ...over,
  };
}

const acme = { ...client('a', 'Acme'), company: 'Acme Analytics GmbH', contact: { address: 'Hauptstr. 1\n10115 Berlin' } };
// 1.00 EUR an hour: a 1-minute block is 1.67 cents, 2 when rounded alone.
const churn = project('p1', 'a', { kind: 'hourly', rateMinor: 100 }, 'EUR', 'Churn model');
// 0.30 EUR an hour: 1 minute is exactly half a cent.
const labelA = project('p2', 'a', { kind: 'hourly', rateMinor: 30 }, 'EUR', 'Labelling A');
const labelB = project('p3', 'a', { kind: 'hourly', rateMinor: 30 }, 'EUR', 'Labelling B');
const us = project('p4', 'a', { kind: 'hourly', rateMinor: 12_000 }, 'USD', 'US pilot');
const audit = project('p5', 'a', { kind: 'fixed', feeMinor: 500_000 }, 'EUR', 'Audit');
const care = project('p6', 'a', { kind: 'retainer', hoursPerMonth: 10, feeMinor: 100_000, overageRateMinor: 12_000 }, 'EUR', 'Care plan');
const other = project('pg', 'g', { kind: 'hourly', rateMinor: 99_999 }, 'EUR', 'Globex work');

const blocks = [
  block(churn, T0, MIN, { id: 'c1' }),
  block(churn, T0 + H, MIN, { id: 'c2' }),
  block(churn, T0 + 2 * H, MIN, { id: 'c3' }),
  block(churn, T0 + 3 * H, H, { id: 'c-nonbillable', billable: false }),
  block(churn, T0 + 4 * H, H, { id: 'c-billed', billed: true }),
  block(churn, T0 + 5 * H, H, { id: 'c-break', kind: 'break' }),
  block(labelA, T0, MIN, { id: 'la' }),
  block(labelB, T0, MIN, { id: 'lb' }),
  block(us, T0, 90 * MIN, { id: 'u1' }),
  block(audit, T0, H, { id: 'f1' }),
  block(audit, T0 + H, H, { id: 'f2' }),
  block(care, T0, H, { id: 'r1' }),
  block(other, T0, H, { id: 'g1' }),
  block(churn, T0 + 6 * H, H, { id: 'g-mislabelled', clientId: 'g' }),
];

const expenses = [
  expense('x1', 'p1', 'a', { receiptNote: 'A100 hours\nreceipt in Drive' }),
  expense('x2', 'p4', 'a', { date: '2026-11-03', amountMinor: 1_200, currency: 'GBP', category: 'travel' }),
  expense('x3', 'p1', 'a', { date: '2026-11-20', amountMinor: -500, receiptNote: 'Refund: unused credits' }),
  expense('x-own', 'p1', 'a', { passThrough: false }),
  expense('x-billed', 'p1', 'a', { billed: true }),
  expense('x-other', 'pg', 'g', { amountMinor: 777_777 }),
];

const input = (over: Partial<InvoiceInput> = {}): InvoiceInput => ({
  locale: 'en-GB',
  client: acme,
  projects: [churn, labelA, labelB, us, audit, care, other],
  blocks,
  expenses,
  number: '2026-0007',
  issueDate: '2026-11-30',
  ...over,
});

describe('draftInvoice', () => {
  const invoice = draftInvoice(input());

  it('bills one line per hourly project, rounded once per line', () => {
    expect(invoice.lines.filter((l) => l.kind === 'time')).toEqual([
      // Per block this would be 2 + 2 + 2 = 6 cents; the line is 3 minutes at 1.00 = 5 cents.
      { kind: 'time', projectId: 'p1', description: 'Churn model', billableMs: 3 * MIN, minutes: '3', unitPriceMinor: 100, amountMinor: 5, currency: 'EUR' },
      { kind: 'time', projectId: 'p2', description: 'Labelling A', billableMs: MIN, minutes: '1', unitPriceMinor: 30, amountMinor: 1, currency: 'EUR' },
      { kind: 'time', projectId: 'p3', description: 'Labelling B', billableMs: MIN, minutes: '1', unitPriceMinor: 30, amountMinor: 1, currency: 'EUR' },
      {
        kind: 'time',
        projectId: 'p4',
        description: 'US pilot',
        billableMs: 90 * MIN,
        minutes: '90',
        unitPriceMinor: 12_000,
        amountMinor: 18_000,
        currency: 'USD',
      },
    ]);
  });

  it('totals the rounded lines per currency, never a recomputation and never mixed', () => {
    // EUR: 5 + 1 + 1 (half a cent each, rounded up per line; 2 minutes at 0.30 together would be 1) + 4500 - 500.
    expect([...invoice.totals]).toEqual([
      ['EUR', 4_007],
      ['GBP', 1_200],
      ['USD', 18_000],
    ]);
    for (const [currency, total] of invoice.totals) {
      expect(invoice.lines.filter((l) => l.currency === currency).reduce((sum, l) => sum + l.amountMinor, 0)).toBe(total);
    }
  });

  it('bills pass-through, unbilled expenses of the client at cost, by date', () => {
    expect(invoice.lines.filter((l) => l.kind === 'expense')).toEqual([
      { kind: 'expense', expenseId: 'x2', projectId: 'p4', description: 'Expense 3 Nov 2026, travel', amountMinor: 1_200, currency: 'GBP' },
      { kind: 'expense', expenseId: 'x1', projectId: 'p1', description: 'Expense 12 Nov 2026, software: A100 hours', amountMinor: 4_500, currency: 'EUR' },
      {
        kind: 'expense',
        expenseId: 'x3',
        projectId: 'p1',
        description: 'Expense 20 Nov 2026, software: Refund: unused credits',
        amountMinor: -500,
        currency: 'EUR',
      },
    ]);
    expect(invoice.expenseIds).toEqual(['x2', 'x1', 'x3']);
  });

  it('lists exactly the blocks it bills, and none of another client', () => {
    expect(invoice.blockIds).toEqual(['c1', 'c2', 'c3', 'la', 'lb', 'u1']);
    expect(JSON.stringify(invoice)).not.toMatch(/Globex|99999|777777|g-mislabelled/u);
  });

  it('explains what it leaves out in words a person can act on', () => {
    expect(invoice.skipped).toEqual([
      { reason: 'Fixed-fee project "Audit" is invoiced by milestone, not by hours', count: 2 },
      { reason: 'Retainer project "Care plan" is invoiced by the monthly fee; bill any overage from the monthly report, not from these hours', count: 1 },
      { reason: 'Breaks marked billable are never billed; mark them non-billable or change their kind', count: 1 },
    ]);
  });

  it('reports blocks whose project is missing', () => {
    const result = draftInvoice(input({ projects: [labelA] }));
    expect(result.blockIds).toEqual(['la']);
    expect(result.skipped).toEqual([{ reason: 'Blocks whose project is missing cannot be billed; move them to one of the client’s projects', count: 9 }]);
  });

  it('uses exact ms for the amount and three-decimal minutes for the quantity', () => {
    const result = draftInvoice(input({ blocks: [block(churn, T0, 61_000, { id: 's' })], expenses: [] }));
    // 61 s at 1.00 EUR/h = 1.694 cents -> 2; 61 s is 1.0166… minutes.
    expect(result.lines).toMatchObject([{ minutes: '1.017', billableMs: 61_000, amountMinor: 2 }]);
  });

  it('carries the client’s details, and the dates', () => {
    expect(invoice).toMatchObject({
      number: '2026-0007',
      issueDate: '2026-11-30',
      dueDate: '2026-12-30',
      client: { name: 'Acme', company: 'Acme Analytics GmbH', address: 'Hauptstr. 1\n10115 Berlin', country: 'DE' },
    });
    expect(draftInvoice(input({ issueDate: '2028-02-15', dueDays: 14 })).dueDate).toBe('2028-02-29');
    expect(draftInvoice(input({ dueDays: 0 })).dueDate).toBe('2026-11-30');
    expect(draftInvoice(input({ client: client('a', 'Acme') })).client).toEqual({ name: 'Acme', country: 'DE' });
  });

  it('refuses a malformed issue date or payment term', () => {
    expect(() => draftInvoice(input({ issueDate: '2026-02-30' }))).toThrow(/not a date; use YYYY-MM-DD/u);
    expect(() => draftInvoice(input({ issueDate: '30.11.2026' }))).toThrow(RangeError);
    expect(() => draftInvoice(input({ dueDays: -1 }))).toThrow(/whole number of days/u);
    expect(() => draftInvoice(input({ dueDays: 1.5 }))).toThrow(RangeError);
  });

  it('is empty, with no totals, when nothing is unbilled', () => {
    const result = draftInvoice(input({ blocks: [], expenses: [] }));
    expect(result).toMatchObject({ lines: [], blockIds: [], expenseIds: [], skipped: [] });
    expect(result.totals.size).toBe(0);
  });
});

describe('nextInvoiceNumber', () => {
  it('counts up within a year', () => {
    expect(nextInvoiceNumber(undefined, 2026)).toBe('2026-0001');
    expect(nextInvoiceNumber('2026-0001', 2026)).toBe('2026-0002');
    expect(nextInvoiceNumber('2026-0099', 2026)).toBe('2026-0100');
    expect(nextInvoiceNumber('2026-9999', 2026)).toBe('2026-10000');
    expect(nextInvoiceNumber(' 2026-0041 ', 2026)).toBe('2026-0042');
  });

  it('restarts each year', () => {
    expect(nextInvoiceNumber('2026-0042', 2027)).toBe('2027-0001');
  });

  it('starts at 0001 of the year after a number it cannot read', () => {
    for (const previous of ['', 'INV-12', '2026/0003', '2026-12', 'abc-0001', '2026-0001-b']) {
      expect(nextInvoiceNumber(previous, 2026)).toBe('2026-0001');
    }
  });

  it('refuses a year that is not one', () => {
    expect(() => nextInvoiceNumber(undefined, 0)).toThrow(RangeError);
    expect(() => nextInvoiceNumber(undefined, 2026.5)).toThrow(RangeError);
  });
});
