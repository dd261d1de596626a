/** Expenses of a project. */
import { type Expense, expenseFields } from '../../domain/expense.ts';
import type { RepoContext } from './context.ts';
import { expenseDef } from './defs.ts';
import { getOne, liveRecords, readTx, removeOne, writeTx } from './entity-repo.ts';
import { type ChildPatch, createChild, createChildren, type NewChild, updateChild } from './project-children.ts';

/** Input of {@link createExpense}; flags default to false, `receiptNote` to empty. */
export type NewExpense = Omit<NewChild<'expenses'>, 'passThrough' | 'billed' | 'receiptNote'> &
  Partial<Pick<Expense, 'passThrough' | 'billed' | 'receiptNote'>>;

/** Input of {@link updateExpense}. */
export type ExpensePatch = ChildPatch<'expenses'>;

const patchSchema = expenseFields.omit({ id: true, projectId: true, clientId: true, createdAt: true, updatedAt: true }).partial();
const DEFAULTS = { passThrough: false, billed: false, receiptNote: '' };

/** Creates an expense in an existing project. */
export function createExpense(ctx: RepoContext, input: NewExpense): Promise<Expense> {
  return createChild(ctx, expenseDef, input as NewChild<'expenses'>, DEFAULTS);
}

/** Creates many expenses in one transaction (imports); all or nothing. */
export function createExpenses(ctx: RepoContext, inputs: readonly NewExpense[]): Promise<Expense[]> {
  return createChildren(ctx, expenseDef, inputs as ReadonlyArray<NewChild<'expenses'>>, DEFAULTS);
}

/** Changes some fields of an expense. */
export function updateExpense(ctx: RepoContext, id: string, patch: ExpensePatch): Promise<Expense> {
  return updateChild(ctx, expenseDef, patchSchema, id, patch);
}

/** Deletes an expense (tombstone). */
export function removeExpense(ctx: RepoContext, id: string): Promise<void> {
  return writeTx(ctx, expenseDef.what, ['expenses'], async (log) => {
    await removeOne(ctx, expenseDef, log, id);
  });
}

/** The expense `id`; RepoError 'not-found' or 'unreadable'. */
export function getExpense(ctx: RepoContext, id: string): Promise<Expense> {
  return getOne(ctx, expenseDef, id);
}

/** Filters of {@link listExpenses}; dates are `YYYY-MM-DD`, both inclusive. */
export interface ExpenseFilter {
  projectId?: string;
  from?: string;
  to?: string;
}

/**
 * Expenses by date. The date is encrypted, so a date range is filtered after decryption: by
 * project that is a handful of rows; across projects it reads the whole (small) table.
 */
export function listExpenses(ctx: RepoContext, filter: ExpenseFilter = {}): Promise<Expense[]> {
  return readTx(expenseDef.what, async () => {
    const rows = filter.projectId === undefined ? await ctx.db.expenses.toArray() : await ctx.db.expenses.where('projectId').equals(filter.projectId).toArray();
    return liveRecords(rows)
      .filter((e) => (filter.from === undefined || e.date >= filter.from) && (filter.to === undefined || e.date <= filter.to))
      .sort((a, b) => a.date.localeCompare(b.date) || a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  });
}
