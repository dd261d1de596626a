/** The key ring's epochs (docs/key-epochs.md, the seam with sync): key ids, rotation, adoption, and what a crash leaves. */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseHeader } from '../../../../../src-renderer/vault/crypto/header.ts';
import { generateKey, unwrapClientKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { clientSegmentKey, LEGACY_EPOCH, legacySyncKeys, newEpoch } from '../../../../../src-renderer/vault/crypto/key-purposes.ts';
import { getSodium, type Sodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { toBase64 } from '../../../../../src-renderer/vault/crypto/encoding.ts';
import { createClient, getClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { clientInput } from '../../../support/store-helpers.ts';
import { createOpenVault, fastOps, newDevice, PASS, sessionOf, type TestDevice } from '../../../support/epoch-helpers.ts';
import type { OpenedKeys } from '../../../../../src-renderer/vault/crypto/vault-keys.ts';
import type { VaultKeyOps } from '../../../../../src-renderer/vault/session/key-ops.ts';
import { VaultService } from '../../../../../src-renderer/vault/session/vault-service.ts';
import { finishPendingRotation } from '../../../../../src-renderer/vault/session/key-actions.ts';
import { vaultErrorCode } from '../../../support/vault-helpers.ts';

let sodium: Sodium;
const devices: TestDevice[] = [];
beforeAll(async () => {
  sodium = await getSodium();
});
afterEach(() => {
  for (const d of devices.splice(0)) d.close();
});
function device(): TestDevice {
  const d = newDevice();
  devices.push(d);
  return d;
}

describe('a new vault', () => {
  it('starts at generation 1 with no parent, the header carrying the same epoch', async () => {
    const d = device();
    const { workspace } = await createOpenVault(d);
    const current = workspace.keyRing.currentEpoch();
    expect(current.epoch).toMatchObject({ n: 1, parent: '' });
    expect(current.epoch.id).toMatch(/^[0-9a-f]{16}$/);
    const header = parseHeader((await d.meta.headerText()) ?? '');
    expect(header.version).toBe(2);
    expect(header.version === 2 && header.epoch).toEqual(current.epoch);
    expect(header.version === 2 && header.recovery.publicKey).toBeInstanceOf(Uint8Array);
  });

  it('answers every key-id shape, and nothing for a malformed or unknown one', async () => {
    const d = device();
    const { workspace } = await createOpenVault(d);
    const ring = workspace.keyRing;
    const client = await createClient(workspace.ctx, clientInput());
    const id = ring.currentEpoch().epoch.id;
    const legacy = legacySyncKeys(sodium, ring.rootKey());
    const k = ring.clientKey(client.id);
    expect(k).toHaveLength(32);
    expect(ring.segmentKey('sync')).toEqual(legacy.segments);
    expect(ring.syncKeysFor('legacy')).toEqual(legacy);
    expect(ring.segmentKey(`sync@${id}`)).toEqual(ring.currentEpoch().segments);
    expect(ring.segmentKey(`client:${client.id}`)).toEqual(k);
    const expected = clientSegmentKey(sodium, ring.currentEpoch(), k as Uint8Array, client.id);
    expect(ring.segmentKey(`client:${client.id}@${id}`)).toEqual(expected);
    // Bound to both: not the client key, not the epoch's own segments key, not another client's.
    expect(expected).not.toEqual(k);
    expect(expected).not.toEqual(ring.currentEpoch().clientSegments);
    for (const bad of ['sync@', 'sync@legacy', 'sync@0000000000000000', `client:${client.id}@`, 'client:@' + id, 'client:', 'records', `client:nobody@${id}`]) {
      expect(ring.segmentKey(bad), bad).toBeNull();
    }
    expect(ring.syncKeysFor('0000000000000000')).toBeNull();
  });

  it('stores client keys under the epoch, and still publishes a version 1 wrap under R', async () => {
    const d = device();
    const { workspace } = await createOpenVault(d);
    const ring = workspace.keyRing;
    const client = await createClient(workspace.ctx, clientInput());
    const row = await workspace.ctx.db.clientKeys.get(client.id);
    expect(row?.epoch).toBe(ring.currentEpoch().epoch.id);
    // The row is not a version 1 wrap: R alone does not open it.
    await expect(unwrapClientKey(ring.rootKey(), ring.vaultId, client.id, row?.wrapped as Uint8Array)).rejects.toThrow();
    const legacy = await ring.legacyClientWrap(client.id);
    expect(await unwrapClientKey(ring.vaultKeyForWrapping(), ring.vaultId, client.id, legacy as Uint8Array)).toEqual(ring.clientKey(client.id));
    expect(await ring.legacyClientWrap('nobody')).toBeNull();
  });
});

describe('rotation', () => {
  it('refuses a wrong passphrase and leaves nothing pending', async () => {
    const d = device();
    const { workspace } = await createOpenVault(d);
    expect(await vaultErrorCode(() => workspace.keyRing.beginRotation(workspace.ctx.db, 'not it'))).toBe('wrong-passphrase');
    expect(workspace.keyRing.pendingRotation()).toBeNull();
  });

  it('stores the new epoch as pending first, then makes it current; data, passphrase and kit still open everything', async () => {
    const d = device();
    const { workspace, recoveryKit, vaultId } = await createOpenVault(d);
    const ring = workspace.keyRing;
    const client = await createClient(workspace.ctx, clientInput({ name: 'Before rotation' }));
    const first = { ...ring.currentEpoch().epoch };
    const firstClientWrap = ring.currentEpoch().clientWrap.slice();
    const headerBefore = await d.meta.headerText();

    const next = await ring.beginRotation(workspace.ctx.db, PASS);
    expect(next).toMatchObject({ n: 2, parent: first.id });
    expect(ring.pendingRotation()?.epoch).toEqual(next);
    expect(ring.currentEpoch().epoch).toEqual(first);
    expect(await d.meta.headerText()).toBe(headerBefore);

    await ring.completeRotation(workspace.ctx.db);
    expect(ring.pendingRotation()).toBeNull();
    expect(ring.currentEpoch().epoch).toEqual(next);
    const header = parseHeader((await d.meta.headerText()) ?? '');
    expect(header.version === 2 && header.epoch).toEqual(next);
    expect((await workspace.ctx.db.clientKeys.get(client.id))?.epoch).toBe(next.id);
    // History keeps the old sync keys (to read old segments), never its wrapping keys.
    const old = ring.syncKeysFor(first.id);
    expect(old && Object.keys(old).sort()).toEqual(['clientSegments', 'epoch', 'roster', 'segments']);
    expect(ring.segmentKey(`client:${client.id}@${first.id}`)).not.toBeNull();
    await ring.forgetPrevious();
    expect(ring.syncKeysFor(first.id)?.segments).toHaveLength(32);
    expect(firstClientWrap).not.toEqual(ring.currentEpoch().clientWrap);

    workspace.close();
    const again = await d.open(sessionOf(await d.service.unlock(PASS)));
    expect(again.keyRing.currentEpoch().epoch).toEqual(next);
    expect((await getClient(again.ctx, client.id)).name).toBe('Before rotation');
    expect(again.keyFailures).toEqual([]);
    again.close();
    // The kit opens the new epoch without having been typed at rotation (E is sealed to its public key).
    const reset = sessionOf(await d.service.resetWithRecovery(recoveryKit, 'a brand new passphrase'));
    expect(reset.epoch?.epoch).toEqual(next);
    expect(reset.vaultId).toBe(vaultId);
  });

  it('a passphrase change rotates: the old passphrase no longer opens the header, the new one opens the new epoch', async () => {
    const d = device();
    const { workspace } = await createOpenVault(d);
    const first = { ...workspace.keyRing.currentEpoch().epoch };
    await workspace.keyRing.beginRotation(workspace.ctx.db, PASS, { newPassphrase: 'the new one' });
    await workspace.keyRing.completeRotation(workspace.ctx.db);
    workspace.close();
    expect(await d.service.unlock(PASS)).toMatchObject({ ok: false, code: 'wrong-passphrase' });
    const session = sessionOf(await d.service.unlock('the new one'));
    expect(session.epoch?.epoch).toMatchObject({ n: 2, parent: first.id });
  });

  it('a crash after the header was written completes the rotation at the next unlock, without a third epoch', async () => {
    const d = device();
    const { workspace } = await createOpenVault(d);
    const ring = workspace.keyRing;
    const next = await ring.beginRotation(workspace.ctx.db, PASS);
    // What completeRotation does first, then "crash": the header is new, the store still has it pending.
    await d.meta.saveHeader(ring.pendingRotation()?.headerText ?? '');
    workspace.close();
    const again = await d.open(sessionOf(await d.service.unlock(PASS)));
    expect(again.keyRing.currentEpoch().epoch).toEqual(next);
    expect(again.keyRing.pendingRotation()).toBeNull();
  });

  it('a crash before the header was written leaves the old epoch current and the rotation pending, reused by the next try', async () => {
    const d = device();
    const { workspace } = await createOpenVault(d);
    const first = { ...workspace.keyRing.currentEpoch().epoch };
    const next = await workspace.keyRing.beginRotation(workspace.ctx.db, PASS);
    workspace.close();
    const again = await d.open(sessionOf(await d.service.unlock(PASS)));
    expect(again.keyRing.currentEpoch().epoch).toEqual(first);
    expect(again.keyRing.pendingRotation()?.epoch).toEqual(next);
    expect(await again.keyRing.beginRotation(again.ctx.db, PASS)).toEqual(next);
  });
});

describe('a kit reset with a rotation pending', () => {
  it('wraps the pending rotation under the new passphrase, so finishing it does not bring back the forgotten one', async () => {
    const d = device();
    const { workspace, recoveryKit } = await createOpenVault(d);
    // A rotation stored as pending, then a crash before its header was written.
    const next = await workspace.keyRing.beginRotation(workspace.ctx.db, PASS);
    workspace.close();
    // The passphrase is forgotten: the kit sets a new one.
    const reset = await d.open(sessionOf(await d.service.resetWithRecovery(recoveryKit, 'the passphrase after the reset')));
    expect(reset.keyRing.pendingRotation()?.epoch).toEqual(next);
    expect(await finishPendingRotation(reset)).toMatchObject({ ok: true, generation: 2 });
    reset.close();
    expect(await d.service.unlock(PASS)).toMatchObject({ ok: false, code: 'wrong-passphrase' });
    expect(sessionOf(await d.service.unlock('the passphrase after the reset')).epoch?.epoch).toEqual(next);
    expect(sessionOf(await d.service.resetWithRecovery(recoveryKit, 'and the kit still')).epoch?.epoch).toEqual(next);
  });
  it('a reset refused after the kit opened (this device’s epoch store is damaged) wipes R and E before answering', async () => {
    const d = device();
    const { workspace, recoveryKit, vaultId } = await createOpenVault(d);
    workspace.close();
    await d.meta.setEpochStore(vaultId, new Uint8Array(40));
    let opened: OpenedKeys | null = null;
    const ops: VaultKeyOps = {
      ...fastOps,
      async resetWithRecovery(headerJson, kit, next) {
        const result = await fastOps.resetWithRecovery(headerJson, kit, next);
        opened = result.opened;
        return result;
      },
    };
    const outcome = await new VaultService(d.meta, ops).resetWithRecovery(recoveryKit, 'a new passphrase');
    expect(outcome).toMatchObject({ ok: false, code: 'key-unwrap-failed' });
    const keys = opened as OpenedKeys | null;
    expect(keys?.root.every((b) => b === 0)).toBe(true);
    expect(keys?.epoch?.key.every((b) => b === 0)).toBe(true);
  });
});

describe('a lock (idle, suspend) in the middle of a rotation', () => {
  it('writes nothing under the wiped keys: the next unlock opens the store and every client key', async () => {
    const d = device();
    const { workspace } = await createOpenVault(d);
    const client = await createClient(workspace.ctx, clientInput({ name: 'Through a lock' }));
    await workspace.keyRing.beginRotation(workspace.ctx.db, PASS);
    const save = d.meta.saveHeader.bind(d.meta);
    // The lid closes while the header is being written: the lock wipes every key of the ring.
    vi.spyOn(d.meta, 'saveHeader').mockImplementationOnce(async (text) => {
      await save(text);
      workspace.close();
    });
    await expect(workspace.keyRing.completeRotation(workspace.ctx.db)).rejects.toThrow();
    vi.restoreAllMocks();
    const again = await d.open(sessionOf(await d.service.unlock(PASS)));
    expect(again.keyFailures).toEqual([]);
    expect(again.keyRing.currentEpoch().epoch.n).toBe(2);
    expect((await getClient(again.ctx, client.id)).name).toBe('Through a lock');
  });
});

describe('a client-key rewrap that fails part way', () => {
  it('loses no client key when another rotation (or adoption) follows in the same session', async () => {
    const d = device();
    const { workspace } = await createOpenVault(d);
    const ring = workspace.keyRing;
    const db = workspace.ctx.db;
    const client = await createClient(workspace.ctx, clientInput({ name: 'Kept through two rotations' }));
    await ring.beginRotation(db, PASS);
    // The store moves, then writing the rewrapped row fails (a full disk): the row stays under the first epoch.
    const put = vi.spyOn(db.clientKeys, 'put').mockRejectedValueOnce(new Error('QuotaExceededError'));
    await expect(ring.completeRotation(db)).rejects.toThrow();
    put.mockRestore();
    // The person tries again; then sync adopts a newer epoch too.
    await ring.beginRotation(db, PASS);
    await ring.completeRotation(db);
    await ring.adoptEpoch(db, newEpoch(ring.currentEpoch().epoch));
    workspace.close();
    const again = await d.open(sessionOf(await d.service.unlock(PASS)));
    expect(again.keyFailures).toEqual([]);
    expect((await getClient(again.ctx, client.id)).name).toBe('Kept through two rotations');
  });
});

describe('adopting an epoch from another device', () => {
  it('makes a newer epoch current, rewraps the client keys, keeps the old one as previous; ignores an older one', async () => {
    const d = device();
    const { workspace } = await createOpenVault(d);
    const ring = workspace.keyRing;
    const client = await createClient(workspace.ctx, clientInput({ name: 'Adopted' }));
    const first = { ...ring.currentEpoch().epoch };
    const granted = newEpoch(first);
    await ring.adoptEpoch(workspace.ctx.db, granted);
    expect(ring.currentEpoch().epoch).toEqual(granted.epoch);
    expect(ring.currentEpoch().key).toEqual(granted.key);
    expect((await workspace.ctx.db.clientKeys.get(client.id))?.epoch).toBe(granted.epoch.id);
    expect(ring.syncKeysFor(first.id)).not.toBeNull();
    // An older (or equal-generation, higher-id) epoch never replaces the current one.
    await ring.adoptEpoch(workspace.ctx.db, { epoch: { id: 'ffffffffffffffff', n: 2, parent: first.id }, key: generateKey() });
    await ring.adoptEpoch(workspace.ctx.db, { epoch: { id: '0000000000000001', n: 1, parent: '' }, key: generateKey() });
    expect(ring.currentEpoch().epoch).toEqual(granted.epoch);

    // The local header lags (no passphrase here); the next unlock opens the header's epoch and takes the store's newer one.
    workspace.close();
    const again = await d.open(sessionOf(await d.service.unlock(PASS)));
    expect(again.keyRing.currentEpoch().epoch).toEqual(granted.epoch);
    expect((await getClient(again.ctx, client.id)).name).toBe('Adopted');
  });
});

describe('unlock on this device', () => {
  it('accepts R only when rootCheck matches, and takes E from this device’s store', async () => {
    const d = device();
    const { workspace, vaultId } = await createOpenVault(d);
    const root = toBase64(workspace.keyRing.rootKey());
    const current = { ...workspace.keyRing.currentEpoch().epoch };
    workspace.close();
    const wrong = await d.service.unlockWithDevice({ read: async () => toBase64(generateKey()) });
    expect(wrong).toMatchObject({ ok: false, code: 'key-check-failed' });
    expect(!wrong.ok && wrong.message).toMatch(/unlock with your passphrase/i);
    const right = sessionOf(await d.service.unlockWithDevice({ read: async (id) => (id === vaultId ? root : null) }));
    const opened = await d.open(right);
    expect(opened.keyRing.currentEpoch().epoch).toEqual(current);
  });

  it('refuses when this device’s epoch store does not open (R alone cannot reach the current epoch)', async () => {
    const d = device();
    const { workspace, vaultId } = await createOpenVault(d);
    const root = toBase64(workspace.keyRing.rootKey());
    workspace.close();
    // A damaged store is refused, never replaced by a new epoch.
    await d.meta.setEpochStore(vaultId, new Uint8Array(0));
    const session = sessionOf(await d.service.unlockWithDevice({ read: async () => root }));
    expect(await vaultErrorCode(() => d.open(session))).toBe('key-unwrap-failed');
  });
});

it('legacy epoch constant is epoch 0', () => {
  expect(LEGACY_EPOCH).toEqual({ id: 'legacy', n: 0, parent: '' });
});
