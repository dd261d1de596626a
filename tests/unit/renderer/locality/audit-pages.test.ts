/**
 * A long audit log verified in pages (the renderer's audit-pages.ts) against main's real
 * verification (audit-report.ts), each page through the contract's argument schema: the same
 * verdict and rows as one call, breaks and a removed tail found on whichever page they fall,
 * and a log past one call's line cap still read.
 */
import { describe, expect, it } from 'vitest';
import { appendAfter, type AuditEntry } from '../../../../src-main/locality/audit-chain.ts';
import { auditReport } from '../../../../src-main/locality/audit-report.ts';
import { invokeContract } from '../../../../src-preload/contract/channels.ts';
import { MAX_AUDIT_LINES } from '../../../../src-preload/contract/locality.ts';
import type { AuditAnchor, OpenedAuditLine } from '../../../../src-preload/contract/audit.ts';
import { verifyInPages, type VerifyPage } from '../../../../src-renderer/locality/audit-pages.ts';

const CLIENT = '0b6f1c1e-7d5a-4c1b-9a3e-2f4d6b8a0c11';
const TARGET = '5a7c9e1f-3b5d-4f7a-8c9e-1a3b5c7d9e2f';
const names = { clients: { [CLIENT]: 'Acme' }, targets: { [TARGET]: 'London bucket' } };

async function chain(n: number): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    const last = entries.at(-1);
    const result = await appendAfter(last ? { seq: last.seq, hash: last.hash } : null, {
      at: 1_700_000_000_000 + i,
      kind: 'egress-denied',
      clientId: CLIENT,
      targetId: TARGET,
      partition: CLIENT,
      reason: {
        code: 'outside-policy',
        params: { operation: 'sync-upload', policy: 'zone:EEA', provider: 'aws', code: 'eu-west-2', country: 'GB', guarantee: 'region' },
      },
    });
    if (!result.ok) throw new Error(result.message);
    entries.push(result.entry);
  }
  return entries;
}

const opened = (entries: AuditEntry[]): OpenedAuditLine[] => entries.map((e) => ({ seq: e.seq, hash: e.hash, entry: e as unknown }));

/** Main's handler for one page, its arguments validated as dispatch does. */
const pages: number[] = [];
const mainVerify: VerifyPage = async (lines, anchor, pageNames, start) => {
  const [l, a, n, s] = invokeContract['locality:verifyAudit'].args.parse([lines, anchor, pageNames, start]);
  pages.push(l.length);
  return auditReport(l, a, n, s ?? null);
};

async function both(lines: OpenedAuditLine[], anchor: AuditAnchor | null) {
  pages.length = 0;
  const paged = await verifyInPages(lines, anchor, names, mainVerify, 4);
  const whole = await auditReport(lines, anchor, names);
  return { paged, whole, pages: [...pages] };
}

describe('verifying the audit log in pages', () => {
  it('gives the verdict, head and rows of one call, whatever page the anchor is on', async () => {
    const entries = await chain(10);
    for (const at of [null, 1, 5, 9]) {
      const anchor = at === null ? null : { seq: at, hash: entries[at]!.hash };
      const { paged, whole, pages: sent } = await both(opened(entries), anchor);
      expect(sent).toEqual([4, 4, 2]);
      expect(paged).toEqual(whole);
      expect(paged).toMatchObject({ ok: true, count: 10, head: { seq: 9, hash: entries[9]!.hash } });
    }
  });

  it('finds a changed entry on a later page at its seq, and keeps the rows before it', async () => {
    const lines = opened(await chain(10));
    lines[6] = { ...lines[6]!, entry: { ...(lines[6]!.entry as AuditEntry), at: 1 } };
    const { paged, whole } = await both(lines, null);
    expect(paged.problem).toEqual({ seq: 6, message: 'Entry 6 was changed after it was written.' });
    expect(paged.rows.map((r) => r.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(paged).toMatchObject({ ok: false, head: null, problem: whole.problem, rows: whole.rows });
  });

  it('finds a removed entry across a page boundary, a removed tail, and an anchor that was rewritten', async () => {
    const entries = await chain(10);
    const gap = opened(entries.filter((e) => e.seq !== 4));
    expect((await both(gap, null)).paged.problem?.seq).toBe(4);
    const tail = await both(opened(entries.slice(0, 7)), { seq: 9, hash: entries[9]!.hash });
    expect(tail.paged.problem).toEqual({ seq: 7, message: 'The log ends at 7 entries, but entry 9 was written; the tail was removed.' });
    expect(tail.paged.problem).toEqual(tail.whole.problem);
    const rewritten = await both(opened(entries), { seq: 5, hash: 'a'.repeat(64) });
    expect(rewritten.paged.problem).toEqual({ seq: 5, message: 'Entry 5 is not the one that was written: the log was rewritten.' });
  });

  it('reads a log past one call’s line cap, which one call would refuse', async () => {
    // Generated cheaply: one entry object for every line; main's side is a stub that checks the
    // contract and answers as a clean page does, so only the paging is measured here.
    const entry = { seq: 0, hash: 'b'.repeat(64) };
    const lines: OpenedAuditLine[] = Array.from({ length: 2 * MAX_AUDIT_LINES + 1 }, (_, seq) => ({ seq, hash: 'b'.repeat(64), entry }));
    expect(invokeContract['locality:verifyAudit'].args.safeParse([lines, null, names]).success).toBe(false);
    const starts: (number | null)[] = [];
    const stub: VerifyPage = async (page, anchor, pageNames, start) => {
      const [l] = invokeContract['locality:verifyAudit'].args.parse([page, anchor, pageNames, start]);
      starts.push(start?.seq ?? null);
      const last = l.at(-1)!;
      return { ok: true, count: l.length, head: { seq: last.seq, hash: last.hash }, rows: [] };
    };
    const report = await verifyInPages(lines, { seq: 2 * MAX_AUDIT_LINES, hash: 'b'.repeat(64) }, names, stub);
    expect(starts).toEqual([null, MAX_AUDIT_LINES - 1, 2 * MAX_AUDIT_LINES - 1]);
    expect(report).toMatchObject({ ok: true, count: 2 * MAX_AUDIT_LINES + 1, head: { seq: 2 * MAX_AUDIT_LINES } });
  });
});
