/** Key hierarchy: one data key per client, wrapped by the vault key; destroying it shreds that client only. */
import { Dexie } from 'dexie';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { VaultKeyRing } from '../../../../../src-renderer/vault/store/key-ring.ts';
import { closeVaultStore, openVaultStore } from '../../../../../src-renderer/vault/store/open-store.ts';
import type { UnreadableRow } from '../../../../../src-renderer/vault/store/encryption-middleware.ts';
import { eraseClient, getClient, listClients } from '../../../../../src-renderer/vault/repos/clients.ts';
import { listProjects } from '../../../../../src-renderer/vault/repos/projects.ts';
import { createTimeBlocks, listTimeBlocks } from '../../../../../src-renderer/vault/repos/time-blocks.ts';
import { createExpense, listExpenses } from '../../../../../src-renderer/vault/repos/expenses.ts';
import { setSetting, getSetting } from '../../../../../src-renderer/vault/repos/settings.ts';
import { createPhase } from '../../../../../src-renderer/vault/repos/phases.ts';
import { readChanges } from '../../../../../src-renderer/vault/repos/change-log.ts';
import { idb, openTestVault, repoErrorCode, seedProject, T0, type TestVault } from '../../../support/store-helpers.ts';
import type { RepoError } from '../../../../../src-renderer/vault/repos/errors.ts';

let v: TestVault;
const vaultKey = generateKey();
beforeAll(async () => {
  await getSodium();
});
beforeEach(async () => {
  v = await openTestVault({ vaultKey: vaultKey.slice(), vaultId: 'vault-A' });
});
afterEach(async () => {
  await v.close();
});

const blocks = (projectId: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    projectId,
    start: T0 + i * 3_600_000,
    end: T0 + i * 3_600_000 + 1_800_000,
    zone: 'UTC',
    kind: 'deep' as const,
    billable: true,
  }));

/** Two clients with a project, a phase, blocks and an expense each, plus a workspace setting. */
async function twoClients() {
  const a = await seedProject(v.ctx, { name: 'Alpha' });
  const b = await seedProject(v.ctx, { name: 'Beta' });
  for (const { project } of [a, b]) {
    await createPhase(v.ctx, { projectId: project.id, name: 'Build', order: 0, budgetHours: 5 });
    await createTimeBlocks(v.ctx, blocks(project.id, 3));
    await createExpense(v.ctx, { projectId: project.id, date: '2025-06-01', amountMinor: 100, currency: 'EUR', category: 'fees' });
  }
  await setSetting(v.ctx, 'theme', 'dark');
  return { a, b };
}

describe('destroying a client data key', () => {
  it('makes exactly that client unreadable: rows, children and change log; others unaffected', async () => {
    const { a, b } = await twoClients();
    const before = { b: await listTimeBlocks(v.ctx, { projectId: b.project.id }), bChanges: await readChanges(v.db, `client:${b.client.id}`) };
    await v.keyRing.destroyClientKey(v.db, a.client.id);
    expect(await v.db.clientKeys.get(a.client.id)).toBeUndefined();
    v.unreadable.length = 0;

    expect(await listClients(v.ctx)).toEqual([b.client]);
    expect(await listProjects(v.ctx)).toEqual([b.project]);
    expect(await listTimeBlocks(v.ctx)).toEqual(before.b);
    expect(await listExpenses(v.ctx)).toHaveLength(1);
    expect(await readChanges(v.db, `client:${a.client.id}`)).toEqual([]);
    expect(await readChanges(v.db, `client:${b.client.id}`)).toEqual(before.bChanges);
    expect(await getSetting(v.ctx, 'theme')).toBe('dark');

    // Every unreadable row is one of A's, and the reason is the missing key.
    expect(v.unreadable.length).toBeGreaterThan(0);
    for (const report of v.unreadable) expect(report.error.code).toBe('record-key-missing');
    const aKeys = new Set<unknown>([a.client.id, a.project.id]);
    for (const table of ['phases', 'timeBlocks', 'expenses'] as const) {
      for (const key of await v.db[table].where('clientId').equals(a.client.id).primaryKeys()) aKeys.add(key);
    }
    for (const report of v.unreadable.filter((r) => r.table !== 'changes')) expect(aKeys.has(report.key), String(report.key)).toBe(true);

    const error = await getClient(v.ctx, a.client.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'unreadable', vaultCode: 'record-key-missing' });
    expect((error as RepoError).message).toMatch(/key for this data is gone/);
    // Nothing can be written under the destroyed key either.
    expect(await repoErrorCode(() => createTimeBlocks(v.ctx, blocks(a.project.id, 1)))).toBe('unreadable');
  });

  it('stays destroyed after the vault is locked and unlocked again', async () => {
    const { a, b } = await twoClients();
    await v.keyRing.destroyClientKey(v.db, a.client.id);
    closeVaultStore(v.db);

    const ring = await VaultKeyRing.create(vaultKey, 'vault-A');
    const reports: UnreadableRow[] = [];
    const db = await openVaultStore(v.name, ring, { ...idb, onUnreadable: (r) => reports.push(r) });
    try {
      expect(await ring.loadClientKeys(db)).toEqual([]);
      expect(ring.hasClientKey(a.client.id)).toBe(false);
      expect(ring.hasClientKey(b.client.id)).toBe(true);
      expect((await db.clients.toArray()).map((c) => c.id)).toEqual([b.client.id]);
      expect(reports).toMatchObject([{ table: 'clients', key: a.client.id, error: { code: 'record-key-missing' } }]);
    } finally {
      closeVaultStore(db);
      ring.wipe();
    }
  });

  it('eraseClient shreds the key, then deletes every row and change of the client, unreadable or not', async () => {
    const { a, b } = await twoClients();
    await eraseClient(v.ctx, a.client.id);
    for (const table of ['projects', 'phases', 'timeBlocks', 'expenses'] as const) {
      expect(await v.db[table].where('clientId').equals(a.client.id).count(), table).toBe(0);
      expect(await v.db[table].where('clientId').equals(b.client.id).count(), table).toBeGreaterThan(0);
    }
    expect(await v.db.clients.count()).toBe(1);
    expect(
      await v.db.changes
        .where('[partition+seq]')
        .between([`client:${a.client.id}`, Dexie.minKey], [`client:${a.client.id}`, Dexie.maxKey])
        .count(),
    ).toBe(0);
    expect(await v.db.clientKeys.count()).toBe(1);
    v.unreadable.length = 0;
    expect(await listClients(v.ctx)).toEqual([b.client]);
    expect(v.unreadable).toEqual([]);
  });
});

describe('client key storage', () => {
  it('stores only a 73-byte wrap, bound to the vault and the client', async () => {
    const { a, b } = await twoClients();
    const wrappedA = (await v.db.clientKeys.get(a.client.id))!.wrapped;
    expect(wrappedA).toHaveLength(73);
    // The wrap of A copied to B's slot does not open as B's key.
    await v.db.clientKeys.put({ clientId: b.client.id, wrapped: wrappedA });
    const ring = await VaultKeyRing.create(vaultKey, 'vault-A');
    try {
      const failures = await ring.loadClientKeys(v.db);
      expect(failures).toMatchObject([{ clientId: b.client.id, error: { code: 'key-unwrap-failed' } }]);
      expect(ring.hasClientKey(a.client.id)).toBe(true);
    } finally {
      ring.wipe();
    }
    // The same keys under another vault id do not open at all.
    const other = await VaultKeyRing.create(vaultKey, 'vault-B');
    try {
      expect((await other.loadClientKeys(v.db)).map((f) => f.error.code)).toEqual(['key-unwrap-failed', 'key-unwrap-failed']);
    } finally {
      other.wipe();
    }
  });

  it('after wipe (lock) nothing opens and nothing is written', async () => {
    const { a } = await twoClients();
    v.keyRing.wipe();
    v.unreadable.length = 0;
    expect(await v.db.clients.toArray()).toEqual([]);
    expect(v.unreadable.every((r) => r.error.code === 'record-key-missing')).toBe(true);
    expect(await repoErrorCode(() => setSetting(v.ctx, 'theme', 'light'))).toBe('unreadable');
    expect(() => v.keyRing.keyFor(`client:${a.client.id}`)).toThrow(/gone/);
  });
});
