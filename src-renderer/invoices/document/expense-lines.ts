/**
 * Pass-through expenses: one line each, at cost or with the expense's markup, in the invoice's
 * currency. An expense in another currency is converted with the rate fixed on the invoice for
 * that currency, and the line keeps its own amount, currency and rate (`original`), so the
 * conversion can be printed and repeated. A refund is a negative line. Pure.
 */
import type { Expense } from '../../domain/expense.ts';
import type { InvoiceLine } from '../../domain/invoice.ts';
import { formatCalendarDate } from '../../ui/format/dates.ts';
import { toInvoiceCurrency } from './currency.ts';
import type { Built, LineContext } from './hourly-lines.ts';
import { lineId } from './words.ts';

function describe(expense: Expense, locale: string | undefined): string {
  const note = expense.receiptNote.split(/\r?\n/u)[0]?.trim() ?? '';
  const markup = expense.markupBp === undefined || expense.markupBp === 0 ? '' : ` (+${expense.markupBp / 100} %)`;
  return `Expense ${formatCalendarDate(expense.date, locale)}, ${expense.category}${note === '' ? '' : `: ${note}`}${markup}`.slice(0, 500);
}

export function expenseLines(expenses: readonly Expense[], ctx: LineContext): Built {
  const lines: InvoiceLine[] = [];
  const problems: string[] = [];
  for (const expense of expenses) {
    const net = toInvoiceCurrency(expense.amountMinor, expense.currency, ctx.currency, ctx.currencyRates, expense.markupBp ?? 0);
    if (!net.ok) {
      if (!problems.includes(net.problem)) problems.push(net.problem);
      continue;
    }
    lines.push({
      id: lineId('expense', expense.id),
      kind: 'expense',
      description: describe(expense, ctx.locale),
      quantity: { unit: 'item', milli: 1000 },
      unitPriceMinor: net.amountMinor,
      netMinor: net.amountMinor,
      vat: ctx.vat,
      projectId: expense.projectId,
      ...(expense.phaseId === undefined ? {} : { phaseId: expense.phaseId }),
      blockIds: [],
      expenseIds: [expense.id],
      ...(net.rate === undefined ? {} : { original: { amountMinor: expense.amountMinor, currency: expense.currency, rate: net.rate } }),
      period: { from: expense.date, to: expense.date },
    });
  }
  return { lines, problems };
}
