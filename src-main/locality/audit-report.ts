/**
 * Turns an audit log the renderer has opened back into a verdict and readable
 * rows. The renderer holds the key that opens the sealed entries; main holds
 * the chain rules and the wording, so both are written once. A line whose box
 * did not open, or whose clear seq and hash disagree with the sealed entry,
 * is reported at its seq like any other break in the chain.
 */
import { verify, type AuditEntry, type ChainAnchor } from './audit-chain.ts';
import { formatAuditReason, type AuditNames } from './audit-reason.ts';
import type { AuditReport, OpenedAuditLine } from '../../src-preload/contract/audit.ts';

export async function auditReport(
  lines: readonly OpenedAuditLine[],
  anchor: ChainAnchor | null,
  names: AuditNames,
  start: ChainAnchor | null = null,
): Promise<AuditReport> {
  // With `start`, these lines are one page of a longer log, after the entry `start` names.
  const base = start ? start.seq + 1 : 0;
  let firstBad: { seq: number; message: string } | undefined;
  const entries: unknown[] = [];
  for (const [i, line] of lines.entries()) {
    const seq = base + i;
    if (line.entry === null || typeof line.entry !== 'object') {
      firstBad = { seq, message: `Entry ${seq} does not open with this vault's key: it was changed, or was not written by Caravan.` };
      break;
    }
    const entry = line.entry as Partial<AuditEntry>;
    if (entry.seq !== line.seq || entry.hash !== line.hash) {
      firstBad = { seq, message: `Entry ${seq} on disk does not match its sealed copy: its seq or hash was changed.` };
      break;
    }
    entries.push(line.entry);
  }
  const verdict = await verify(entries, firstBad ? null : anchor, start);
  const problem = firstBad ?? (verdict.ok ? undefined : { seq: verdict.seq, message: verdict.message });
  const readable = problem ? entries.slice(0, problem.seq - base) : entries;
  const rows = (readable as AuditEntry[]).map((e) => ({
    seq: e.seq,
    at: e.at,
    kind: e.kind,
    ...(e.clientId ? { clientId: e.clientId } : {}),
    text: formatAuditReason(e, names),
  }));
  const last = rows.at(-1);
  return {
    ok: problem === undefined,
    count: lines.length,
    head: problem === undefined && last ? { seq: last.seq, hash: (readable.at(-1) as AuditEntry).hash } : null,
    ...(problem ? { problem } : {}),
    rows,
  };
}
