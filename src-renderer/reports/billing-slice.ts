/**
 * Billing: issuing an invoice (numbered, recorded in the register, its time and pass-through
 * expenses marked billed) and voiding one (exactly what it billed unmarked, the number kept as
 * void). The register is one workspace setting per invoice (invoice-register.ts); the billed
 * flags live on the records, in the two caches that hold them (time/time-slice.ts,
 * projects/project-records-slice.ts).
 *
 * Order, so that a failure leaves no half state that stays: the register entry is written first
 * and says what is meant (issued or void); the marks follow from it. If a mark cannot be written
 * (the vault locked, the disk full, the window closed), the register still holds the truth and
 * the reconciliation that runs whenever the workspace loads (register-reconcile.ts) completes the
 * marks. The marks cannot be written in the register's transaction: each repository call is its
 * own transaction, and the marks live in the client's partition while the register is in the
 * workspace partition, so sync could bring them apart anyway.
 */
import type { StateCreator } from 'zustand';
import { updateExpense } from '../vault/repos/expenses.ts';
import { setSetting } from '../vault/repos/settings.ts';
import { updateTimeBlock } from '../vault/repos/time-blocks.ts';
import { lastWrites, settingsWithClocks } from '../vault/repos/write-clocks.ts';
import { repoContext } from '../vault/session/runtime.ts';
import type { ProjectRecordsSlice } from '../projects/project-records-slice.ts';
import type { TimeSlice } from '../time/time-slice.ts';
import type { ClientsSlice } from '../clients/clients-slice.ts';
import { byCreated, insertSorted, upsert } from '../workspace/sorted-lists.ts';
import { errorMessage } from '../ui/error-message.ts';
import {
  billedBy,
  hasDocument,
  type InvoiceRecord,
  newEntry,
  newOrigin,
  readRegister,
  type ReadRegister,
  type RegisteredInvoice,
  reissuedEntry,
  storedValue,
  voidedEntry,
} from './invoice-register.ts';
import { planReconcile, reconcileCandidates } from './register-reconcile.ts';
import { EMPTY_LIFECYCLE, type InvoiceLifecycle, invoiceLifecycle } from './invoice-lifecycle.ts';

/** The register entry was written, but not every mark: the next load completes them. The message says so. */
export class BillingIncompleteError extends Error {
  override readonly name = 'BillingIncompleteError';
}

/** The register and the billed marks; the lifecycle on documents is {@link InvoiceLifecycle}'s (invoice-lifecycle.ts). */
export interface BillingSlice extends InvoiceLifecycle {
  /** The invoice register once read (null before, and after the workspace locks). */
  invoices: RegisteredInvoice[] | null;
  /** Entries of the stored register that could not be read (kept out of `invoices`). */
  invoicesUnreadable: number;
  /** What the last reconciliation could not repair, in words (register-reconcile.ts). */
  registerProblems: string[];
  /** Records marked billed that no invoice in the register bills (from a bundle, or lost by version 1's sync). */
  billedWithoutInvoice: { blockIds: string[]; expenseIds: string[] };
  /** Reads the register into `invoices`; once every block is read, makes the billed marks agree with it. */
  loadInvoices: () => Promise<void>;
  /** Records `record` as issued, then marks its blocks and expenses billed. */
  issueInvoice: (record: Omit<InvoiceRecord, 'status'>) => Promise<RegisteredInvoice>;
  /** Voids the invoice stored under `key`, then unmarks what it billed. Returns how many records became unbilled. */
  voidInvoice: (key: string, voidedOn: string) => Promise<number>;
  /** Takes a void back (undo): the invoice is issued again, then its records are marked billed again. */
  unvoidInvoice: (key: string) => Promise<void>;
  /**
   * Unbills those of `ids` that are still in {@link BillingSlice.billedWithoutInvoice} (the ones the
   * person was shown and said no invoice of theirs bills); returns how many.
   */
  unbillWithoutInvoice: (ids: Ids) => Promise<number>;
}

export const EMPTY_BILLING = {
  invoices: null,
  invoicesUnreadable: 0,
  registerProblems: [],
  billedWithoutInvoice: { blockIds: [], expenseIds: [] },
  ...EMPTY_LIFECYCLE,
} satisfies Partial<BillingSlice>;

type Deps = BillingSlice & TimeSlice & ProjectRecordsSlice & ClientsSlice;
type Ids = { blockIds: readonly string[]; expenseIds: readonly string[] };

const UNREADABLE_REFUSAL =
  'Your invoice register holds entries this version of Caravan cannot read (written by a newer version on another device); they may use the same numbers or bill the same time. Update Caravan here before issuing invoices or undoing a void.';

/**
 * Why `record` must not be issued now, in words, or undefined: some of its records are billed
 * already, by an issued invoice in `register` or by a mark whose invoice has not synced here.
 */
function alreadyBilled(register: readonly InvoiceRecord[], record: Ids, cached: Pick<Deps, 'blocks' | 'expenses'>): string | undefined {
  const claimed = billedBy(register);
  const marked = new Set([...cached.blocks.filter((b) => b.billed).map((b) => b.id), ...cached.expenses.filter((e) => e.billed).map((e) => e.id)]);
  const taken = [...record.blockIds, ...record.expenseIds].filter((id) => claimed.has(id) || marked.has(id));
  if (taken.length === 0) return undefined;
  const numbers = [...new Set(taken.flatMap((id) => claimed.get(id) ?? []))].sort();
  const by = numbers.length > 0 ? `on invoice ${numbers.join(', ')}` : 'by no invoice in this vault yet';
  return `${taken.length === 1 ? '1 item of this draft is' : `${taken.length} items of this draft are`} billed already (${by}, perhaps issued on another device while this one was open). Close the draft and draft the invoice again.`;
}

export const createBillingSlice: StateCreator<Deps, [], [], BillingSlice> = (set, get) => {
  /**
   * Sets `billed` on each id that is not so yet (one deleted since is skipped); returns how many
   * it changed. A failed write stops it with the count left: the register says what is meant.
   */
  const mark = async (ids: Ids, billed: boolean): Promise<{ changed: number; failed?: { left: number; error: unknown } }> => {
    const ctx = repoContext();
    const blockIds = ids.blockIds.filter((id) => get().blocks.find((b) => b.id === id)?.billed === !billed);
    const expenseIds = ids.expenseIds.filter((id) => get().expenses.find((e) => e.id === id)?.billed === !billed);
    let changed = 0;
    try {
      for (const id of blockIds) {
        const block = await updateTimeBlock(ctx, id, { billed });
        set({
          blocks: insertSorted(
            get().blocks.filter((b) => b.id !== id),
            [block],
          ),
        });
        changed += 1;
      }
      for (const id of expenseIds) {
        const expense = await updateExpense(ctx, id, { billed });
        set({ expenses: upsert(get().expenses, expense, byCreated) });
        changed += 1;
      }
    } catch (error) {
      return { changed, failed: { left: blockIds.length + expenseIds.length - changed, error } };
    }
    return { changed };
  };
  const register = async (): Promise<ReadRegister> => {
    const read = readRegister(await settingsWithClocks(repoContext()));
    set({ invoices: read.records, invoicesUnreadable: read.unreadable });
    return read;
  };
  const store = async (entry: RegisteredInvoice) => {
    await setSetting(repoContext(), entry.key, storedValue(entry));
    const others = (get().invoices ?? []).filter((r) => r.key !== entry.key);
    set({ invoices: [...others, entry].sort((a, b) => a.number.localeCompare(b.number) || a.key.localeCompare(b.key)) });
  };
  const incomplete = (what: string, left: number, error: unknown) =>
    new BillingIncompleteError(
      `${what}, but ${left} item${left === 1 ? ' was' : 's were'} not changed yet: ${errorMessage(error)} Caravan completes this from the register the next time your workspace opens.`,
      { cause: error },
    );

  const lifecycle = invoiceLifecycle({
    view: () => get(),
    setDocs: (invoiceDocs) => set({ invoiceDocs }),
    setRenderer: (invoiceRenderer) => set({ invoiceRenderer }),
    readableRegister: async () => {
      const read = await register();
      if (read.unreadable > 0) throw new Error(UNREADABLE_REFUSAL);
      return read;
    },
    store,
    mark,
    alreadyBilled: (current, ids) => alreadyBilled(current, ids, get()),
    incomplete,
  });

  return {
    ...EMPTY_BILLING,
    ...lifecycle,
    unbillWithoutInvoice: async (ids) => {
      // Read again first: an invoice that arrived by sync since may bill some of them now.
      await get().loadInvoices();
      const stray = get().billedWithoutInvoice;
      const still = (asked: readonly string[], now: readonly string[]) => asked.filter((id) => now.includes(id));
      const { changed, failed } = await mark({ blockIds: still(ids.blockIds, stray.blockIds), expenseIds: still(ids.expenseIds, stray.expenseIds) }, false);
      if (failed) throw new Error(`${changed} records were unbilled; ${failed.left} could not be: ${errorMessage(failed.error)}`, { cause: failed.error });
      await get().loadInvoices();
      return changed;
    },
    loadInvoices: async () => {
      // First what an issue or a void left half done (a document to finish, a credit note's void).
      const resumed = await get().resumeInvoices();
      const { records, written } = await register();
      // Stray marks can only be told apart once every block is read; until then the marks stay.
      if (!get().blocksComplete) return;
      const { blocks, expenses } = get();
      const candidates = reconcileCandidates(records, blocks, expenses);
      const ctx = repoContext();
      const recordWritten = new Map([
        ...(await lastWrites(ctx, 'timeBlocks', candidates.blockIds)),
        ...(await lastWrites(ctx, 'expenses', candidates.expenseIds)),
      ]);
      const entries = records.map((r) => ({ ...r, written: written.get(r.key) }));
      const plan = planReconcile(entries, get().invoicesUnreadable, blocks, expenses, new Set(get().clients.map((c) => c.id)), recordWritten);
      const problems = [...resumed, ...plan.problems];
      for (const [ids, billed] of [
        [plan.mark, true],
        [plan.unmark, false],
      ] as const) {
        const { failed } = await mark(ids, billed);
        if (failed)
          problems.push(
            `${failed.left} billed mark${failed.left === 1 ? '' : 's'} could not be repaired (${errorMessage(failed.error)}); Caravan tries again next time.`,
          );
      }
      set({ registerProblems: problems, billedWithoutInvoice: plan.unknown });
    },
    issueInvoice: async (record) => {
      const { records: current } = await register();
      if (get().invoicesUnreadable > 0) throw new Error(UNREADABLE_REFUSAL);
      const entry = newEntry(current, { ...record, status: 'issued' }, newOrigin());
      // The draft was made from the marks when it was opened; sync may have billed some of its time
      // since (another device's invoice). Checked here, right before the entry is written.
      const refusal = alreadyBilled(current, record, get());
      if (refusal !== undefined) throw new Error(`Invoice ${record.number} was not issued: ${refusal}`);
      try {
        await store(entry);
      } catch (error) {
        throw new Error(`Invoice ${record.number} was not issued, and nothing was marked billed: ${errorMessage(error)}`, { cause: error });
      }
      const { failed } = await mark(record, true);
      if (failed) throw incomplete(`Invoice ${record.number} is issued and in your register`, failed.left, failed.error);
      return entry;
    },
    voidInvoice: async (key, voidedOn) => {
      const { records } = await register();
      const documented = records.find((r) => r.key === key);
      if (documented !== undefined && hasDocument(documented)) {
        throw new Error(
          `${documented.kind === 'credit-note' ? 'Credit note' : 'Invoice'} ${documented.number} was issued with its document; void it with a credit note.`,
        );
      }
      const entry = voidedEntry(records, key, voidedOn);
      try {
        await store(entry);
      } catch (error) {
        throw new Error(`Invoice ${entry.number} was not voided; what it billed stays billed: ${errorMessage(error)}`, { cause: error });
      }
      // Only what no other issued invoice bills (one issued on another device may share a record).
      const still = billedBy(get().invoices ?? []);
      const free = (ids: readonly string[]) => ids.filter((id) => !still.has(id));
      const { changed, failed } = await mark({ blockIds: free(entry.blockIds), expenseIds: free(entry.expenseIds) }, false);
      if (failed) throw incomplete(`Invoice ${entry.number} is void`, failed.left, failed.error);
      return changed;
    },
    unvoidInvoice: async (key) => {
      const { records: current, oldVoids } = await register();
      if (get().invoicesUnreadable > 0) throw new Error(UNREADABLE_REFUSAL);
      const entry = reissuedEntry(current, key, oldVoids);
      await store(entry);
      const { failed } = await mark(entry, true);
      if (failed) throw incomplete(`Invoice ${entry.number} is issued again`, failed.left, failed.error);
    },
  };
};
