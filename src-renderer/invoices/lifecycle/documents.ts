/**
 * What the lifecycle derives from invoice documents, pure: the register entry an issued document
 * takes, the credit note that voids an invoice, and the work an issue or a void left half done
 * (found at load and finished, since each step is its own write).
 */
import type { Invoice } from '../../domain/invoice.ts';
import { hasDocument, type InvoiceRecord, originOf, type RegisteredInvoice, registerKey } from '../../reports/invoice-register.ts';
import { creditNoteOf } from '../document/credit-note.ts';
import type { NewDraft } from '../../vault/repos/invoices.ts';
import { vatTotals } from '../vat-totals.ts';

/** The gross total of `doc`'s lines, minor units of its currency (VAT per rate, vat-totals.ts). */
export function grossOf(doc: Pick<Invoice, 'lines'>): number {
  return vatTotals(doc.lines.map((l) => ({ treatment: l.vat.kind, netMinor: l.netMinor, rateBp: l.vat.rateBp }))).grossMinor;
}

/**
 * The register entry of `doc` issued as `number`. An invoice names exactly what its lines bill (so
 * a void unbills exactly that); a credit note bills nothing and names the invoice it voids.
 */
export function entryOf(doc: Invoice, number: string): InvoiceRecord {
  const unique = (ids: string[]) => [...new Set(ids)];
  const credit = doc.kind === 'credit-note';
  return {
    number,
    clientId: doc.clientId,
    issueDate: doc.issueDate,
    status: 'issued',
    blockIds: credit ? [] : unique(doc.lines.flatMap((l) => l.blockIds)),
    expenseIds: credit ? [] : unique(doc.lines.flatMap((l) => l.expenseIds)),
    totals: [[doc.currency, grossOf(doc)]],
    series: doc.series,
    dueDate: doc.dueDate,
    ...(credit && { kind: 'credit-note' as const }),
    ...(credit && doc.creditFor !== undefined && { creditFor: registerKey(doc.creditFor.id) }),
  };
}

/**
 * The credit note that voids issued invoice `invoice` on `day`, numbered in series `prefix`: the
 * same seller, buyer, currency and fixed rate as the invoice (a credit note converts at the rate
 * the invoice was converted at), every line negated. Its lines bill nothing: what the invoice
 * billed becomes unbilled through the register's void, not through the credit note.
 */
export function creditNoteDraft(invoice: Invoice, day: string, prefix: string): NewDraft {
  // The builder's credit note (invoices/document/credit-note.ts), as the repository takes a new draft.
  const made = creditNoteOf(invoice, {
    id: invoice.id,
    issueDate: day,
    series: prefix,
    now: 0,
    note: `Credit note for invoice ${invoice.number ?? ''} of ${invoice.issueDate}, which it voids in full.`,
  });
  if (!made.ok) throw new Error(made.problem);
  const { id: _id, state: _state, createdAt: _c, updatedAt: _u, ...draft } = made.creditNote;
  return draft;
}

/** What an issue or a void left half done. */
export interface PendingWork {
  /** Numbered in the register, document still a draft: render it with the register's number and issue it. */
  finish: Array<{ doc: Invoice; entry: RegisteredInvoice }>;
  /** A credit note in the register whose invoice is not void yet: void it. */
  voids: RegisteredInvoice[];
}

/** The half-done work in `register` and `docs` (the documents this device holds). */
export function pendingWork(register: readonly RegisteredInvoice[], docs: readonly Invoice[]): PendingWork {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const finish: PendingWork['finish'] = [];
  const voids: RegisteredInvoice[] = [];
  for (const entry of register) {
    const doc = hasDocument(entry) ? byId.get(originOf(entry.key)) : undefined;
    if (doc?.state === 'draft') finish.push({ doc, entry });
    if (entry.kind !== 'credit-note' || entry.creditFor === undefined) continue;
    const target = register.find((r) => r.key === entry.creditFor);
    if (target?.status === 'issued') {
      voids.push({ ...target, status: 'void', voidedOn: entry.issueDate, voidedBy: entry.key });
    }
  }
  return { finish, voids };
}
