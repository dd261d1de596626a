/**
 * Unpaid and overdue invoices as of a day: issued on or before it, not paid on or before it, not
 * void by then. So the list for a past day is what was open that day (an invoice paid late shows as
 * overdue before its payment and not after). Amounts stay in each invoice's currency: what the
 * client owes is that amount, not its value at today's rate. Pure.
 */
import { daysBetween, type InvoiceFacts } from './invoice-facts.ts';

export interface OpenInvoice {
  key: string;
  number: string;
  clientId: string;
  buyerName: string;
  issueDate: string;
  /** The due date; an invoice issued before documents had none and is taken as due on issue. */
  dueDate: string;
  dueDateKnown: boolean;
  /** Days past the due date as of the day asked (0 on the due day, negative before it). */
  daysOverdue: number;
  /** Gross amounts owed, per currency. */
  amounts: readonly { currency: string; grossMinor: number }[];
}

export interface CurrencyTotal {
  currency: string;
  openMinor: number;
  overdueMinor: number;
}

export interface UnpaidReport {
  asOf: string;
  /** Oldest due first. */
  open: OpenInvoice[];
  /** Per currency, alphabetical. */
  totals: CurrencyTotal[];
}

/** True when `facts` was owed on `asOf`. */
export function isOpenOn(facts: InvoiceFacts, asOf: string): boolean {
  if (facts.kind !== 'invoice' || facts.issueDate > asOf) return false;
  if (facts.paidOn !== undefined && facts.paidOn <= asOf) return false;
  // A void without a day cannot be placed in time: it is taken as void from the start.
  if (facts.status === 'void' && (facts.voidedOn === undefined || facts.voidedOn <= asOf)) return false;
  return true;
}

export function unpaidReport(facts: readonly InvoiceFacts[], asOf: string): UnpaidReport {
  const open: OpenInvoice[] = [];
  const totals = new Map<string, CurrencyTotal>();
  for (const f of facts) {
    if (!isOpenOn(f, asOf)) continue;
    const dueDate = f.dueDate ?? f.issueDate;
    const daysOverdue = daysBetween(dueDate, asOf);
    const amounts = f.totals.map((t) => ({ currency: t.currency, grossMinor: t.grossMinor }));
    open.push({
      key: f.key,
      number: f.number,
      clientId: f.clientId,
      buyerName: f.buyerName,
      issueDate: f.issueDate,
      dueDate,
      dueDateKnown: f.dueDate !== undefined,
      daysOverdue,
      amounts,
    });
    for (const { currency, grossMinor } of amounts) {
      const row = totals.get(currency) ?? { currency, openMinor: 0, overdueMinor: 0 };
      row.openMinor += grossMinor;
      if (daysOverdue > 0) row.overdueMinor += grossMinor;
      totals.set(currency, row);
    }
  }
  open.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.issueDate.localeCompare(b.issueDate) || a.number.localeCompare(b.number));
  return { asOf, open, totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)) };
}
