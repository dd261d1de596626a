/**
 * Marking what an invoice bills as billed: time blocks and expenses, in the two caches that hold
 * them (time/time-slice.ts, projects/project-records-slice.ts).
 */
import type { StateCreator } from 'zustand';
import { updateExpense } from '../vault/repos/expenses.ts';
import { updateTimeBlock } from '../vault/repos/time-blocks.ts';
import { repoContext } from '../vault/session/runtime.ts';
import type { ProjectRecordsSlice } from '../projects/project-records-slice.ts';
import type { TimeSlice } from '../time/time-slice.ts';
import { byCreated, insertSorted, upsert } from '../workspace/sorted-lists.ts';
import { errorMessage } from '../ui/error-message.ts';

export interface BillingSlice {
  /** Marks what an invoice bills as billed; returns how many were marked (all, unless a write failed). */
  markBilled: (blockIds: readonly string[], expenseIds: readonly string[]) => Promise<number>;
}

export const createBillingSlice: StateCreator<BillingSlice & TimeSlice & ProjectRecordsSlice, [], [], BillingSlice> = (set, get) => ({
  markBilled: async (blockIds, expenseIds) => {
    const ctx = repoContext();
    let marked = 0;
    try {
      for (const id of blockIds) {
        const block = await updateTimeBlock(ctx, id, { billed: true });
        set({
          blocks: insertSorted(
            get().blocks.filter((b) => b.id !== id),
            [block],
          ),
        });
        marked++;
      }
      for (const id of expenseIds) {
        const expense = await updateExpense(ctx, id, { billed: true });
        set({ expenses: upsert(get().expenses, expense, byCreated) });
        marked++;
      }
    } catch (error) {
      throw new Error(`${marked} of ${blockIds.length + expenseIds.length} items were marked billed before an error: ${errorMessage(error)}`, { cause: error });
    }
    return marked;
  },
});
