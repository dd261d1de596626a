/**
 * Billing: issuing an invoice (numbered, recorded in the register, its time and pass-through
 * expenses marked billed) and voiding one (exactly what it billed unmarked, the number kept as
 * void). The register is a workspace setting (invoice-register.ts); the billed flags live on the
 * records, in the two caches that hold them (time/time-slice.ts, projects/project-records-slice.ts).
 *
 * Order, so that a failure leaves no half state: marks first, then the register; if the register
 * cannot be written, the marks made are taken back.
 */
import type { StateCreator } from 'zustand';
import { updateExpense } from '../vault/repos/expenses.ts';
import { getSetting, setSetting } from '../vault/repos/settings.ts';
import { updateTimeBlock } from '../vault/repos/time-blocks.ts';
import { repoContext } from '../vault/session/runtime.ts';
import type { ProjectRecordsSlice } from '../projects/project-records-slice.ts';
import type { TimeSlice } from '../time/time-slice.ts';
import { byCreated, insertSorted, upsert } from '../workspace/sorted-lists.ts';
import { errorMessage } from '../ui/error-message.ts';
import { INVOICE_REGISTER_SETTING, type InvoiceRecord, readRegister, withIssued, withReissued, withVoided } from './invoice-register.ts';

export interface BillingSlice {
  /** The invoice register once read (null before, and after the workspace locks). */
  invoices: InvoiceRecord[] | null;
  /** Entries of the stored register that could not be read (kept out of `invoices`). */
  invoicesUnreadable: number;
  /** Reads the register into `invoices`. */
  loadInvoices: () => Promise<void>;
  /** Marks `record`'s blocks and expenses billed and records it as issued. */
  issueInvoice: (record: Omit<InvoiceRecord, 'status'>) => Promise<void>;
  /** Voids invoice `number`: unmarks what it billed and keeps it as void. Returns how many records became unbilled. */
  voidInvoice: (number: string, voidedOn: string) => Promise<number>;
  /** Takes a void back (undo): marks the invoice's records billed again and its status issued. */
  unvoidInvoice: (number: string) => Promise<void>;
}

export const EMPTY_BILLING = { invoices: null, invoicesUnreadable: 0 } satisfies Partial<BillingSlice>;

type Deps = BillingSlice & TimeSlice & ProjectRecordsSlice;

export const createBillingSlice: StateCreator<Deps, [], [], BillingSlice> = (set, get) => {
  /**
   * Sets `billed` on each id; returns the ids it changed (one already so, or deleted since, is
   * skipped). On a failed write it takes back its own changes and throws.
   */
  const mark = async (blockIds: readonly string[], expenseIds: readonly string[], billed: boolean) => {
    const ctx = repoContext();
    const done = { blockIds: [] as string[], expenseIds: [] as string[] };
    try {
      for (const id of blockIds) {
        const current = get().blocks.find((b) => b.id === id);
        if (current === undefined || current.billed === billed) continue;
        const block = await updateTimeBlock(ctx, id, { billed });
        set({
          blocks: insertSorted(
            get().blocks.filter((b) => b.id !== id),
            [block],
          ),
        });
        done.blockIds.push(id);
      }
      for (const id of expenseIds) {
        const current = get().expenses.find((e) => e.id === id);
        if (current === undefined || current.billed === billed) continue;
        const expense = await updateExpense(ctx, id, { billed });
        set({ expenses: upsert(get().expenses, expense, byCreated) });
        done.expenseIds.push(id);
      }
    } catch (error) {
      // Take back what this call changed, so the caller's "nothing happened" holds.
      await markQuietly(done, !billed);
      throw error;
    }
    return done;
  };
  const markQuietly = async (ids: { blockIds: string[]; expenseIds: string[] }, billed: boolean) => {
    try {
      await mark(ids.blockIds, ids.expenseIds, billed);
    } catch {
      // The original error is the one to show; the register tells what is billed.
    }
  };
  const register = async (): Promise<InvoiceRecord[]> => {
    const { records, unreadable } = readRegister(await getSetting(repoContext(), INVOICE_REGISTER_SETTING));
    set({ invoices: records, invoicesUnreadable: unreadable });
    return records;
  };
  /** The register to change: refused while it holds entries this version cannot read, which a write would erase (sync would spread that). */
  const writableRegister = async (): Promise<InvoiceRecord[]> => {
    const records = await register();
    if (get().invoicesUnreadable > 0) {
      throw new Error(
        'Your invoice register holds entries this version of Caravan cannot read (written by a newer version on another device). Update Caravan here before issuing or voiding invoices, so those entries are kept.',
      );
    }
    return records;
  };
  const store = async (records: InvoiceRecord[]) => {
    await setSetting(repoContext(), INVOICE_REGISTER_SETTING, records);
    set({ invoices: records });
  };

  return {
    ...EMPTY_BILLING,
    loadInvoices: async () => {
      await register();
    },
    issueInvoice: async (record) => {
      const next = withIssued(await writableRegister(), { ...record, status: 'issued' });
      const marked = await mark(record.blockIds, record.expenseIds, true);
      try {
        await store(next);
      } catch (error) {
        await markQuietly(marked, false);
        throw new Error(`Invoice ${record.number} was not issued, and nothing was marked billed: ${errorMessage(error)}`, { cause: error });
      }
    },
    voidInvoice: async (number, voidedOn) => {
      const current = await writableRegister();
      const next = withVoided(current, number, voidedOn);
      const record = current.find((r) => r.number === number)!;
      const unmarked = await mark(record.blockIds, record.expenseIds, false);
      try {
        await store(next);
      } catch (error) {
        await markQuietly(unmarked, true);
        throw new Error(`Invoice ${number} was not voided; what it billed stays billed: ${errorMessage(error)}`, { cause: error });
      }
      return unmarked.blockIds.length + unmarked.expenseIds.length;
    },
    unvoidInvoice: async (number) => {
      const current = await writableRegister();
      const record = current.find((r) => r.number === number);
      if (record === undefined) throw new Error(`Invoice ${number} is not in your register.`);
      const next = withReissued(current, number);
      const marked = await mark(record.blockIds, record.expenseIds, true);
      try {
        await store(next);
      } catch (error) {
        await markQuietly(marked, false);
        throw error;
      }
    },
  };
};
