/**
 * The import's one write, below the dialog: refused whole while any row could not be read (a day
 * whose total is short would be imported, and then skipped as "already imported" forever after);
 * otherwise planned again against the expenses as they are now, and written in one transaction.
 */
import type { Expense } from '../domain/expense.ts';
import type { NewExpense } from '../vault/repos/expenses.ts';
import { errorMessage } from '../ui/error-message.ts';
import { type ImportTarget, planImport } from './plan.ts';
import type { ScanResult } from './scan.ts';

export interface ImportDeps {
  /** Every expense in the workspace, as it is now. */
  readonly expenses: () => readonly Expense[];
  /** All or nothing (the repository's bulk create). */
  readonly addExpenses: (inputs: readonly NewExpense[]) => Promise<Expense[]>;
}

export type ImportOutcome = { readonly ok: true; readonly added: number; readonly skipped: number } | { readonly ok: false; readonly message: string };

export async function importCosts(deps: ImportDeps, scan: ScanResult, source: string, target: ImportTarget, fileName: string): Promise<ImportOutcome> {
  if (scan.errorCount > 0) {
    return {
      ok: false,
      message: `${scan.errorCount} ${scan.errorCount === 1 ? 'line' : 'lines'} of the file could not be read, so nothing was imported. Correct them and choose the file again.`,
    };
  }
  const plan = planImport(source, scan.groups, deps.expenses(), target, fileName);
  if (plan.toAdd.length === 0) return { ok: true, added: 0, skipped: plan.skipped.length };
  try {
    await deps.addExpenses(plan.toAdd);
    return { ok: true, added: plan.toAdd.length, skipped: plan.skipped.length };
  } catch (e) {
    return { ok: false, message: `Nothing was imported: ${errorMessage(e)}` };
  }
}
