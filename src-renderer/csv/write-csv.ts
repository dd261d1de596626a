/**
 * Every CSV Caravan writes goes through here, on papaparse's `unparse`: RFC 4180, a header row,
 * `\r\n` after every record (the last included), quotes doubled; papaparse quotes a field holding
 * a comma, a quote, CR, LF or a byte-order mark, or starting or ending with a space. No byte-order
 * mark at the start: the code that saves the file adds one if Excel is the audience.
 *
 * Formula injection (OWASP "CSV Injection"): {@link guardFormula} gives a text cell that starts
 * with `=`, `+`, `-`, `@`, tab or CR a leading `'`, so that a client called `=HYPERLINK(…)` stays
 * text in a spreadsheet. Callers guard text cells only; numbers they write themselves are never
 * prefixed (papaparse's own `escapeFormulae` would prefix a negative amount too, so it is not used).
 */
import Papa from 'papaparse';

const FORMULA_START = /^[=+\-@\t\r]/u;

/** Prefixes `'` to text a spreadsheet would run as a formula. For text cells only, never numbers. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Records to RFC 4180 text, each ended by `\r\n`. Fields are written as given: callers guard text cells. */
export function serializeCsv(records: readonly (readonly string[])[]): string {
  if (records.length === 0) return '';
  return `${Papa.unparse(records as string[][], { newline: '\r\n', header: false })}\r\n`;
}
