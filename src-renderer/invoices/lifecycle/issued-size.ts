/**
 * How large an issued document may be. The issue is one write (every field under one HLC, so the
 * merge can seal it whole: sync/merge/merge-state.ts), and one write travels in one sync segment,
 * which carries at most 1 MiB of changes (sync/segment/segment-payload.ts). A larger write throws
 * when its segment is encoded, and sync retries that chunk for ever: the client's sync stops.
 * Measured with the real PDF and XML: 1.3 KB a line with short descriptions, 1.6 KB with 70
 * characters, so the bound below is reached between about 600 and 740 lines.
 */
import type { Invoice } from '../../domain/invoice.ts';
import { MAX_SEGMENT_PLAINTEXT_BYTES } from '../../sync/segment/segment-payload.ts';

/**
 * The most an issued document may weigh, as the JSON of the stored record, in UTF-8 bytes. Below
 * the segment limit by 64 KiB: the issue's write frames each of the document's ~25 fields as its
 * own change (op, table, id, field, HLC: measured 2.9 KB for the whole write, see
 * tests/unit/renderer/invoices/issued-size.test.ts); the rest is margin, so no issued invoice
 * is ever near the edge.
 */
export const MAX_ISSUED_DOCUMENT_BYTES = MAX_SEGMENT_PLAINTEXT_BYTES - 64 * 1024;

/**
 * At most what an issued document weighs without its lines: the PDF's embedded font subset, page
 * furniture and totals, the XML's header, both parties and the note. Measured 37 KB for a
 * document with a short note (tests/unit/renderer/invoices/issued-size.test.ts); a 2 000-character
 * note and long addresses add about 15 KB. Only used to say how many lines to move.
 */
const FIXED_PART_BYTES = 96 * 1024;

/** The stored size of `doc`: its JSON in UTF-8 bytes. */
export function storedBytes(doc: Invoice): number {
  return new TextEncoder().encode(JSON.stringify(doc)).length;
}

const kb = (bytes: number) => `${(bytes / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} KB`;

/** Why `doc` (issued, with its PDF and XML) is too large to issue, in words; undefined when it fits. */
export function sizeProblem(doc: Invoice): string | undefined {
  const bytes = storedBytes(doc);
  if (bytes <= MAX_ISSUED_DOCUMENT_BYTES) return undefined;
  const lines = doc.lines.length;
  // A line's weight is what is left after the document's fixed part, taken as large as it can be
  // so a line is taken as light as it can be: then moving the lines named is always enough.
  const perLine = Math.max(1, (bytes - FIXED_PART_BYTES) / Math.max(lines, 1));
  const move = Math.min(lines, Math.ceil((bytes - MAX_ISSUED_DOCUMENT_BYTES) / perLine));
  return `Lines: with its PDF and XML this invoice would be ${kb(bytes)}, more than sync carries in one piece (${kb(MAX_ISSUED_DOCUMENT_BYTES)}). Move at least ${move} of its ${lines} lines to a second invoice.`;
}
