import { describe, expect, it } from 'vitest';
import {
  billedBy,
  billedItemsText,
  readRegister,
  withIssued,
  withReissued,
  withVoided,
  type InvoiceRecord,
} from '../../../../src-renderer/reports/invoice-register.ts';

const record = (number: string, extra: Partial<InvoiceRecord> = {}): InvoiceRecord => ({
  number,
  clientId: 'c1',
  issueDate: '2026-11-20',
  status: 'issued',
  blockIds: ['b1'],
  expenseIds: [],
  totals: [['EUR', 100]],
  ...extra,
});

describe('the invoice register', () => {
  it('reads what it wrote and keeps unreadable entries out, counted', () => {
    expect(readRegister([record('2026-0001'), { number: 3 }])).toEqual({ records: [record('2026-0001')], unreadable: 1 });
    expect(readRegister(undefined)).toEqual({ records: [], unreadable: 0 });
  });

  it('maps each billed id to its issued invoice, and not to a void one', () => {
    const map = billedBy([record('2026-0001', { status: 'void', voidedOn: '2026-11-21' }), record('2026-0002', { blockIds: ['b2'], expenseIds: ['e1'] })]);
    expect([...map]).toEqual([
      ['b2', '2026-0002'],
      ['e1', '2026-0002'],
    ]);
  });

  it('refuses to reuse a number and to void twice', () => {
    const voided = withVoided([record('2026-0001')], '2026-0001', '2026-11-21');
    expect(voided[0]).toMatchObject({ status: 'void', voidedOn: '2026-11-21' });
    expect(() => withIssued(voided, record('2026-0001'))).toThrow('never reused');
    expect(() => withVoided(voided, '2026-0001', '2026-11-22')).toThrow('already void');
    expect(() => withVoided(voided, '2026-0009', '2026-11-22')).toThrow('not in your register');
  });

  it('undoes a void only while nothing else bills the same time, and only of a void invoice', () => {
    const voided = withVoided([record('2026-0001')], '2026-0001', '2026-11-21');
    expect(withReissued(voided, '2026-0001')[0]).toEqual(record('2026-0001'));
    // Voided, then the same block billed again on a new invoice: taking the void back would bill it twice.
    const rebilled = withIssued(voided, record('2026-0002'));
    expect(() => withReissued(rebilled, '2026-0001')).toThrow('invoice 2026-0002 bills some of the same time');
    expect(() => withReissued([record('2026-0001')], '2026-0001')).toThrow('is not void');
  });

  it('says what an invoice billed in words', () => {
    expect(billedItemsText({ blockIds: ['a', 'b'], expenseIds: ['e'] })).toBe('2 time blocks and 1 expense');
    expect(billedItemsText({ blockIds: ['a'], expenseIds: [] })).toBe('1 time block');
  });
});
