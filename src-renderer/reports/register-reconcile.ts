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
 * A mark is only rewritten when it was last written before the entry it follows (HLCs, which sync
 * orders causally): a void that stopped half way leaves marks older than the void, an issue that
 * stopped half way leaves unbilled records older than the issue. A mark newer than its entry was
 * written by a device that knew more (a void's unmarks, or another invoice's marks, that synced
 * here before the entry explaining them): rewriting it would undo that device's write, and two
 * devices would rewrite the same mark back and forth on every sync. Such marks are said in words,
 * and a billed one is left to the person (`unknown`). Each repair is newer than every entry, so no
 * device repairs another's repair.
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
/** A register entry with the encoded HLC of its setting's last write (undefined: not known). */
export type WrittenEntry = InvoiceRecord & { readonly written?: string | undefined };

/** True when `record` was last written before `entry`; false when either is not known. */
const olderThan = (record: string | undefined, entry: string | undefined) => record !== undefined && entry !== undefined && record < entry;

/**
 * The records whose last write {@link planReconcile} needs: those it would mark or unmark. Usually
 * none, so the caller reads no rows.
 */
export function reconcileCandidates(
  register: readonly InvoiceRecord[],
  blocks: readonly Billable[],
  expenses: readonly PassThrough[],
): { blockIds: string[]; expenseIds: string[] } {
  const ids = (status: InvoiceRecord['status']) =>
    new Set(register.filter((r) => r.status === status && !creditNote(r)).flatMap((r) => [...r.blockIds, ...r.expenseIds]));
  const [issued, voided] = [ids('issued'), ids('void')];
  const wanted = (r: { id: string; billed: boolean }) => (r.billed ? !issued.has(r.id) && voided.has(r.id) : issued.has(r.id));
  return { blockIds: blocks.filter(wanted).map((b) => b.id), expenseIds: expenses.filter(wanted).map((e) => e.id) };
}

/** A credit note bills nothing, whatever ids an entry names: only invoices mark and unmark. */
const creditNote = (r: InvoiceRecord) => r.kind === 'credit-note';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The writes that make the marks agree with `register`, and the disagreements they cannot fix.
 * `clientsHere` are the clients on this device: an invoice of another (device-only elsewhere,
 * removed for travel) bills nothing here, which is no problem to report.
 */
export function planReconcile(
  register: readonly WrittenEntry[],
  unreadable: number,
  blocks: readonly Billable[],
  expenses: readonly PassThrough[],
  clientsHere: ReadonlySet<string>,
  recordWritten: ReadonlyMap<string, string> = new Map(),
): ReconcilePlan {
  const none = () => ({ blockIds: [] as string[], expenseIds: [] as string[] });
  const plan: ReconcilePlan = { mark: none(), unmark: none(), unknown: none(), problems: [] };
  const claims = new Map<string, string[]>();
  for (const r of register) {
    if (r.status !== 'issued' || creditNote(r)) continue;
    for (const id of [...r.blockIds, ...r.expenseIds]) claims.set(id, [...(claims.get(id) ?? []), r.number]);
  }
  const blockById = new Map(blocks.map((b) => [b.id, b]));
  const expenseById = new Map(expenses.map((e) => [e.id, e]));

  for (const r of register) {
    if (r.status !== 'issued' || creditNote(r) || !clientsHere.has(r.clientId)) continue;
    let missing = 0;
    let unbillable = 0;
    let unbilledSince = 0;
    const markOrCount = (id: string, into: string[]) => {
      if (olderThan(recordWritten.get(id), r.written)) into.push(id);
      else unbilledSince += 1;
    };
    for (const id of r.blockIds) {
      const block = blockById.get(id);
      if (block === undefined) missing += 1;
      else if (!block.billable) unbillable += 1;
      else if (!block.billed) markOrCount(id, plan.mark.blockIds);
    }
    for (const id of r.expenseIds) {
      const expense = expenseById.get(id);
      if (expense === undefined) missing += 1;
      else if (!expense.passThrough) unbillable += 1;
      else if (!expense.billed) markOrCount(id, plan.mark.expenseIds);
    }
    if (unbilledSince > 0) {
      plan.problems.push(
        `Invoice ${r.number} bills ${plural(unbilledSince, 'record that was', 'records that were')} unbilled after it was issued: if it was voided on another device, this clears when that void syncs here; if not, void ${r.number} and issue its time again.`,
      );
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

  // A record a void entry names and marked before that void was left billed by a void that
  // stopped half way: completing it needs no words. One marked after the void was billed again by
  // a device that knew of the void (its invoice has not synced here yet, or never will): the person
  // decides, told so. One that no entry names may have been billed in another vault (a project
  // bundle carries the marks, not that vault's register) or lost by version 1's sync: unbilling it
  // on a guess could bill a client twice, so the person decides (`unknown`).
  const voids = register.filter((r) => r.status === 'void' && !creditNote(r));
  const voidOf = new Map<string, WrittenEntry>();
  for (const r of voids) {
    for (const id of [...r.blockIds, ...r.expenseIds]) {
      const seen = voidOf.get(id);
      if (seen === undefined || (r.written ?? '') > (seen.written ?? '')) voidOf.set(id, r);
    }
  }
  const rebilledBy = new Map<string, number>();
  const stray = (ids: string[]) => {
    const out = { void: [] as string[], unknown: [] as string[] };
    for (const id of ids) {
      const voided = voidOf.get(id);
      if (voided !== undefined && olderThan(recordWritten.get(id), voided.written)) out.void.push(id);
      else {
        out.unknown.push(id);
        if (voided !== undefined) rebilledBy.set(voided.number, (rebilledBy.get(voided.number) ?? 0) + 1);
      }
    }
    return out;
  };
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
    for (const [number, count] of rebilledBy) {
      const them = count === 1 ? 'it' : 'them';
      plan.problems.push(
        `${plural(count, 'record was', 'records were')} marked billed after invoice ${number} voided ${them}, and no invoice here bills ${them}: most likely another device billed ${them} on a new invoice that has not synced here yet. Wait for sync; if none of your invoices bills ${them}, unbill ${them} here.`,
      );
    }
    const unknown = blocksStray.unknown.length + expensesStray.unknown.length - [...rebilledBy.values()].reduce((a, b) => a + b, 0);
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
