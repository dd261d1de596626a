/** The register is the truth for the billed marks (review of issue 19: half-done issues and voids, sync). */
import { describe, expect, it } from 'vitest';
import type { InvoiceRecord } from '../../../../src-renderer/reports/invoice-register.ts';
import { planReconcile } from '../../../../src-renderer/reports/register-reconcile.ts';

const invoice = (number: string, extra: Partial<InvoiceRecord> & { written?: string } = {}): InvoiceRecord & { written?: string } => ({
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
// Encoded HLCs compare as strings; a mark written before or after the entry it follows.
const WROTE_ENTRY = '0000019ad0000000000a0000000000a1';
const EARLIER = '0000019ad0000000000900000000000b';
const LATER = '0000019ad0000000000b00000000000b';
const before = (ids: string[]) => new Map(ids.map((id) => [id, EARLIER]));
const after = (ids: string[]) => new Map(ids.map((id) => [id, LATER]));

describe('reconciling the billed marks with the register', () => {
  it('completes an issue and a void that stopped half way, without words', () => {
    const register = [
      invoice('2026-0001', { blockIds: ['b1', 'b2'], expenseIds: ['e1'], written: WROTE_ENTRY }),
      invoice('2026-0002', { status: 'void', blockIds: ['b3', 'b4'], written: WROTE_ENTRY }),
    ];
    // The marks left undone were last written before the entries (the issue, and the void, stopped there).
    const plan = planReconcile(
      register,
      0,
      [block('b1', true), block('b2', false), block('b3', false), block('b4', true)],
      [expense('e1', false)],
      HERE,
      before(['b2', 'b4', 'e1']),
    );
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

  it('does not unbill a record marked billed after the void that names it: another device may have billed it again (review 8, finding 1)', () => {
    // Voided here; re-issued on device B, whose billed mark arrived before B's register entry.
    const voided = invoice('2026-0003', { status: 'void', voidedOn: '2026-12-02', blockIds: ['b1'], expenseIds: ['e1'], written: WROTE_ENTRY });
    const plan = planReconcile([voided], 0, [block('b1', true)], [expense('e1', true)], HERE, after(['b1', 'e1']));
    expect(plan.unmark).toEqual({ blockIds: [], expenseIds: [] });
    expect(plan.unknown).toEqual({ blockIds: ['b1'], expenseIds: ['e1'] });
    expect(plan.problems).toEqual([
      '2 records were marked billed after invoice 2026-0003 voided them, and no invoice here bills them: most likely another device billed them on a new invoice that has not synced here yet. Wait for sync; if none of your invoices bills them, unbill them here.',
    ]);
  });

  it('does not bill again a record unbilled after the entry that bills it: a void from another device may not have arrived yet', () => {
    const issued = invoice('2026-0001', { blockIds: ['b1'], written: WROTE_ENTRY });
    const plan = planReconcile([issued], 0, [block('b1', false)], [], HERE, after(['b1']));
    expect(plan.mark).toEqual({ blockIds: [], expenseIds: [] });
    expect(plan.problems).toEqual([
      'Invoice 2026-0001 bills 1 record that was unbilled after it was issued: if it was voided on another device, this clears when that void syncs here; if not, void 2026-0001 and issue its time again.',
    ]);
  });

  it('writes nothing when it cannot tell which came last', () => {
    const register = [invoice('2026-0001', { blockIds: ['b1'] }), invoice('2026-0002', { status: 'void', blockIds: ['b2'], written: WROTE_ENTRY })];
    const plan = planReconcile(register, 0, [block('b1', false), block('b2', true)], [], HERE);
    expect(plan.mark).toEqual({ blockIds: [], expenseIds: [] });
    expect(plan.unmark).toEqual({ blockIds: [], expenseIds: [] });
    expect(plan.unknown).toEqual({ blockIds: ['b2'], expenseIds: [] });
  });

  it('two devices that disagree do not rewrite a mark back and forth: a repair must be older than the entry it follows', () => {
    // A holds the void of 2026-0001; B holds it as issued (the void has not reached B). The mark syncs, the entries never do.
    const onA = [invoice('2026-0001', { status: 'void', blockIds: ['b1'], written: WROTE_ENTRY })];
    const onB = [invoice('2026-0001', { blockIds: ['b1'], written: EARLIER })];
    let mark = { billed: false, written: LATER }; // A's void unmarked it, after writing the void
    let writes = 0;
    let clock = Number.parseInt(LATER.slice(0, 16), 16);
    const stamp = () => `${(++clock).toString(16).padStart(16, '0')}0000000000000000`;
    for (let round = 0; round < 4; round += 1) {
      for (const register of [onB, onA]) {
        const plan = planReconcile(register, 0, [block('b1', mark.billed)], [], HERE, new Map([['b1', mark.written]]));
        if (plan.mark.blockIds.length + plan.unmark.blockIds.length > 0) {
          writes += 1;
          mark = { billed: plan.mark.blockIds.length > 0, written: stamp() };
        }
      }
    }
    expect(writes).toBe(0);
    expect(mark.billed).toBe(false);
  });
});
