import { describe, expect, it } from 'vitest';
import type { Invoice } from '../../../../src-renderer/domain/invoice.ts';
import { invoiceSchema } from '../../../../src-renderer/domain/invoice.ts';
import { selectionOf, storedSelection, toggled } from '../../../../src-renderer/invoices/document/stored-selection.ts';
import type { DraftSelection } from '../../../../src-renderer/invoices/document/types.ts';
import { monthPeriods, parseQuantity, parseRatePercent } from '../../../../src-renderer/invoices/editor/typed-values.ts';
import { draftInput } from '../../support/invoice-doc-fixtures.ts';

describe('a draft keeps everything the person chose', () => {
  const selection: DraftSelection = {
    from: '2026-11-01',
    to: '2026-11-30',
    zone: 'Europe/Berlin',
    projectIds: ['p1'],
    excludedBlockIds: ['b2'],
    excludedExpenseIds: [],
    milestonePhaseIds: ['ph1'],
    feeProjectIds: [],
    issueDate: '2026-12-01',
    currency: 'CHF',
    fixedRate: { homeCurrency: 'EUR', rate: '1.0642', source: 'typed' },
    currencyRates: { USD: { rate: '0.8012', source: 'ecb', asOf: '2026-11-27' } },
    manualLines: [],
    lineEdits: { 'time:p1:2026-11-01': { vat: { kind: 'domestic', rateBp: 700 } } },
  };

  it('stores the choices the stored schema accepts, and reads them back as they were', () => {
    const stored = storedSelection(selection);
    // Empty lists are not stored: an older draft and a new one with nothing unticked read the same.
    expect(stored).not.toHaveProperty('excludedExpenseIds');
    const doc: Invoice = {
      ...draftInput('c1', { selection: stored, issueDate: '2026-12-01', currency: 'CHF' }),
      fixedRate: selection.fixedRate!,
      id: 'd1',
      state: 'draft',
      createdAt: 1,
      updatedAt: 1,
    };
    expect(invoiceSchema.safeParse(doc).success).toBe(true);
    const back = selectionOf(doc, 'UTC');
    expect(back).toMatchObject({
      zone: 'Europe/Berlin',
      projectIds: ['p1'],
      excludedBlockIds: ['b2'],
      milestonePhaseIds: ['ph1'],
      currencyRates: selection.currencyRates,
      lineEdits: selection.lineEdits,
      issueDate: '2026-12-01',
      currency: 'CHF',
    });
  });

  it('a draft saved without a zone reads in the zone given', () => {
    const doc: Invoice = { ...draftInput('c1'), id: 'd1', state: 'draft', createdAt: 1, updatedAt: 1 };
    expect(selectionOf(doc, 'Asia/Tokyo').zone).toBe('Asia/Tokyo');
  });

  it('toggles an id in or out once', () => {
    expect(toggled(['a', 'b'], 'a', true)).toEqual(['b', 'a']);
    expect(toggled(['a', 'b'], 'a', false)).toEqual(['b']);
    expect(toggled(undefined, 'c', true)).toEqual(['c']);
  });
});

describe('what the editor reads from typed text', () => {
  it.each([
    ['1', 1000],
    ['2.5', 2500],
    ['0,125', 125],
    [' 3 ', 3000],
  ])('quantity %s is %d thousandths', (typed, milli) => expect(parseQuantity(typed)).toBe(milli));
  it.each(['', '0', '-1', '1.2345', 'two', '1e3'])('quantity %s is refused', (typed) => expect(parseQuantity(typed)).toBeNull());
  it.each([
    ['7', 700],
    ['5.5', 550],
    ['19 %', 1900],
    ['0', 0],
  ])('VAT rate %s is %d basis points', (typed, bp) => expect(parseRatePercent(typed)).toBe(bp));
  it.each(['101', '-7', '5.555', 'seven'])('VAT rate %s is refused', (typed) => expect(parseRatePercent(typed)).toBeNull());

  it('last month and this month, across a year end and in February', () => {
    expect(monthPeriods('2026-01-15')).toEqual({ last: { from: '2025-12-01', to: '2025-12-31' }, current: { from: '2026-01-01', to: '2026-01-31' } });
    expect(monthPeriods('2028-03-02').last).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});
