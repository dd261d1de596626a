/** The register is the truth for the billed marks (review of issue 19: half-done issues and voids, sync). */
import { describe, expect, it } from 'vitest';
import type { InvoiceRecord } from '../../../../src-renderer/reports/invoice-register.ts';
import { planReconcile } from '../../../../src-renderer/reports/register-reconcile.ts';

const invoice = (number: string, extra: Partial<InvoiceRecord> = {}): InvoiceRecord => ({
  number,
  clientId: 'c1',
  issueDate: '2026-11-20',
  status: 'issued',
  blockIds: [],
  expenseIds: [],
  totals: [],
  ...extra,
});
const block = (id: string, billed: boolean, billable = true) => ({ id, billed, billable });
const expense = (id: string, billed: boolean, passThrough = true) => ({ id, billed, passThrough });
const HERE = new Set(['c1']);

describe('reconciling the billed marks with the register', () => {
  it('completes an issue and a void that stopped half way, without words', () => {
    const register = [invoice('2026-0001', { blockIds: ['b1', 'b2'], expenseIds: ['e1'] }), invoice('2026-0002', { status: 'void', blockIds: ['b3', 'b4'] })];
    const plan = planReconcile(register, 0, [block('b1', true), block('b2', false), block('b3', false), block('b4', true)], [expense('e1', false)], HERE);
    expect(plan).toEqual({
      mark: { blockIds: ['b2'], expenseIds: ['e1'] },
      unmark: { blockIds: ['b4'], expenseIds: [] },
      unknown: { blockIds: [], expenseIds: [] },
      problems: [],
    });
  });

  it('leaves records billed by no invoice in the register to the person, and says so', () => {
    const plan = planReconcile([], 0, [block('b1', true), block('b2', false)], [expense('e1', true)], HERE);
    expect(plan.unmark).toEqual({ blockIds: [], expenseIds: [] });
    expect(plan.unknown).toEqual({ blockIds: ['b1'], expenseIds: ['e1'] });
    expect(plan.problems).toEqual([expect.stringContaining("2 records are marked billed, but no invoice in this vault's register bills them")]);
  });

  it('says nothing of the invoices of a client that is not on this device (device-only elsewhere, away for travel)', () => {
    const plan = planReconcile([invoice('2026-0001', { clientId: 'c9', blockIds: ['b9'] })], 0, [], [], HERE);
    expect(plan).toEqual({
      mark: { blockIds: [], expenseIds: [] },
      unmark: { blockIds: [], expenseIds: [] },
      unknown: { blockIds: [], expenseIds: [] },
      problems: [],
    });
  });

  it('unbills nothing while the register holds entries this version cannot read', () => {
    const plan = planReconcile([], 1, [block('b1', true)], [], HERE);
    expect(plan.unmark).toEqual({ blockIds: [], expenseIds: [] });
    expect(plan.unknown).toEqual({ blockIds: [], expenseIds: [] });
    expect(plan.problems).toEqual([expect.stringContaining('until Caravan is updated here')]);
  });

  it('reports in words what it cannot repair: missing or unbillable records, a number used twice, a record billed twice', () => {
    const register = [
      invoice('2026-0001', { blockIds: ['gone', 'b1'] }),
      invoice('2026-0001', { blockIds: ['b2'] }),
      invoice('2026-0002', { blockIds: ['b2', 'nb'], expenseIds: ['own'] }),
    ];
    const plan = planReconcile(register, 0, [block('b1', true), block('b2', true), block('nb', false, false)], [expense('own', false, false)], HERE);
    expect(plan.mark).toEqual({ blockIds: [], expenseIds: [] });
    expect(plan.problems).toEqual([
      'Invoice 2026-0001 bills 1 record that is not on this device (not synced here yet, or deleted); there is nothing to mark here.',
      expect.stringContaining('Invoice 2026-0002 bills 2 records that are no longer billable or pass-through'),
      expect.stringContaining('Invoice number 2026-0001 was used by 2 invoices'),
      '1 record is billed by more than one invoice (2026-0001, 2026-0002): void the one that should not bill it.',
    ]);
  });
});
