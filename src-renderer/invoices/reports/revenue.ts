/**
 * Revenue per month in the home currency: invoices minus credit notes, by the month of their
 * issue date (the accrual view a VAT return and a profit-and-loss statement take), net and gross.
 * Each invoice is converted with the rate fixed on it, never with another; one that cannot be is
 * listed, not guessed. Pure.
 */
import { countsAsSale, toHome, type InvoiceFacts, type NotConverted } from './invoice-facts.ts';

export interface RevenueMonth {
  /** "2026-11". */
  month: string;
  invoices: number;
  creditNotes: number;
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
  /** How many of the month's entries were counted from register totals (no document on this device). */
  fromRegister: number;
}

export interface RevenueReport {
  homeCurrency: string;
  /** Months with at least one counted entry, oldest first. */
  months: RevenueMonth[];
  total: { netMinor: number; vatMinor: number; grossMinor: number };
  /** Amounts left out because no rate fixed on the invoice converts them, oldest first. */
  notConverted: NotConverted[];
}

export function revenueByMonth(facts: readonly InvoiceFacts[], homeCurrency: string): RevenueReport {
  const months = new Map<string, RevenueMonth>();
  const notConverted: NotConverted[] = [];
  for (const f of facts) {
    if (!countsAsSale(f)) continue;
    const month = f.issueDate.slice(0, 7);
    let counted = false;
    let row = months.get(month);
    for (const total of f.totals) {
      // Net and gross are converted each once, so the VAT in the home currency is their difference
      // and net + VAT = gross holds to the cent.
      const net = toHome(f, total.netMinor, total.currency, homeCurrency);
      const gross = toHome(f, total.grossMinor, total.currency, homeCurrency);
      if (!net.ok || !gross.ok) {
        const reason = !net.ok ? net.reason : !gross.ok ? gross.reason : '';
        notConverted.push({ key: f.key, number: f.number, issueDate: f.issueDate, currency: total.currency, grossMinor: total.grossMinor, reason });
        continue;
      }
      row ??= { month, invoices: 0, creditNotes: 0, netMinor: 0, vatMinor: 0, grossMinor: 0, fromRegister: 0 };
      row.netMinor += net.minor;
      row.grossMinor += gross.minor;
      row.vatMinor += gross.minor - net.minor;
      counted = true;
    }
    if (!counted || row === undefined) continue;
    if (f.kind === 'credit-note') row.creditNotes += 1;
    else row.invoices += 1;
    if (f.source === 'register') row.fromRegister += 1;
    months.set(month, row);
  }
  const sorted = [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
  const total = sorted.reduce(
    (sum, m) => ({ netMinor: sum.netMinor + m.netMinor, vatMinor: sum.vatMinor + m.vatMinor, grossMinor: sum.grossMinor + m.grossMinor }),
    { netMinor: 0, vatMinor: 0, grossMinor: 0 },
  );
  notConverted.sort((a, b) => a.issueDate.localeCompare(b.issueDate) || a.number.localeCompare(b.number));
  return { homeCurrency, months: sorted, total, notConverted };
}
