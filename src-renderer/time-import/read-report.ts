/**
 * A time report read into memory: its headers and every row's cells (a 10 000-row export is a few
 * MB), so that a change of mapping, date order or zone reads the rows again without the file.
 */
import { type CsvProblem, type CsvSource, readHeaders, readRows } from '../csv/read-csv.ts';
import { CappedList } from '../csv/capped-list.ts';
import { entryReader, type TimeEntry } from './read-entries.ts';
import type { TimeMapping } from './time-mapping.ts';

export interface RawReport {
  readonly headers: readonly string[];
  readonly rows: ReadonlyArray<{ readonly cells: readonly string[]; readonly line: number }>;
  /** Quoting problems papaparse found. */
  readonly problems: readonly CsvProblem[];
}

/** Reads every row; rejects when the file cannot be read at all. */
export async function readReport(source: CsvSource, onProgress?: (fraction: number) => void): Promise<RawReport> {
  const headers = await readHeaders(source);
  const rows: Array<{ cells: string[]; line: number }> = [];
  const problems = await readRows(source, (cells, line) => rows.push({ cells, line }), onProgress);
  return { headers, rows, problems };
}

export interface ReadEntries {
  readonly entries: readonly TimeEntry[];
  readonly errors: readonly string[];
  readonly errorCount: number;
}

/** The rows of `report` read with `mapping`. */
export function readEntries(report: RawReport, mapping: TimeMapping): ReadEntries {
  const read = entryReader(mapping, report.headers);
  const entries: TimeEntry[] = [];
  const errors = new CappedList<string>();
  for (const p of report.problems) errors.add(`Row ${p.line}: ${p.message}`);
  for (const { cells, line } of report.rows) {
    const result = read(cells, line);
    if ('entry' in result) entries.push(result.entry);
    else errors.add(result.error);
  }
  return { entries, errors: errors.items, errorCount: errors.count };
}
