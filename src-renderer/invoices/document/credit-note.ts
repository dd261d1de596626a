/**
 * A credit note from an issued invoice: the same lines negated (quantities kept, unit prices and
 * nets negated, VAT as it was), `creditFor` naming the invoice, its own dates, unnumbered until it
 * is issued in the credit-note series. Its totals are exactly the invoice's negated: VAT rounds
 * half away from zero, symmetric about zero.
 *
 * The lines keep no block or expense ids: what a void unbills is what the invoice's register
 * entry billed, and a credit note's ids would read as billing them again. Pure.
 */
import type { Invoice } from '../../domain/invoice.ts';

export interface CreditNoteChoice {
  /** The credit note's own document id (its register origin). */
  id: string;
  issueDate: string;
  /** Absent: the issue date (nothing is due on a credit note). */
  dueDate?: string;
  /** The credit-note series prefix from the business profile. */
  series: string;
  /** Why it is credited, printed under the lines. */
  note?: string;
  now: number;
}

export type CreditNoteResult = { ok: true; creditNote: Invoice } | { ok: false; problem: string };

export function creditNoteOf(invoice: Invoice, choice: CreditNoteChoice): CreditNoteResult {
  if (invoice.kind !== 'invoice') return { ok: false, problem: 'A credit note credits an invoice, not another credit note.' };
  if (invoice.state !== 'issued' || invoice.number === undefined)
    return { ok: false, problem: 'Only an issued invoice is credited; a draft is edited or deleted.' };
  if (choice.issueDate < invoice.issueDate)
    return { ok: false, problem: `Issue date: a credit note cannot be dated before the invoice it credits (${invoice.issueDate}).` };
  const dueDate = choice.dueDate ?? choice.issueDate;
  if (dueDate < choice.issueDate) return { ok: false, problem: 'Due date: it is before the issue date.' };
  return {
    ok: true,
    creditNote: {
      id: choice.id,
      clientId: invoice.clientId,
      kind: 'credit-note',
      state: 'draft',
      series: choice.series,
      issueDate: choice.issueDate,
      dueDate,
      selection: invoice.selection,
      currency: invoice.currency,
      ...(invoice.fixedRate === undefined ? {} : { fixedRate: invoice.fixedRate }),
      seller: invoice.seller,
      buyer: invoice.buyer,
      hourStyle: invoice.hourStyle,
      lines: invoice.lines.map((line) => ({
        ...line,
        unitPriceMinor: -line.unitPriceMinor,
        netMinor: -line.netMinor,
        blockIds: [],
        expenseIds: [],
        ...(line.original === undefined ? {} : { original: { ...line.original, amountMinor: -line.original.amountMinor } }),
      })),
      note: choice.note ?? `Credit note for invoice ${invoice.number} of ${invoice.issueDate}.`,
      creditFor: { id: invoice.id, number: invoice.number, issueDate: invoice.issueDate },
      createdAt: choice.now,
      updatedAt: choice.now,
    },
  };
}
