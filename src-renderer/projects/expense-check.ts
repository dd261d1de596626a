/** The expense form's checks, apart from React so they are tested alone. */
import { currencySchema } from '../domain/common.ts';
import { toMinor } from '../reports/money.ts';
import type { FieldErrors } from '../ui/field-errors.ts';

export type ExpenseField = 'date' | 'amount' | 'currency';

/** The form's checks, every field at once: the amount in minor units when all pass. */
export function checkExpense(input: { date: string; amount: string; currency: string }): { errors: FieldErrors<ExpenseField>; amountMinor?: number } {
  const errors: FieldErrors<ExpenseField> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) errors.date = 'Date: choose the day on the receipt.';
  const currency = input.currency.trim().toUpperCase();
  if (!currencySchema.safeParse(currency).success) {
    errors.currency = 'Currency: three letters of a known currency, such as EUR or USD.';
    if (input.amount.trim() === '') errors.amount = 'Amount: type what was paid, for example 184.20.';
    return { errors };
  }
  const parsed = toMinor(input.amount, currency);
  if (!parsed.ok) errors.amount = `Amount: ${parsed.message}`;
  else if (parsed.minor < 0) errors.amount = 'Amount: an expense cannot be negative. For a refund, lower or delete the expense it refunds.';
  else if (parsed.minor === 0) errors.amount = 'Amount: type what was paid; it is more than zero.';
  return parsed.ok && Object.keys(errors).length === 0 ? { errors, amountMinor: parsed.minor } : { errors };
}
