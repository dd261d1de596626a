/**
 * The invoice document builder: plain data in, plain data out, no React and no vault.
 *
 * - {@link draftLines} / {@link draftDocument}: from a selection (period, projects, unticked
 *   records, chosen milestones and fees, currency and rates) to the lines, the candidates the
 *   editor shows as checkboxes, and problems in words.
 * - {@link invoiceTotals}: net, VAT per treatment and rate, gross, and the gross at the fixed rate.
 * - {@link issueProblems}: the check before issuing, field-named.
 * - {@link creditNoteOf}: a credit note from an issued invoice.
 * - {@link ecbFixedRate} / {@link ecbCurrencyRate}: rates from an imported ECB file, in the shapes a draft takes.
 * - {@link printedHours}: a time line's quantity exactly as printed (the PDF and the editor use it).
 */
export { ecbCurrencyRate, ecbFixedRate, type RateChoice } from './currency.ts';
export { creditNoteOf, type CreditNoteChoice, type CreditNoteResult } from './credit-note.ts';
export { addDays, draftDocument, type DraftDocument, type DraftDocumentChoice } from './draft-document.ts';
export { draftLines } from './draft-lines.ts';
export { issueProblems, type IssueContext, type IssueProblem } from './issue-problems.ts';
export { buyerOf, defaultVat, sellerOf } from './parties.ts';
export { printableMs, printedHours, printedItems } from './quantities.ts';
export { invoiceTotals, type InvoiceTotals } from './totals.ts';
export type * from './types.ts';
