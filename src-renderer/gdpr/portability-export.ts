/**
 * Everything Caravan holds about one client, for a GDPR access request (Art. 15) or a
 * portability request (Art. 20): one JSON document and one CSV file per record kind.
 *
 * Pure: the caller reads the records (and later hands the files to `files:saveText`, where the
 * locality guard decides). The same records give the same bytes whatever order they arrive in,
 * so two exports can be compared with a plain diff. The formats are in docs/gdpr-export.md.
 */
import { exportCsvFiles, type ExportCsvFile } from './export-csv.ts';
import { assertOneClient } from './export-ownership.ts';
import { exportDocument, sortForExport, type ClientRecords } from './export-document.ts';
import { ExportError } from './export-error.ts';
import type { ClientExportDocument } from './export-format.ts';

export type { ClientRecords } from './export-document.ts';
export { ExportError, type ExportErrorCode, type ExportRecordKind } from './export-error.ts';
export { EXPORT_CSV_FILES, EXPORT_CSV_HEADERS, type ExportCsvFile } from './export-csv.ts';
export { EXPORT_FORMAT, EXPORT_VERSION, type ClientExportDocument } from './export-format.ts';

/** When and by what the export is written. */
export interface ExportOptions {
  /** UTC epoch ms, written as `exportedAt`. */
  readonly exportedAt: number;
  /** Caravan's version (package.json), written as `appVersion`. */
  readonly appVersion: string;
}

/** One client's export. */
export interface ClientExport {
  /** The JSON document: two-space indentation, a final line feed. */
  readonly json: string;
  /** File name to RFC 4180 text, in `EXPORT_CSV_FILES` order. */
  readonly csv: Readonly<Record<ExportCsvFile, string>>;
  /** The object `json` serialises, for callers that show a summary. */
  readonly document: ClientExportDocument;
}

/** Latest instant a JavaScript Date can hold. */
const MAX_INSTANT = 8_640_000_000_000_000;

/**
 * Builds the export of `records.client`. Throws an {@link ExportError} (nothing is produced) when
 * a record belongs to another client or project, names a phase or experiment that is missing,
 * repeats an id, or when `exportedAt` is not an instant.
 */
export function exportClientData(records: ClientRecords, options: ExportOptions): ClientExport {
  const { exportedAt, appVersion } = options;
  if (!Number.isInteger(exportedAt) || exportedAt < 0 || exportedAt > MAX_INSTANT) {
    throw new ExportError('invalid-input', `The export time ${String(exportedAt)} is not a valid instant (UTC epoch milliseconds). Nothing was exported.`);
  }
  assertOneClient(records);
  const document = exportDocument(sortForExport(records), exportedAt, appVersion);
  return { json: `${JSON.stringify(document, null, 2)}\n`, csv: exportCsvFiles(document), document };
}
