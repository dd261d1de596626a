/** What one CSV row says about a cost, once read by a format or a person's mapping. */
import type { Decimal } from './decimal.ts';

/** One cost from one row: the group it adds to (`key`) and what the expense will say (`label`). */
export interface CostLine {
  /** Stable for the same cost in any file of the same source: what a re-import is recognised by. */
  readonly key: string;
  /** `YYYY-MM-DD`, as the provider writes it. */
  readonly day: string;
  readonly amount: Decimal;
  /** ISO 4217, upper case: the currency billed, never converted here. */
  readonly currency: string;
  /** The expense's text: provider and service ("AWS: Amazon Elastic Compute Cloud"). */
  readonly label: string;
}

/** A cell that could not be read, in words: "Line 14: Cost: "12,3.4" is not an amount." */
export interface LineError {
  /** Line in the file, the header being line 1 (a record with a quoted line break counts as one). */
  readonly line: number;
  /** The column as the file names it. */
  readonly field: string;
  readonly message: string;
}

/** What a row reader makes of one row: costs (a Cost Explorer row holds several), an error, or nothing (a total row). */
export type RowResult = { readonly lines: readonly CostLine[] } | { readonly error: { field: string; message: string } };

/** Reads the cells of one data row. */
export type RowReader = (cells: readonly string[]) => RowResult;

/** The text of an error as the preview lists it. */
export function describeError(e: LineError): string {
  return `Line ${e.line}: ${e.field}: ${e.message}`;
}
