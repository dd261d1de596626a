/**
 * The facts the reports on invoices read (invoices/reports/invoice-facts.ts), one per register
 * entry, each with its document where this device holds it as issued. A draft is never what was
 * sent, so it is never a report's source; an entry whose document is not here (another client's
 * device, or issued before documents) is reported from the register alone.
 */
import type { Invoice } from '../domain/invoice.ts';
import { invoiceFacts, type InvoiceFacts } from '../invoices/reports/invoice-facts.ts';
import { registerKey, type RegisteredInvoice } from './invoice-register.ts';

export function reportFacts(register: readonly RegisteredInvoice[], docs: readonly Invoice[]): InvoiceFacts[] {
  const issued = new Map(docs.filter((d) => d.state === 'issued').map((d) => [registerKey(d.id), d]));
  return register.map((entry) => invoiceFacts(entry, issued.get(entry.key)));
}
