/** The presence ledger's store: trips and corrected days, encrypted in the workspace partition; a version 2 vault upgrades. */
import { Dexie } from 'dexie';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { createClock, encode, newNodeId, tick } from '../../../../../src-renderer/sync/hlc/hlc.ts';
import { encryptionMiddleware } from '../../../../../src-renderer/vault/store/encryption-middleware.ts';
import { VaultKeyRing } from '../../../../../src-renderer/vault/store/key-ring.ts';
import { closeVaultStore, openVaultStore } from '../../../../../src-renderer/vault/store/open-store.ts';
import { STORES_V1, STORES_V2, type VaultDb } from '../../../../../src-renderer/vault/store/schema.ts';
import type { RepoContext } from '../../../../../src-renderer/vault/repos/context.ts';
import { createClient, getClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { getSetting, setSetting } from '../../../../../src-renderer/vault/repos/settings.ts';
import { readChanges } from '../../../../../src-renderer/vault/repos/change-log.ts';
import { createDraft, listInvoices } from '../../../../../src-renderer/vault/repos/invoices.ts';
import { deleteTrip, getTrip, listTrips, writeTrips } from '../../../../../src-renderer/vault/repos/trips.ts';
import { listPresenceDays, putPresenceDays, removePresenceDay } from '../../../../../src-renderer/vault/repos/presence-days.ts';
import { clientInput, idb, openTestVault, repoErrorCode, type TestVault } from '../../../support/store-helpers.ts';
import { draftInput } from '../../../support/invoice-doc-fixtures.ts';

let v: TestVault;
beforeAll(async () => {
  await getSodium();
});
beforeEach(async () => {
  v = await openTestVault();
});
afterEach(async () => {
  await v.close();
});

const pass = () => undefined;

describe('trips', () => {
  it('round-trip, are logged in the workspace partition, and only the id is in clear', async () => {
    const [trip] = await writeTrips(v.ctx, [{ from: '2026-03-01', to: '2026-03-20', country: 'PT', note: 'Łódź Analytics workshop, Zürich' }], pass);
    expect(trip).toMatchObject({ from: '2026-03-01', to: '2026-03-20', country: 'PT' });
    expect(await getTrip(v.ctx, trip!.id)).toEqual(trip);
    expect(await listTrips(v.ctx)).toEqual([trip]);
    const [row] = await (await v.raw()).table('trips').toArray();
    expect(Object.keys(row as object).sort()).toEqual(['ct', 'id', 'v']);
    expect(JSON.stringify(row)).not.toContain('Łódź');
    const log = await readChanges(v.db, 'workspace');
    expect(log.some((e) => e.changes.some((c) => c.table === 'trips' && c.id === trip!.id))).toBe(true);
  });

  it('are edited field by field under their id, deleted with the trip returned, and restored under the same id', async () => {
    const [trip] = await writeTrips(v.ctx, [{ from: '2026-03-01', to: '2026-03-20', country: 'PT', note: '' }], pass);
    const before = (await readChanges(v.db, 'workspace')).length;
    const [edited] = await writeTrips(v.ctx, [{ ...trip!, to: '2026-03-22' }], pass);
    expect(edited).toMatchObject({ id: trip!.id, to: '2026-03-22', createdAt: trip!.createdAt });
    const entries = await readChanges(v.db, 'workspace');
    expect(entries).toHaveLength(before + 1);
    expect(
      entries
        .at(-1)!
        .changes.map((c) => (c.op === 'delete' ? 'delete' : c.field))
        .sort(),
      // Days and country are logged together (one device's trip wins whole in a merge); the note is not.
    ).toEqual(['country', 'from', 'to', 'updatedAt']);
    const deleted = await deleteTrip(v.ctx, trip!.id);
    expect(deleted).toEqual(edited);
    expect(await listTrips(v.ctx)).toEqual([]);
    const [restored] = await writeTrips(v.ctx, [deleted], pass);
    expect(restored!.id).toBe(trip!.id);
    expect((await listTrips(v.ctx)).map((t) => t.to)).toEqual(['2026-03-22']);
  });

  it('write nothing when the check refuses or one trip of the batch is invalid', async () => {
    await expect(
      writeTrips(v.ctx, [{ from: '2026-03-01', to: '2026-03-20', country: 'PT', note: '' }], () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const code = await repoErrorCode(() =>
      writeTrips(
        v.ctx,
        [
          { from: '2026-03-01', to: '2026-03-20', country: 'PT', note: '' },
          { from: '2026-04-01', to: '2026-03-20', country: 'ES', note: '' },
        ],
        pass,
      ),
    );
    expect(code).toBe('invalid-input');
    expect(await listTrips(v.ctx)).toEqual([]);
    expect(await readChanges(v.db, 'workspace')).toEqual([]);
  });
});

describe('presence days', () => {
  it('are keyed by their day, listed by range, changed per field, and cleared back', async () => {
    await putPresenceDays(v.ctx, [
      { day: '2026-03-01', stays: [{ country: 'PT' }], note: '' },
      { day: '2026-03-02', stays: [{ country: 'PT' }, { country: 'ES', midnight: true }], note: 'Αθήνα by night train' },
      { day: '2026-04-01', stays: [], note: 'transit' },
    ]);
    expect((await listPresenceDays(v.ctx, { from: '2026-03-01', to: '2026-03-31' })).map((d) => d.id)).toEqual(['2026-03-01', '2026-03-02']);
    const raw = await (await v.raw()).table('presenceDays').toArray();
    expect(raw.map((r) => Object.keys(r).sort())).toEqual([
      ['ct', 'id', 'v'],
      ['ct', 'id', 'v'],
      ['ct', 'id', 'v'],
    ]);
    expect(JSON.stringify(raw)).not.toMatch(/"PT"|"ES"|Αθήνα/u);

    const before = (await readChanges(v.db, 'workspace')).length;
    await putPresenceDays(v.ctx, [{ day: '2026-03-01', stays: [{ country: 'PT' }], note: 'checked' }]);
    const last = (await readChanges(v.db, 'workspace')).at(-1)!;
    expect((await readChanges(v.db, 'workspace')).length).toBe(before + 1);
    expect(last.changes.map((c) => (c.op === 'delete' ? 'delete' : c.field)).sort()).toEqual(['note', 'updatedAt']);

    const cleared = await removePresenceDay(v.ctx, '2026-03-02');
    expect(cleared.stays.map((s) => s.country)).toEqual(['PT', 'ES']);
    expect((await listPresenceDays(v.ctx)).map((d) => d.id)).toEqual(['2026-03-01', '2026-04-01']);
    // Set again after clearing: the tombstone is replaced.
    await putPresenceDays(v.ctx, [{ day: '2026-03-02', stays: [{ country: 'FR' }], note: '' }]);
    expect((await listPresenceDays(v.ctx, { from: '2026-03-02', to: '2026-03-02' }))[0]!.stays).toEqual([{ country: 'FR' }]);
  });

  it('refuse a day that is not a day, a country named twice, or two midnights; the batch writes nothing', async () => {
    for (const bad of [
      { day: '2026-02-30', stays: [{ country: 'PT' }], note: '' },
      { day: '2026-03-03', stays: [{ country: 'PT' }, { country: 'PT' }], note: '' },
      {
        day: '2026-03-03',
        stays: [
          { country: 'PT', midnight: true },
          { country: 'ES', midnight: true },
        ],
        note: '',
      },
    ]) {
      expect(await repoErrorCode(() => putPresenceDays(v.ctx, [{ day: '2026-03-01', stays: [{ country: 'PT' }], note: '' }, bad]))).toBe('invalid-input');
    }
    expect(await listPresenceDays(v.ctx)).toEqual([]);
  });
});

describe('a version 2 vault', () => {
  it('opens as version 3 with its data, and takes trips and presence days', async () => {
    const name = `vault-v2-${crypto.randomUUID()}`;
    const keyRing = await VaultKeyRing.create(generateKey(), 'vault-2');
    const old = new Dexie(name, idb);
    old.version(1).stores(STORES_V1);
    old.version(2).stores(STORES_V2);
    old.use(encryptionMiddleware(keyRing, () => undefined));
    await old.open();
    const clock = createClock(newNodeId(), () => Date.UTC(2026, 0, 1));
    let time = Date.UTC(2026, 0, 1);
    const ctxOf = (db: VaultDb): RepoContext => ({ db, keyRing, clock: { next: () => encode(tick(clock)) }, now: () => (time += 1_000) });
    const ctx2 = ctxOf(old as VaultDb);
    const client = await createClient(ctx2, clientInput({ name: 'Αθήνα Labs' }));
    await createDraft(ctx2, draftInput(client.id));
    await setSetting(ctx2, 'theme', 'dark');
    expect(old.verno).toBe(2);
    old.close();

    const db = await openVaultStore(name, keyRing, { ...idb, onUnreadable: () => undefined });
    try {
      expect(db.verno).toBe(3);
      await keyRing.loadClientKeys(db);
      const ctx = ctxOf(db);
      expect((await getClient(ctx, client.id)).name).toBe('Αθήνα Labs');
      expect(await listInvoices(ctx)).toHaveLength(1);
      expect(await getSetting(ctx, 'theme')).toBe('dark');
      await writeTrips(ctx, [{ from: '2026-01-02', to: '2026-01-09', country: 'GR', note: '' }], pass);
      await putPresenceDays(ctx, [{ day: '2026-01-10', stays: [{ country: 'CH' }], note: 'Zürich' }]);
      expect((await listTrips(ctx)).map((t) => t.country)).toEqual(['GR']);
      expect((await listPresenceDays(ctx)).map((d) => d.id)).toEqual(['2026-01-10']);
    } finally {
      closeVaultStore(db);
      await new Dexie(name, idb).delete();
    }
  });
});
