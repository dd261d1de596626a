/**
 * A draft invoice document from a selection: the lines of draftLines with the seller and buyer
 * snapshots, the dates (due after the profile's payment terms), the currency and its fixed rate.
 * The draft editor calls this on every change and saves the document; nothing here is stored. Pure.
 */
import type { Invoice } from '../../domain/invoice.ts';
import { dayNumber, dayText } from '../../presence/calendar-days.ts';
import { draftLines } from './draft-lines.ts';
import { buyerOf, sellerOf } from './parties.ts';
import { storedSelection } from './stored-selection.ts';
import type { DraftInput, DraftResult } from './types.ts';

export interface DraftDocumentChoice {
  /** The document's id (it becomes the register origin at issue). */
  id: string;
  now: number;
  /** Printed under the lines. */
  note?: string;
  /** Absent: the issue date plus the profile's payment terms. */
  dueDate?: string;
  /** Locale of dates in line descriptions. */
  locale?: string;
}

export interface DraftDocument extends DraftResult {
  document: Invoice;
}

/** `day` plus `days` calendar days, 'YYYY-MM-DD'; `day` itself when it is not a date (the editor says so). */
export function addDays(day: string, days: number): string {
  try {
    return dayText(dayNumber(day) + days);
  } catch {
    return day;
  }
}

export function draftDocument(input: DraftInput, choice: DraftDocumentChoice): DraftDocument {
  const { selection, profile } = input;
  const result = draftLines(input, choice.locale);
  const foreign = selection.currency !== profile.homeCurrency;
  const document: Invoice = {
    id: choice.id,
    clientId: input.client.id,
    kind: 'invoice',
    state: 'draft',
    series: profile.invoiceSeries.prefix,
    issueDate: selection.issueDate,
    dueDate: choice.dueDate ?? addDays(selection.issueDate, profile.paymentTermsDays),
    // Everything the person chose, so the draft reopens as it was left.
    selection: storedSelection(selection),
    currency: selection.currency,
    ...(foreign && selection.fixedRate !== undefined ? { fixedRate: selection.fixedRate } : {}),
    seller: sellerOf(profile),
    buyer: buyerOf(input.client),
    hourStyle: profile.hourStyle,
    lines: result.lines,
    note: choice.note ?? '',
    createdAt: choice.now,
    updatedAt: choice.now,
  };
  return { ...result, document };
}
