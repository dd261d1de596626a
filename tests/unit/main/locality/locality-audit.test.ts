/**
 * The locality audit recorder on its own, over a sink that keeps the drafts: what each entry
 * says (ids only, the reason's code and parameters), that a decision is written once per session
 * unless it changes or is forced, that a failed append is written again next time, and that
 * nothing is written while locked.
 */
import { describe, expect, it } from 'vitest';
import type { AuditDraft } from '../../../../src-main/locality/audit-chain.ts';
import type { CheckResult } from '../../../../src-main/locality/check.ts';
import { LocalityAudit, WORKSPACE_PARTITION, type AuditSink } from '../../../../src-main/locality/locality-audit.ts';

const NOW = Date.UTC(2026, 10, 15);
const VAULT = '5d0c8f3e-2b1a-4c9d-8e7f-6a5b4c3d2e1f';
const OTHER_VAULT = '6e1d9f4a-3c2b-4d0e-9f8a-7b6c5d4e3f2a';
const CLIENT = '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const TARGET = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

const ALLOWED: CheckResult = {
  allowed: true,
  code: 'within-policy',
  reason: 'Allowed.',
  audit: { code: 'within-policy', params: { operation: 'sync-upload' } },
};
const DENIED: CheckResult = {
  allowed: false,
  code: 'outside-policy',
  reason: 'Blocked.',
  audit: { code: 'outside-policy', params: { operation: 'sync-upload' } },
};

function recorder() {
  const drafts: AuditDraft[] = [];
  const sink: AuditSink & { refuse: boolean } = {
    refuse: false,
    append: async (draft) => {
      if (sink.refuse) throw new Error('audit log refused the entry');
      drafts.push(draft);
    },
  };
  const audit = new LocalityAudit(() => NOW);
  audit.open(VAULT, sink);
  return { audit, sink, drafts };
}

describe('LocalityAudit', () => {
  it('refuses to record while locked, and records nothing of a target removal then', async () => {
    const audit = new LocalityAudit(() => NOW);
    expect(audit.isOpen).toBe(false);
    await expect(audit.clientAction('client-erased', CLIENT)).rejects.toMatchObject({ code: 'refused' });
    await expect(audit.decision(CLIENT, TARGET, 'sync-upload', DENIED)).rejects.toMatchObject({ code: 'refused' });
    await expect(audit.targetRemoved(TARGET)).resolves.toBeUndefined();
  });

  it('writes a decision once per session unless it changes, and always when forced', async () => {
    const { audit, drafts } = recorder();
    await audit.decision(CLIENT, TARGET, 'sync-upload', ALLOWED);
    await audit.decision(CLIENT, TARGET, 'sync-upload', ALLOWED);
    await audit.decision(CLIENT, TARGET, 'sync-upload', DENIED);
    await audit.decision(CLIENT, TARGET, 'sync-upload', DENIED);
    await audit.decision(CLIENT, TARGET, 'sync-upload', DENIED, true);
    await audit.decision(CLIENT, TARGET, 'request', DENIED);
    expect(drafts.map((d) => d.kind)).toEqual(['egress-allowed', 'egress-denied', 'egress-denied', 'egress-denied']);
    expect(drafts[0]).toEqual({ at: NOW, kind: 'egress-allowed', reason: ALLOWED.audit, clientId: CLIENT, targetId: TARGET, partition: CLIENT });
  });

  it('names no client for the workspace partition', async () => {
    const { audit, drafts } = recorder();
    await audit.decision(WORKSPACE_PARTITION, TARGET, 'request', DENIED);
    await audit.objectDeleted(WORKSPACE_PARTITION, TARGET, 'snapshot');
    await audit.objectDeleted(CLIENT, TARGET, 'segment');
    expect(drafts.map((d) => d.clientId)).toEqual([undefined, undefined, CLIENT]);
    expect(drafts.map((d) => d.partition)).toEqual([WORKSPACE_PARTITION, WORKSPACE_PARTITION, CLIENT]);
    expect(drafts[2]?.reason).toEqual({ code: 'sync-delete', params: { objectKind: 'segment' } });
  });

  it('a decision whose append failed is written again the next time', async () => {
    const { audit, sink, drafts } = recorder();
    sink.refuse = true;
    await expect(audit.decision(CLIENT, TARGET, 'sync-upload', DENIED)).rejects.toThrow(/refused the entry/);
    sink.refuse = false;
    await audit.decision(CLIENT, TARGET, 'sync-upload', DENIED);
    expect(drafts.map((d) => d.kind)).toEqual(['egress-denied']);
  });

  it('remembers decisions across a re-open of the same vault, not across a lock or another vault', async () => {
    const { audit, sink, drafts } = recorder();
    await audit.decision(CLIENT, TARGET, 'sync-upload', DENIED);
    audit.open(VAULT, sink);
    await audit.decision(CLIENT, TARGET, 'sync-upload', DENIED);
    expect(drafts).toHaveLength(1);
    audit.open(OTHER_VAULT, sink);
    await audit.decision(CLIENT, TARGET, 'sync-upload', DENIED);
    expect(drafts).toHaveLength(2);
    audit.close();
    audit.open(OTHER_VAULT, sink);
    await audit.decision(CLIENT, TARGET, 'sync-upload', DENIED);
    expect(drafts).toHaveLength(3);
  });

  it('words travel steps with the country, and only the removed or restored client', async () => {
    const { audit, drafts } = recorder();
    await audit.travel('start', 'US', null);
    await audit.travel('removed', 'US', CLIENT);
    await audit.travel('restored', 'DE', CLIENT);
    await audit.travel('end', null, null);
    expect(drafts.map((d) => [d.kind, d.reason.code, d.reason.params, d.clientId])).toEqual([
      ['travel-start', 'user-action', { country: 'US' }, undefined],
      ['travel-removed', 'travel-excluded', { country: 'US' }, CLIENT],
      ['travel-restored', 'travel-allowed', { country: 'DE' }, CLIENT],
      ['travel-end', 'user-action', {}, undefined],
    ]);
  });

  it('records bundles, exports, GDPR actions, remote deletes, target removals and data updates with ids only', async () => {
    const { audit, drafts } = recorder();
    await audit.bundleExportRefused(CLIENT, DENIED);
    await audit.bundleExported(CLIENT, ALLOWED);
    await audit.bundleImportRefused(CLIENT, DENIED);
    await audit.bundleImported(CLIENT, ALLOWED);
    await audit.deviceOnlyExported(CLIENT, 'time-csv');
    await audit.clientAction('client-exported', CLIENT);
    await audit.clientAction('client-erased', CLIENT);
    await audit.remoteCopiesDeleted(CLIENT, TARGET);
    await audit.targetRemoved(TARGET);
    await audit.dataUpdated('regions', '2026-11-15');
    expect(drafts.map((d) => [d.kind, d.reason.code, d.clientId, d.targetId])).toEqual([
      ['bundle-export-refused', 'outside-policy', CLIENT, undefined],
      ['bundle-exported', 'within-policy', CLIENT, undefined],
      ['bundle-import-refused', 'outside-policy', CLIENT, undefined],
      ['bundle-imported', 'within-policy', CLIENT, undefined],
      ['device-only-exported', 'user-confirmed', CLIENT, undefined],
      ['client-exported', 'user-action', CLIENT, undefined],
      ['client-erased', 'user-action', CLIENT, undefined],
      ['remote-copies-deleted', 'user-action', CLIENT, TARGET],
      ['target-removed', 'user-action', undefined, TARGET],
      ['locality-data-updated', 'data-file-imported', undefined, undefined],
    ]);
    expect(drafts[4]?.reason.params).toEqual({ exportKind: 'time-csv' });
    expect(drafts[9]?.reason.params).toEqual({ dataKind: 'regions', asOf: '2026-11-15' });
    expect(drafts.every((d) => d.at === NOW)).toBe(true);
  });
});
