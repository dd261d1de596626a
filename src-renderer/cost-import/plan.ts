/**
 * What an import would write: one expense per cost group, minus the groups already imported
 * (same source and key, in any project: a cost is passed through once). Pure, so the preview and
 * the write use the same answer, and the write plans again against the expenses as they are then.
 */
import type { Expense, ExpenseCategory } from '../domain/expense.ts';
import type { NewExpense } from '../vault/repos/expenses.ts';
import type { CostGroup } from './scan.ts';

/** Where the costs go and how they are billed. */
export interface ImportTarget {
  readonly projectId: string;
  readonly phaseId?: string;
  readonly experimentId?: string;
  readonly category: ExpenseCategory;
  readonly passThrough: boolean;
  /** Basis points of the cost added when billed (10 % = 1000); 0 or absent: at cost. */
  readonly markupBp?: number;
}

/** A group found among the expenses already: skipped, with what the earlier import stored. */
export interface SkippedGroup {
  readonly group: CostGroup;
  readonly existing: Expense;
  /** The file's total for the key is not what was imported (a month's report read mid-month the first time). */
  readonly differs: boolean;
}

export interface CurrencyTotal {
  readonly currency: string;
  readonly addMinor: number;
  readonly skippedMinor: number;
}

export interface ImportPlan {
  readonly toAdd: readonly NewExpense[];
  readonly adding: readonly CostGroup[];
  readonly skipped: readonly SkippedGroup[];
  /** Per currency, in the order they first appear. */
  readonly totals: readonly CurrencyTotal[];
}

/** The plan for `groups` from `source` against every expense there is. */
export function planImport(source: string, groups: readonly CostGroup[], existing: readonly Expense[], target: ImportTarget, fileName: string): ImportPlan {
  const imported = new Map<string, Expense>();
  for (const e of existing) if (e.imported?.source === source) imported.set(e.imported.key, e);
  const toAdd: NewExpense[] = [];
  const adding: CostGroup[] = [];
  const skipped: SkippedGroup[] = [];
  const totals = new Map<string, { addMinor: number; skippedMinor: number }>();
  const markup = target.passThrough && (target.markupBp ?? 0) > 0 ? { markupBp: target.markupBp } : {};
  for (const group of groups) {
    const total = totals.get(group.currency) ?? { addMinor: 0, skippedMinor: 0 };
    totals.set(group.currency, total);
    const earlier = imported.get(group.key);
    if (earlier) {
      skipped.push({ group, existing: earlier, differs: earlier.amountMinor !== group.amountMinor || earlier.currency !== group.currency });
      total.skippedMinor += group.amountMinor;
      continue;
    }
    total.addMinor += group.amountMinor;
    adding.push(group);
    toAdd.push({
      projectId: target.projectId,
      date: group.day,
      amountMinor: group.amountMinor,
      currency: group.currency,
      category: target.category,
      passThrough: target.passThrough,
      billed: false,
      ...markup,
      ...(target.phaseId ? { phaseId: target.phaseId } : {}),
      ...(target.experimentId ? { experimentId: target.experimentId } : {}),
      imported: { source, key: group.key },
      receiptNote: `${group.label} (${group.lines} ${group.lines === 1 ? 'line' : 'lines'} of ${fileName})`,
    });
  }
  return { toAdd, adding, skipped, totals: [...totals.entries()].map(([currency, t]) => ({ currency, ...t })) };
}

/** A markup typed as a percentage ("10", "12.5") in basis points; a refusal in words. */
export function markupFromPercent(text: string): { ok: true; bp: number } | { ok: false; message: string } {
  const trimmed = text.trim().replace(/\s*%$/u, '');
  if (trimmed === '') return { ok: true, bp: 0 };
  const m = /^(\d{1,4})(?:[.,](\d{1,2}))?$/u.exec(trimmed);
  if (!m) return { ok: false, message: `Markup: "${text}" is not a percentage. Type a number such as 10 or 12.5, or leave it empty for at cost.` };
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (bp > 100_000) return { ok: false, message: 'Markup: at most 1000 %.' };
  return { ok: true, bp };
}
