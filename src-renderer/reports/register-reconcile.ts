/**
 * Reconciles the billed marks with the invoice register, which is the truth: a block or expense
 * an issued invoice bills must be marked billed, and one no issued invoice bills must not be.
 *
 * The marks can disagree with the register for three reasons, and this one plan handles all three:
 * - an issue or a void stopped half way (locked, out of space, closed): the register entry is
 *   written first, so it says what was meant, and the marks are completed from it;
 * - sync brought a register row before or after the marks it explains;
 * - version 1 kept the register in one setting and sync could drop a device's entries, leaving
 *   its blocks billed by an invoice no register held (nobody could void it); a project bundle from
 *   another vault brings billed marks without that vault's register. These are not unbilled on a
 *   guess (that could bill a client twice): they are listed, and the person may unbill them.
 *
 * What cannot be repaired is said in words rather than guessed at: an invoice billing a record
 * that is not on this device or cannot be billed, one number used by two invoices (two devices
 * issued offline), a record billed by two invoices. While the stored register holds entries this
 * version cannot read, nothing is unbilled: those entries may be what bills it.
 */
import type { Expense } from '../domain/expense.ts';
import type { TimeBlock } from '../domain/time-block.ts';
import type { InvoiceRecord } from './invoice-register.ts';

/** What to write, and what to tell the person. */
export interface ReconcilePlan {
  /** Records to mark billed. */
  mark: { blockIds: string[]; expenseIds: string[] };
  /** Records to mark unbilled: left billed by a void that stopped half way. */
  unmark: { blockIds: string[]; expenseIds: string[] };
  /** Records marked billed that no entry names: the person decides (see the problem's words). */
  unknown: { blockIds: string[]; expenseIds: string[] };
  /** Disagreements left as they are, each a sentence a person can act on. */
  problems: string[];
}

type Billable = Pick<TimeBlock, 'id' | 'billed' | 'billable'>;
type PassThrough = Pick<Expense, 'id' | 'billed' | 'passThrough'>;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The writes that make the marks agree with `register`, and the disagreements they cannot fix.
 * `clientsHere` are the clients on this device: an invoice of another (device-only elsewhere,
 * removed for travel) bills nothing here, which is no problem to report.
 */
export function planReconcile(
  register: readonly InvoiceRecord[],
  unreadable: number,
  blocks: readonly Billable[],
  expenses: readonly PassThrough[],
  clientsHere: ReadonlySet<string>,
): ReconcilePlan {
  const none = () => ({ blockIds: [] as string[], expenseIds: [] as string[] });
  const plan: ReconcilePlan = { mark: none(), unmark: none(), unknown: none(), problems: [] };
  const claims = new Map<string, string[]>();
  for (const r of register) {
    if (r.status !== 'issued') continue;
    for (const id of [...r.blockIds, ...r.expenseIds]) claims.set(id, [...(claims.get(id) ?? []), r.number]);
  }
  const blockById = new Map(blocks.map((b) => [b.id, b]));
  const expenseById = new Map(expenses.map((e) => [e.id, e]));

  for (const r of register) {
    if (r.status !== 'issued' || !clientsHere.has(r.clientId)) continue;
    let missing = 0;
    let unbillable = 0;
    for (const id of r.blockIds) {
      const block = blockById.get(id);
      if (block === undefined) missing += 1;
      else if (!block.billable) unbillable += 1;
      else if (!block.billed) plan.mark.blockIds.push(id);
    }
    for (const id of r.expenseIds) {
      const expense = expenseById.get(id);
      if (expense === undefined) missing += 1;
      else if (!expense.passThrough) unbillable += 1;
      else if (!expense.billed) plan.mark.expenseIds.push(id);
    }
    if (missing > 0) {
      plan.problems.push(
        `Invoice ${r.number} bills ${plural(missing, 'record that is', 'records that are')} not on this device (not synced here yet, or deleted); there is nothing to mark here.`,
      );
    }
    if (unbillable > 0) {
      plan.problems.push(
        `Invoice ${r.number} bills ${plural(unbillable, 'record that is', 'records that are')} no longer billable or pass-through, so ${unbillable === 1 ? 'it cannot be' : 'they cannot be'} marked billed; void the invoice and issue a new one if its amounts are wrong.`,
      );
    }
  }

  // A record a void entry names was left billed by a void that stopped half way: completing it
  // needs no words. One that no entry names may have been billed in another vault (a project
  // bundle carries the marks, not that vault's register) or lost by version 1's sync: unbilling it
  // on a guess could bill a client twice, so the person decides (`unknown`).
  const voided = new Set(register.filter((r) => r.status === 'void').flatMap((r) => [...r.blockIds, ...r.expenseIds]));
  const stray = (ids: string[]) => ({ void: ids.filter((id) => voided.has(id)), unknown: ids.filter((id) => !voided.has(id)) });
  const blocksStray = stray(blocks.filter((b) => b.billed && !claims.has(b.id)).map((b) => b.id));
  const expensesStray = stray(expenses.filter((e) => e.billed && !claims.has(e.id)).map((e) => e.id));
  const strayCount = blocksStray.void.length + blocksStray.unknown.length + expensesStray.void.length + expensesStray.unknown.length;
  if (unreadable > 0 && strayCount > 0) {
    plan.problems.push(
      `${plural(strayCount, 'record is', 'records are')} marked billed by no invoice this version can read; they stay billed until Caravan is updated here, since the entries it cannot read may bill them.`,
    );
  } else {
    plan.unmark = { blockIds: blocksStray.void, expenseIds: expensesStray.void };
    plan.unknown = { blockIds: blocksStray.unknown, expenseIds: expensesStray.unknown };
    const unknown = blocksStray.unknown.length + expensesStray.unknown.length;
    if (unknown > 0) {
      const them = unknown === 1 ? 'it' : 'them';
      plan.problems.push(
        `${plural(unknown, 'record is', 'records are')} marked billed, but no invoice in this vault's register bills ${them}: billed in another vault and brought here in a project bundle, or on an invoice an older version of Caravan lost in sync. If none of your invoices bills ${them}, unbill ${them} here; if you sent an invoice for ${them}, keep ${them} billed.`,
      );
    }
  }

  const numbers = new Map<string, number>();
  for (const r of register) numbers.set(r.number, (numbers.get(r.number) ?? 0) + 1);
  for (const [number, count] of numbers) {
    if (count > 1) {
      plan.problems.push(
        `Invoice number ${number} was used by ${count} invoices (issued on two devices before they synced). Numbers must not repeat: void one of them and issue its time again under a new number.`,
      );
    }
  }
  const twice = [...claims.values()].filter((numbersOf) => numbersOf.length > 1);
  if (twice.length > 0) {
    const which = [...new Set(twice.flat())].sort().join(', ');
    plan.problems.push(
      `${plural(twice.length, 'record is', 'records are')} billed by more than one invoice (${which}): void the one that should not bill ${twice.length === 1 ? 'it' : 'them'}.`,
    );
  }
  return plan;
}
