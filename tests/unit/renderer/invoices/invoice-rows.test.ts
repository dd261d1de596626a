import { describe, expect, it } from 'vitest';
import { filterRows, invoiceOverview, type RegisterFacts } from '../../../../src-renderer/invoices/screen/invoice-rows.ts';

const entry = (over: Partial<RegisterFacts> & Pick<RegisterFacts, 'key' | 'number'>): RegisterFacts => ({
  clientId: 'c1',
  issueDate: '2026-11-01',
  status: 'issued',
  totals: [['EUR', 100_00]],
  ...over,
});

describe('invoiceOverview', () => {
  const register = [
    entry({ key: 'invoice/a', number: '2026-0001', dueDate: '2026-11-10', paidOn: '2026-11-09' }),
    entry({ key: 'invoice/b', number: '2026-0002', dueDate: '2026-11-20' }),
    entry({ key: 'invoice/c', number: '2026-0003', dueDate: '2026-12-01', totals: [['CHF', 250_00]] }),
    entry({ key: 'invoice/d', number: '2026-0004', dueDate: '2026-12-31' }),
    entry({ key: 'invoice/e', number: '2026-0005', status: 'void', voidedOn: '2026-11-15' }),
    entry({ key: 'invoice/f', number: 'CN-2026-0001', kind: 'credit-note', totals: [['EUR', -100_00]] }),
    entry({ key: 'invoice/g', number: '2026-0006', dueDate: '2026-12-07' }),
  ];
  const drafts = [{ id: 'draft1', clientId: 'c2', issueDate: '2026-12-07', dueDate: '2027-01-06', currency: 'EUR', grossMinor: 42_00, updatedAt: 5 }];

  it('puts overdue first, longest overdue first, then drafts, then open by due date, then the rest newest first', () => {
    const { rows } = invoiceOverview(register, drafts, '2026-12-07');
    expect(rows.map((r) => [r.key, r.status, r.daysOverdue])).toEqual([
      ['invoice/b', 'overdue', 17],
      ['invoice/c', 'overdue', 6],
      ['draft1', 'draft', 0],
      ['invoice/g', 'open', 0],
      ['invoice/d', 'open', 0],
      ['invoice/f', 'credit-note', 0],
      ['invoice/e', 'void', 0],
      ['invoice/a', 'paid', 0],
    ]);
  });

  it('due today is not overdue', () => {
    const { rows } = invoiceOverview([entry({ key: 'k', number: '1', dueDate: '2026-12-07' })], [], '2026-12-07');
    expect(rows[0]?.status).toBe('open');
  });

  it('totals what is outstanding and overdue per currency, never adding currencies', () => {
    const { outstanding, overdue } = invoiceOverview(register, drafts, '2026-12-07');
    expect([...outstanding]).toEqual([
      ['CHF', 250_00],
      ['EUR', 300_00],
    ]);
    expect([...overdue]).toEqual([
      ['CHF', 250_00],
      ['EUR', 100_00],
    ]);
  });

  it('filters unpaid as open and overdue together, and by client', () => {
    const { rows } = invoiceOverview(register, drafts, '2026-12-07');
    expect(filterRows(rows, 'unpaid').map((r) => r.key)).toEqual(['invoice/b', 'invoice/c', 'invoice/g', 'invoice/d']);
    expect(filterRows(rows, 'all', 'c2').map((r) => r.key)).toEqual(['draft1']);
    expect(filterRows(rows, 'paid').map((r) => r.key)).toEqual(['invoice/a']);
  });
});
