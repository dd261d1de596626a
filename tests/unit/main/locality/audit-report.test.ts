import { describe, expect, it } from 'vitest';
import { appendAfter, type AuditEntry } from '../../../../src-main/locality/audit-chain.ts';
import { auditReport } from '../../../../src-main/locality/audit-report.ts';

const CLIENT = '0b6f1c1e-7d5a-4c1b-9a3e-2f4d6b8a0c11';
const TARGET = '5a7c9e1f-3b5d-4f7a-8c9e-1a3b5c7d9e2f';

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

const opened = (entries: AuditEntry[]) => entries.map((e) => ({ seq: e.seq, hash: e.hash, entry: e as unknown }));
const names = { clients: { [CLIENT]: 'Acme' }, targets: { [TARGET]: 'London bucket' } };

describe('auditReport', () => {
  it('verifies an intact log and words each entry with the names given', async () => {
    const entries = await chain(3);
    const report = await auditReport(opened(entries), null, names);
    expect(report).toMatchObject({ ok: true, count: 3, head: { seq: 2, hash: entries[2]?.hash } });
    expect(report.rows.map((r) => r.text)).toEqual(
      Array(3).fill('Sync upload to London bucket for Acme blocked: AWS eu-west-2 in United Kingdom (GB) is outside the EEA.'),
    );
  });

  it('reports a box that did not open at its seq, and shows only the entries before it', async () => {
    const lines = opened(await chain(4));
    lines[2] = { ...lines[2]!, entry: null };
    const report = await auditReport(lines, null, names);
    expect(report.ok).toBe(false);
    expect(report.problem).toEqual({ seq: 2, message: expect.stringMatching(/does not open/) });
    expect(report.rows.map((r) => r.seq)).toEqual([0, 1]);
    expect(report.head).toBeNull();
  });

  it('reports a clear seq or hash that disagrees with the sealed entry', async () => {
    const lines = opened(await chain(3));
    lines[1] = { ...lines[1]!, hash: 'f'.repeat(64) };
    expect((await auditReport(lines, null, names)).problem?.seq).toBe(1);
  });

  it('reports two entries swapped', async () => {
    const lines = opened(await chain(3));
    [lines[0], lines[1]] = [lines[1]!, lines[0]!];
    const report = await auditReport(lines, null, names);
    expect(report.ok).toBe(false);
    expect(report.problem?.seq).toBe(0);
  });

  it('catches a removed tail with the anchor the device kept', async () => {
    const entries = await chain(5);
    const anchor = { seq: 4, hash: entries[4]!.hash };
    expect((await auditReport(opened(entries), anchor, names)).ok).toBe(true);
    const report = await auditReport(opened(entries.slice(0, 3)), anchor, names);
    expect(report.ok).toBe(false);
    expect(report.problem?.message).toMatch(/tail was removed/);
  });

  it('names a removed client or target by a short id, never leaving a blank', async () => {
    const report = await auditReport(opened(await chain(1)), null, { clients: {}, targets: {} });
    expect(report.rows[0]?.text).toBe('Sync upload to target 5a7c9e1f for client 0b6f1c1e blocked: AWS eu-west-2 in United Kingdom (GB) is outside the EEA.');
  });
});
