/** Files the person chooses in main's dialogs: an export to save, a folder for a sync target. */
import { z } from 'zod';
import { BASE64_RE, base64Bytes, base64Length, clientIdSchema, MAX_CLIENTS, noArgs, type InvokeMap } from './spec.ts';
import { folderHandleSchema } from './target.ts';

/** Measured: a client's access export of 100 000 time blocks is 50.1 M characters of JSON (22.2 M as CSV); 80 Mi is 1.7x that. */
const DATA_EXPORT_CHARS = 80 * 1024 * 1024;
/** A generated document (weekly update, Art. 30 record, erasure receipt) in Markdown: a few kB; 1 Mi leaves room for long lists. */
const DOCUMENT_CHARS = 1024 * 1024;
/** An EN 16931 invoice in UBL 2.1 XML: about 1.5 k characters a line; an invoice has at most 2 000 lines. */
const INVOICE_XML_CHARS = 16 * 1024 * 1024;
/** Days per country for an accountant: about 160 characters a listed day; 8 Mi is 50 000 days, decades of two countries a day. */
const PRESENCE_CSV_CHARS = 8 * 1024 * 1024;
/** A generated PDF (invoice, weekly update, Art. 30 record) with its subset font: tens to hundreds of kB; 16 MiB is far above. */
const PDF_BYTES = 16 * 1024 * 1024;

interface ExportKindSpec {
  /** What the audit view and the dialog's filter call it. */
  label: string;
  /** Set by main, whatever name the renderer suggests. */
  extension: 'txt' | 'csv' | 'json' | 'md' | 'pdf' | 'xml' | 'ics';
  /** `base64`: the content is the bytes of a binary file. */
  encoding: 'utf8' | 'base64';
  /** The most content characters (for base64: the most bytes) this kind can legitimately have. */
  max: number;
  /** Whether it may hold client data, so its clients must be named (recovery kit: none). */
  clientData: boolean;
}

/**
 * Every kind of file the renderer may save. The renderer names the kind; main picks the extension,
 * the dialog's filter and the encoding from here, so a compromised page cannot save a `.desktop`
 * or `.exe` in the person's name.
 */
export const EXPORT_KINDS = {
  'recovery-kit': { label: 'Recovery kit', extension: 'txt', encoding: 'utf8', max: 16 * 1024, clientData: false },
  // One share of a k-of-n split of the recovery key: named as a share, so a saved share is not mistaken for the whole kit.
  'recovery-share': { label: 'Recovery share', extension: 'txt', encoding: 'utf8', max: 16 * 1024, clientData: false },
  'time-csv': { label: 'Time CSV', extension: 'csv', encoding: 'utf8', max: DATA_EXPORT_CHARS, clientData: true },
  'report-csv': { label: 'Report CSV', extension: 'csv', encoding: 'utf8', max: DATA_EXPORT_CHARS, clientData: true },
  'weekly-update-md': { label: 'Weekly update (Markdown)', extension: 'md', encoding: 'utf8', max: DOCUMENT_CHARS, clientData: true },
  'weekly-update-pdf': { label: 'Weekly update (PDF)', extension: 'pdf', encoding: 'base64', max: PDF_BYTES, clientData: true },
  'invoice-pdf': { label: 'Invoice (PDF)', extension: 'pdf', encoding: 'base64', max: PDF_BYTES, clientData: true },
  'invoice-xml': { label: 'E-invoice (UBL 2.1 XML)', extension: 'xml', encoding: 'utf8', max: INVOICE_XML_CHARS, clientData: true },
  'calendar-ics': { label: 'Calendar (iCalendar .ics)', extension: 'ics', encoding: 'utf8', max: DATA_EXPORT_CHARS, clientData: true },
  'access-export-json': { label: 'Access export (JSON)', extension: 'json', encoding: 'utf8', max: DATA_EXPORT_CHARS, clientData: true },
  'access-export-csv': { label: 'Access export (CSV)', extension: 'csv', encoding: 'utf8', max: DATA_EXPORT_CHARS, clientData: true },
  'processing-record-md': { label: 'Record of processing (Markdown)', extension: 'md', encoding: 'utf8', max: DOCUMENT_CHARS, clientData: true },
  'processing-record-pdf': { label: 'Record of processing (PDF)', extension: 'pdf', encoding: 'base64', max: PDF_BYTES, clientData: true },
  // The presence ledger's days per country for an accountant: the person's own whereabouts, no client's data.
  'presence-csv': { label: 'Days per country (CSV)', extension: 'csv', encoding: 'utf8', max: PRESENCE_CSV_CHARS, clientData: false },
  'presence-pdf': { label: 'Days per country (PDF)', extension: 'pdf', encoding: 'base64', max: PDF_BYTES, clientData: false },
  'erasure-receipt-md': { label: 'Erasure receipt (Markdown)', extension: 'md', encoding: 'utf8', max: DOCUMENT_CHARS, clientData: false },
} as const satisfies Record<string, ExportKindSpec>;

export type ExportKind = keyof typeof EXPORT_KINDS;
export const exportKindSchema = z.enum(Object.keys(EXPORT_KINDS) as [ExportKind, ...ExportKind[]]);

/** The most characters any export's content may have (the largest kind's, as base64 for binary kinds). */
export const MAX_EXPORT_CHARS = Math.max(...Object.values(EXPORT_KINDS).map((k) => (k.encoding === 'base64' ? base64Length(k.max) : k.max)));

export const saveExportRequestSchema = z
  .strictObject({
    kind: exportKindSchema,
    /**
     * The name offered in the dialog, without extension (`caravan-time-2026-12-07`). Main removes
     * format and control characters and anything a file system refuses, and adds the extension.
     * Default names carry no client or project name; the person may type one in the dialog.
     */
    stem: z.string().max(120),
    /** The text, or for a binary kind the file's bytes in base64. */
    content: z.string().max(MAX_EXPORT_CHARS),
    /** The clients whose data the file holds (ids), so main can audit device-only ones; empty for none. */
    clients: z.array(clientIdSchema).max(MAX_CLIENTS),
    /** The person was told that device-only clients' data goes into this file, and went on. */
    deviceOnlyConfirmed: z.boolean(),
  })
  .superRefine((r, ctx) => {
    const spec = EXPORT_KINDS[r.kind];
    if (spec.encoding === 'base64' && (!BASE64_RE.test(r.content) || r.content.length % 4 !== 0)) {
      ctx.addIssue({ code: 'custom', path: ['content'], message: `a ${spec.label} is sent as base64` });
    } else if ((spec.encoding === 'base64' ? base64Bytes(r.content) : r.content.length) > spec.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['content'],
        message: `a ${spec.label} is at most ${spec.max} ${spec.encoding === 'base64' ? 'bytes' : 'characters'}`,
      });
    }
    if (!spec.clientData && r.clients.length > 0) ctx.addIssue({ code: 'custom', path: ['clients'], message: `a ${spec.label} holds no client data` });
  });
/** An export as the renderer sends it. */
export type SaveExportRequest = z.infer<typeof saveExportRequestSchema>;

/**
 * Saved where the person chose; not saved (they cancelled the dialog); or not yet asked where,
 * because the file would hold data of these clients, which main counts as kept on this device
 * only (device-only, or no policy in force here: held for confirmation, or unreadable). The
 * renderer asks the person and sends the request again with `deviceOnlyConfirmed`.
 */
export const saveTextResultSchema = z.union([
  z.strictObject({ saved: z.literal(true), path: z.string() }),
  z.strictObject({ saved: z.literal(false) }),
  z.strictObject({ saved: z.literal(false), needsConfirmation: z.array(clientIdSchema).min(1).max(MAX_CLIENTS) }),
]);
export type SaveTextResult = z.infer<typeof saveTextResultSchema>;

export const filesInvoke = {
  /**
   * Asks where to save an export (the person chooses; nothing is written if they cancel). A file
   * holding a device-only client's data is answered `needsConfirmation` (no dialog, nothing written)
   * unless `deviceOnlyConfirmed`, and is audited before it is written.
   */
  'files:saveText': { args: z.tuple([saveExportRequestSchema]), result: saveTextResultSchema },
  /**
   * Asks the person for a folder (a sync target) in main's own picker: a handle to add it with, and
   * its real path to show; null when they cancelled. A network share, a device or system path is refused.
   */
  'files:chooseFolder': { args: noArgs, result: z.strictObject({ handle: folderHandleSchema, path: z.string() }).nullable() },
} satisfies InvokeMap<'files'>;
