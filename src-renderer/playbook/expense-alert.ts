/**
 * Cost alerts: expenses against a budget line ("GPU spend under €500"), optionally one category.
 *
 * Only expenses in the alert's currency count: there is no exchange rate in the vault, and a
 * guessed one would make the alert lie. Spend in other currencies is listed beside it so that it is
 * not silently forgotten. Levels are decided in integers, never on a float ratio:
 * - `over` once spending reaches the threshold (spent ≥ threshold), like a kill switch reaching its
 *   limit; with a threshold of 0, as soon as anything is spent (spent > 0).
 * - `approaching` from 80 % (spent × 100 ≥ threshold × 80).
 * - `ok` otherwise, including net refunds.
 */
import type { Expense, ExpenseCategory } from '../domain/expense.ts';

/** Share of the threshold at which an alert starts to warn. */
export const COST_WARN_PERCENT = 80;

/** Where spending stands against a cost alert. */
export type CostLevel = 'ok' | 'approaching' | 'over';

/** A cost alert's state. */
export interface CostAlert {
  /** Sum of the matching expenses in the alert's currency, minor units; refunds subtract. */
  readonly spentMinor: number;
  /** spent / threshold; null for a threshold of 0. */
  readonly ratio: number | null;
  readonly level: CostLevel;
  /** Sums of the matching expenses in every other currency, minor units; not part of the level. */
  readonly otherCurrencies: ReadonlyMap<string, number>;
}

function toSafe(sum: bigint, currency: string): number {
  if (sum > BigInt(Number.MAX_SAFE_INTEGER) || sum < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`Expenses in ${currency} add up beyond what can be stored exactly; check them for a misplaced unit.`);
  }
  return Number(sum);
}

/**
 * Sums `expenses` (of `category` when given) against `thresholdMinor` of `currency`. Billed and
 * pass-through expenses count like any other: they were spent. Throws RangeError for a negative
 * or fractional threshold.
 */
export function costAlert(
  expenses: readonly Pick<Expense, 'amountMinor' | 'currency' | 'category'>[],
  thresholdMinor: number,
  currency: string,
  category?: ExpenseCategory,
): CostAlert {
  if (!Number.isSafeInteger(thresholdMinor) || thresholdMinor < 0) {
    throw new RangeError(`The alert threshold must be a whole, non-negative number of minor units; got ${thresholdMinor}.`);
  }
  const sums = new Map<string, bigint>();
  for (const e of expenses) {
    if (category !== undefined && e.category !== category) continue;
    sums.set(e.currency, (sums.get(e.currency) ?? 0n) + BigInt(e.amountMinor));
  }
  const spent = sums.get(currency) ?? 0n;
  const threshold = BigInt(thresholdMinor);
  let level: CostLevel = 'ok';
  if (threshold === 0n) level = spent > 0n ? 'over' : 'ok';
  else if (spent >= threshold) level = 'over';
  else if (spent * 100n >= threshold * BigInt(COST_WARN_PERCENT)) level = 'approaching';
  const spentMinor = toSafe(spent, currency);
  const otherCurrencies = new Map<string, number>();
  for (const [code, sum] of sums) if (code !== currency) otherCurrencies.set(code, toSafe(sum, code));
  return { spentMinor, ratio: thresholdMinor === 0 ? null : spentMinor / thresholdMinor, level, otherCurrencies };
}
