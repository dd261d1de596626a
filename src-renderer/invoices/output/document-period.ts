/**
 * The invoicing period (EN 16931 BG-14) the PDF prints and the XML carries: the period the person
 * chose, widened to take in every line's own period. A retainer's fee line covers its whole month
 * (invoices/document/retainer-lines.ts) even on an invoice for 1 to 15 November, and Peppol's R110
 * and R111 refuse a line period outside the invoice's. Widening keeps both true: the fee is
 * printed for the month it pays for, and the invoice says it covers that month. Pure.
 */
import type { Invoice } from '../../domain/invoice.ts';

export function documentPeriod(invoice: Pick<Invoice, 'selection' | 'lines'>): { from: string; to: string } {
  let { from, to } = invoice.selection;
  for (const { period } of invoice.lines) {
    if (period === undefined) continue;
    if (period.from < from) from = period.from;
    if (period.to > to) to = period.to;
  }
  return { from, to };
}
