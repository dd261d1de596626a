/**
 * Migration of a real version 1 vault (tests/fixtures/vault-v1, made with the code before key
 * epochs) at unlock, and what a crash after each step leaves: a second unlock finishes it, with
 * the same epoch, and nothing is lost.
 */
import { Dexie } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defineVaultSchema } from '../../../../../src-renderer/vault/store/open-store.ts';
import { vaultDbName } from '../../../../../src-renderer/vault/session/workspace.ts';
import { fromBase64, toBase64 } from '../../../../../src-renderer/vault/crypto/encoding.ts';
import { parseHeader } from '../../../../../src-renderer/vault/crypto/header.ts';
import { unwrapClientKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { LEGACY_PARENT, rootSubkey } from '../../../../../src-renderer/vault/crypto/key-purposes.ts';
import { getSodium, type Sodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { getClient, listClients } from '../../../../../src-renderer/vault/repos/clients.ts';
import { MIGRATION_STEPS, type MigrationStep } from '../../../../../src-renderer/vault/session/migrate-v2.ts';
import { openEpochStore } from '../../../../../src-renderer/vault/store/epoch-store.ts';
import { unwrapDeviceSigningKey } from '../../../../../src-renderer/sync/segment/device-roster.ts';
import { loadOrCreateDevice } from '../../../../../src-renderer/sync/engine/device-identity.ts';
import { newDevice, sessionOf, type TestDevice } from '../../../support/epoch-helpers.ts';
import { deleteV1VaultDb, installV1Vault, v1Fixture as fx } from '../../../support/v1-fixture.ts';

let sodium: Sodium;
let d: TestDevice;
const root = fromBase64(fx.expected.vaultKey) as Uint8Array;

beforeAll(async () => {
  sodium = await getSodium();
});
beforeEach(async () => {
  await deleteV1VaultDb();
  d = newDevice();
  await installV1Vault(d.meta);
});
afterEach(async () => {
  d.close();
  await deleteV1VaultDb();
});

class Crash extends Error {}

async function storedEpochId(): Promise<string | undefined> {
  const sealed = await d.meta.epochStore(fx.vaultId);
  return sealed ? (await openEpochStore(root, fx.vaultId, sealed)).current.epoch.id : undefined;
}

describe('migrating a version 1 vault at unlock', () => {
  it('with the passphrase: R is the old vault key, epoch 1 follows legacy, rows and seed are rewrapped, the header is version 2', async () => {
    const session = sessionOf(await d.service.unlock(fx.passphrase));
    expect(toBase64(session.vaultKey)).toBe(fx.expected.vaultKey);
    expect(session.migration).toBeDefined();
    const ws = await d.open(session);
    const epoch = ws.keyRing.currentEpoch().epoch;
    expect(epoch).toMatchObject({ n: 1, parent: LEGACY_PARENT });

    const header = parseHeader((await d.meta.headerText()) ?? '');
    if (header.version !== 2) throw new Error('expected a version 2 header');
    expect(header.epoch).toEqual(epoch);
    expect(header.vaultId).toBe(fx.vaultId);
    // Recovery's R wrap is the version 1 one, carried over; no public key until the kit is typed.
    expect(toBase64(header.recovery.root)).toBe(JSON.parse(fx.headerText).wrappedByRecovery);
    expect(header.recovery.publicKey).toBeUndefined();

    // The client's data still reads, its row is under the epoch, the identity is unchanged.
    expect((await getClient(ws.ctx, fx.clientId)).name).toBe(fx.clientName);
    expect(ws.keyFailures).toEqual([]);
    expect((await ws.ctx.db.clientKeys.get(fx.clientId))?.epoch).toBe(epoch.id);
    expect(toBase64(ws.keyRing.identity().signPublicKey)).toBe(fx.expected.signPublicKey);
    expect(toBase64(ws.keyRing.segmentKey('sync') as Uint8Array)).toBe(fx.expected.syncSegments);

    // The device seed is under localWrap(R) now, not R; sync still loads the same device.
    const device = (await d.meta.syncDevice(fx.vaultId)) as { id: string; publicKey: string; wrappedSeed: string };
    const wrapped = fromBase64(device.wrappedSeed) as Uint8Array;
    await expect(unwrapDeviceSigningKey(root, fx.vaultId, device.id, wrapped)).rejects.toThrow();
    await unwrapDeviceSigningKey(rootSubkey(sodium, root, 'localWrap'), fx.vaultId, device.id, wrapped);
    const loaded = await loadOrCreateDevice(d.meta, fx.vaultId, ws.keyRing);
    expect(loaded.id).toBe(fx.syncDevice.id);
    expect(toBase64(loaded.publicKey)).toBe(fx.syncDevice.publicKey);

    // The next unlock is a plain version 2 unlock: same epoch, no migration.
    ws.close();
    const again = sessionOf(await d.service.unlock(fx.passphrase));
    expect(again.migration).toBeUndefined();
    expect(again.epoch?.epoch).toEqual(epoch);
    const ws2 = await d.open(again);
    expect((await listClients(ws2.ctx)).map((c) => c.name)).toEqual([fx.clientName]);
  });

  for (const step of MIGRATION_STEPS) {
    it(`a crash after "${step}" is finished by the next unlock, with the same epoch and nothing lost`, async () => {
      const crashAfter = async (at: MigrationStep) => {
        if (at === step) throw new Crash(`crash after ${at}`);
      };
      await expect(d.open(sessionOf(await d.service.unlock(fx.passphrase)), { afterMigrationStep: crashAfter })).rejects.toThrow(Crash);
      const firstEpoch = await storedEpochId();
      expect(firstEpoch).toMatch(/^[0-9a-f]{16}$/);
      // Before the header step, the version 1 header is still there and opens.
      const headerVersion = parseHeader((await d.meta.headerText()) ?? '').version;
      expect(headerVersion).toBe(step === 'header' ? 2 : 1);

      const ws = await d.open(sessionOf(await d.service.unlock(fx.passphrase)));
      expect(ws.keyRing.currentEpoch().epoch.id).toBe(firstEpoch);
      expect(await storedEpochId()).toBe(firstEpoch);
      expect((await getClient(ws.ctx, fx.clientId)).name).toBe(fx.clientName);
      expect((await ws.ctx.db.clientKeys.get(fx.clientId))?.epoch).toBe(firstEpoch);
      const header = parseHeader((await d.meta.headerText()) ?? '');
      expect(header.version === 2 && header.epoch.id).toBe(firstEpoch);
    });
  }

  it('a client key row the migration cannot open is left as it was and reported, the rest migrates', async () => {
    const session = sessionOf(await d.service.unlock(fx.passphrase));
    // Damage the stored wrap (as the old version left it) before the migration reads it.
    const raw = new Dexie(vaultDbName(fx.vaultId), { indexedDB, IDBKeyRange });
    defineVaultSchema(raw);
    await raw.open();
    const row = (await raw.table('clientKeys').get(fx.clientId)) as { wrapped: Uint8Array };
    const damaged = row.wrapped.slice();
    damaged[40] = (damaged[40] as number) ^ 1;
    await raw.table('clientKeys').put({ clientId: fx.clientId, wrapped: damaged });
    raw.close();
    const ws = await d.open(session);
    expect(ws.keyFailures.map((f) => f.clientId)).toEqual([fx.clientId]);
    expect((await ws.ctx.db.clientKeys.get(fx.clientId))?.wrapped).toEqual(damaged);
    expect(parseHeader((await d.meta.headerText()) ?? '').version).toBe(2);
  });

  it('with the recovery kit and a new passphrase: migrated, and the header gains recovery’s public key', async () => {
    const session = sessionOf(await d.service.resetWithRecovery(fx.recoveryKit, 'a fresh passphrase after migration'));
    const ws = await d.open(session);
    const header = parseHeader((await d.meta.headerText()) ?? '');
    if (header.version !== 2) throw new Error('expected a version 2 header');
    expect(header.recovery.publicKey).toHaveLength(32);
    expect(header.epoch).toEqual(ws.keyRing.currentEpoch().epoch);
    ws.close();
    expect(await d.service.unlock(fx.passphrase)).toMatchObject({ ok: false, code: 'wrong-passphrase' });
    expect(sessionOf(await d.service.unlock('a fresh passphrase after migration')).epoch?.epoch.n).toBe(1);
    // And the kit now opens E itself (sealed to its public key), not only R.
    expect(sessionOf(await d.service.resetWithRecovery(fx.recoveryKit, 'and another one')).epoch?.epoch.id).toBe(header.epoch.id);
  });

  it('"unlock on this device" cannot migrate (no passphrase): it says to unlock once with the passphrase, and changes nothing', async () => {
    const outcome = await d.service.unlockWithDevice({ read: async () => fx.expected.vaultKey });
    expect(outcome).toMatchObject({ ok: false, code: 'migration-needs-passphrase' });
    expect(!outcome.ok && outcome.message).toMatch(/passphrase/);
    expect(await d.meta.headerText()).toBe(fx.headerText);
  });

  it('typing the kit once on a migrated vault adds recovery’s public key; a wrong kit is refused', async () => {
    const ws = await d.open(sessionOf(await d.service.unlock(fx.passphrase)));
    const { addRecoveryKit, keyStatus } = await import('../../../../../src-renderer/vault/session/key-actions.ts');
    expect((await keyStatus(ws)).recoveryNeedsKit).toBe(true);
    const other = await newDevice().service.prepare('x y z w v');
    expect(await addRecoveryKit(ws, other.recoveryKit)).toMatchObject({ ok: false });
    expect(await addRecoveryKit(ws, fx.recoveryKit)).toEqual({ ok: true });
    expect((await keyStatus(ws)).recoveryNeedsKit).toBe(false);
    // A rotation afterwards is reachable by the kit without typing it again.
    await ws.keyRing.beginRotation(ws.ctx.db, fx.passphrase);
    await ws.keyRing.completeRotation(ws.ctx.db);
    const rotated = ws.keyRing.currentEpoch().epoch;
    ws.close();
    expect(sessionOf(await d.service.resetWithRecovery(fx.recoveryKit, 'new after rotation')).epoch?.epoch).toEqual(rotated);
  });

  it('the kit on a new device (its header from a target, before the kit was typed on the old one) opens the vault and starts the next epoch', async () => {
    // The only device migrated at a passphrase unlock and synced its header; then it was lost, and the passphrase forgotten.
    (await d.open(sessionOf(await d.service.unlock(fx.passphrase)))).close();
    const uploaded = (await d.meta.headerText()) ?? '';
    const synced = parseHeader(uploaded);
    if (synced.version !== 2) throw new Error('expected a version 2 header');
    expect(synced.recovery.publicKey).toBeUndefined();
    const fresh = newDevice();
    try {
      await fresh.meta.saveHeader(uploaded);
      const session = sessionOf(await fresh.service.resetWithRecovery(fx.recoveryKit, 'set on the new device'));
      expect(toBase64(session.vaultKey)).toBe(fx.expected.vaultKey);
      const ws = await fresh.open(session);
      // A new epoch (nothing on a target is under the lost one yet), sealed to the kit from now on.
      expect(ws.keyRing.currentEpoch().epoch).toMatchObject({ n: synced.epoch.n + 1, parent: synced.epoch.id });
      ws.close();
      const header = parseHeader((await fresh.meta.headerText()) ?? '');
      expect(header.version === 2 && header.recovery.publicKey).toHaveLength(32);
      expect(sessionOf(await fresh.service.unlock('set on the new device')).epoch?.epoch.parent).toBe(synced.epoch.id);
      expect(sessionOf(await fresh.service.resetWithRecovery(fx.recoveryKit, 'and again')).epoch?.epoch.parent).toBe(synced.epoch.id);
    } finally {
      fresh.close();
    }
  });

  it('the old version 1 wrap of the client key (as on targets) still opens with R', async () => {
    const rows = fx.tables.clientKeys as Array<{ clientId: string; wrapped: { $bytes: string } }>;
    const old = fromBase64(rows[0]?.wrapped.$bytes ?? '') as Uint8Array;
    const ws = await d.open(sessionOf(await d.service.unlock(fx.passphrase)));
    expect(await unwrapClientKey(ws.keyRing.vaultKeyForWrapping(), fx.vaultId, fx.clientId, old)).toEqual(ws.keyRing.clientKey(fx.clientId));
  });
});
