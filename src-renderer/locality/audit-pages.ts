/**
 * Verifying a long audit log in pages. The log only grows, and one call to main carries at most
 * MAX_AUDIT_LINES lines, so the opened log is sent a page at a time: each page is verified from
 * the last entry of the page before (its seq and hash), and the anchor this device kept goes with
 * the page that holds its seq (or the last page, where a removed tail shows). The first page that
 * does not verify ends the walk; the rows before it are kept, as for a single call.
 */
import { MAX_AUDIT_LINES, type AuditAnchor, type AuditNames, type AuditReport, type OpenedAuditLine } from '../../src-preload/contract/index.ts';

/** Main's verification of one page (`locality:verifyAudit`). */
export type VerifyPage = (lines: OpenedAuditLine[], anchor: AuditAnchor | null, names: AuditNames, start: AuditAnchor | null) => Promise<AuditReport>;

export async function verifyInPages(
  lines: readonly OpenedAuditLine[],
  anchor: AuditAnchor | null,
  names: AuditNames,
  verifyPage: VerifyPage,
  pageLines: number = MAX_AUDIT_LINES,
): Promise<AuditReport> {
  const rows: AuditReport['rows'] = [];
  let start: AuditAnchor | null = null;
  let offset = 0;
  do {
    const end = Math.min(offset + pageLines, lines.length);
    const last = end === lines.length;
    const pageAnchor = anchor && anchor.seq >= offset && (anchor.seq < end || last) ? anchor : null;
    const page = await verifyPage(lines.slice(offset, end), pageAnchor, names, start);
    rows.push(...page.rows);
    if (!page.ok) return { ok: false, count: lines.length, head: null, ...(page.problem ? { problem: page.problem } : {}), rows };
    start = page.head ?? start;
    offset = end;
  } while (offset < lines.length);
  return { ok: true, count: lines.length, head: start, rows };
}
