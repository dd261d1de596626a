/**
 * CSV through papaparse, in chunks: a File is read a slice at a time (the browser's FileReader
 * yields between slices, so a 50 000-line report neither freezes the window nor sits in memory
 * whole), a string (tests) in the same chunks. Rows arrive as cell arrays with their line number;
 * quoting, CRLF and a byte-order mark are papaparse's business, plus a BOM strip of our own.
 */
import Papa from 'papaparse';

/** What the dialog reads: the picked file, or text (tests). */
export type CsvSource = File | string;

/** Chunks small enough for a progress bar to move and the window to stay responsive. */
const CHUNK = 256 * 1024;
/** A header line longer than this is not an export Caravan reads. */
const HEADER_BYTES = 256 * 1024;

const stripBom = (text: string) => text.replace(/^\uFEFF/u, '');

/** The first row (the headers), trimmed; empty for an empty file. */
export async function readHeaders(source: CsvSource): Promise<string[]> {
  const text = typeof source === 'string' ? source.slice(0, HEADER_BYTES) : await source.slice(0, HEADER_BYTES).text();
  const parsed = Papa.parse<string[]>(stripBom(text), { preview: 1 });
  return (parsed.data[0] ?? []).map((h) => h.trim());
}

/** A row of cells and its line (the header is line 1). */
export type RowHandler = (cells: string[], line: number) => void;

/** A problem papaparse found in the file's quoting. */
export interface CsvProblem {
  line: number;
  message: string;
}

/**
 * Calls `onRow` for every data row (the header skipped; blank lines skipped but counted) and
 * `onProgress` with the fraction read. Resolves with quoting problems, rejects when the file
 * cannot be read at all.
 */
export function readRows(source: CsvSource, onRow: RowHandler, onProgress?: (fraction: number) => void): Promise<CsvProblem[]> {
  const size = typeof source === 'string' ? source.length : source.size;
  let line = 0;
  const problems: CsvProblem[] = [];
  const chunk = (results: Papa.ParseResult<string[]>) => {
    const first = line;
    for (const cells of results.data) {
      line++;
      if (line === 1) continue;
      if (cells.length === 1 && (cells[0] ?? '').trim() === '') continue;
      onRow(cells, line);
    }
    for (const e of results.errors) {
      // A malformed quote: papaparse names the row within the chunk.
      problems.push({ line: first + (e.row ?? 0) + 1, message: e.code === 'MissingQuotes' ? 'a quoted field is not closed.' : `${e.message}.` });
    }
    onProgress?.(size === 0 ? 1 : Math.min(1, results.meta.cursor / size));
  };
  return new Promise((resolve, reject) => {
    if (typeof source === 'string') {
      Papa.parse<string[]>(stripBom(source), { chunkSize: CHUNK, chunk, complete: () => resolve(problems) });
    } else {
      Papa.parse<string[], File>(source, { chunkSize: CHUNK, chunk, complete: () => resolve(problems), error: (error) => reject(error) });
    }
  });
}
