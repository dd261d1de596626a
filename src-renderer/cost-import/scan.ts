/**
 * Reading a billing file end to end: which format its headers say, then every row through that
 * format's reader (or the person's mapping), costs added up per import key and rounded to minor
 * units once per key. Pure apart from the file read; the dialog shows the result.
 */
import { CappedList, MAX_LISTED } from '../csv/capped-list.ts';
import { minorDigits } from '../reports/money.ts';
import type { CostLine, LineError, RowReader } from './cost-line.ts';
import { addDecimal, type Decimal, decimalToMinor, ZERO } from './decimal.ts';
import { suggestMapping } from './mapping.ts';
import { PROVIDER_FORMATS, type ProviderFormat } from './provider-formats.ts';
import { type CsvSource, readRows } from '../csv/read-csv.ts';

/** What the headers say. */
export type Detection =
  | { readonly kind: 'provider'; readonly format: ProviderFormat; readonly reader: RowReader }
  /** Not a format Caravan knows, or one with a column renamed (`resembles`): the person maps the columns. */
  | { readonly kind: 'mapping'; readonly resembles: ProviderFormat | null; readonly suggestion: ReturnType<typeof suggestMapping> }
  | { readonly kind: 'empty' };

/** The format whose headers these are; else the one they look like, for the mapping step. */
export function detectFormat(headers: readonly string[]): Detection {
  if (headers.length === 0 || headers.every((h) => h === '')) return { kind: 'empty' };
  for (const format of PROVIDER_FORMATS) {
    const reader = format.reader(headers);
    if (reader) return { kind: 'provider', format, reader };
  }
  const lower = new Set(headers.map((h) => h.toLowerCase()));
  const share = (f: ProviderFormat) => f.signature.filter((s) => lower.has(s.toLowerCase())).length / f.signature.length;
  const resembles = [...PROVIDER_FORMATS].sort((a, b) => share(b) - share(a)).find((f) => share(f) >= 0.5) ?? null;
  return { kind: 'mapping', resembles, suggestion: suggestMapping(headers, resembles?.fields) };
}

/** One expense to be: the costs of one key added up. */
export interface CostGroup {
  readonly key: string;
  readonly day: string;
  readonly currency: string;
  readonly label: string;
  readonly amountMinor: number;
  /** How many rows (cells) it adds up. */
  readonly lines: number;
}

/** A file read: its groups, and every row that could not be read (the first {@link MAX_ERRORS} kept). */
export interface ScanResult {
  readonly groups: readonly CostGroup[];
  readonly errors: readonly LineError[];
  readonly errorCount: number;
  /** Data rows read. */
  readonly rows: number;
  /** Keys whose costs net to zero (a credit that cancels a day's usage): nothing to import. */
  readonly zeroGroups: number;
}

export const MAX_ERRORS = MAX_LISTED;

interface Sum {
  line: CostLine;
  amount: Decimal;
  lines: number;
}

/** Adds cost lines per key; {@link Aggregator.result} rounds each total once. */
export class Aggregator {
  private readonly sums = new Map<string, Sum>();
  private readonly errors = new CappedList<LineError>();
  private rows = 0;

  row(result: ReturnType<RowReader>, line: number): void {
    this.rows++;
    if ('error' in result) {
      this.errors.add({ line, ...result.error });
      return;
    }
    for (const cost of result.lines) {
      // A key is a day and currency too, so the first line's label, day and currency hold for all.
      const sum = this.sums.get(cost.key);
      if (sum) {
        sum.amount = addDecimal(sum.amount, cost.amount);
        sum.lines++;
      } else this.sums.set(cost.key, { line: cost, amount: addDecimal(ZERO, cost.amount), lines: 1 });
    }
  }

  problem(line: number, field: string, message: string): void {
    this.errors.add({ line, field, message });
  }

  result(): ScanResult {
    const groups: CostGroup[] = [];
    let zeroGroups = 0;
    for (const { line, amount, lines } of this.sums.values()) {
      const amountMinor = decimalToMinor(amount, minorDigits(line.currency));
      if (amountMinor === null) {
        this.problem(0, line.label, `the total of ${line.day} is too large to store.`);
        continue;
      }
      if (amountMinor === 0) {
        zeroGroups++;
        continue;
      }
      groups.push({ key: line.key, day: line.day, currency: line.currency, label: line.label, amountMinor, lines });
    }
    groups.sort((a, b) => a.day.localeCompare(b.day) || a.label.localeCompare(b.label) || a.key.localeCompare(b.key));
    const errors = [...this.errors.items].sort((a, b) => a.line - b.line);
    return { groups, errors, errorCount: this.errors.count, rows: this.rows, zeroGroups };
  }
}

/** Reads every row of `source` with `reader`. Rejects only when the file cannot be read. */
export async function scanFile(source: CsvSource, reader: RowReader, onProgress?: (fraction: number) => void): Promise<ScanResult> {
  const sums = new Aggregator();
  const problems = await readRows(source, (cells, line) => sums.row(reader(cells), line), onProgress);
  for (const p of problems) sums.problem(p.line, 'the file', p.message);
  return sums.result();
}
