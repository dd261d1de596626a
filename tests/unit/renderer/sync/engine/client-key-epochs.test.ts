/**
 * Client keys on a target with key epochs, as the person lives it (real vaults, key rings, rounds):
 * a device on an epoch publishes a client's key only as `p/<client>/key/<epoch>.bin` (under the
 * epoch's clientWrap), never as `key.bin` under R, which every device keeps, a removed one too.
 * So a client made after a device's removal opens for nobody outside the new epoch, a new device
 * gets every client key from the epoch wraps, and once an erased client's epoch is gone no live key
 * opens any copy of its key. The target keeps every version ever written (a provider's history).
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateDevice } from '../../../../../src-renderer/sync/engine/device-identity.ts';
import { PartitionStates } from '../../../../../src-renderer/sync/engine/partition-states.ts';
import { emptyProgress, type SyncProgress } from '../../../../../src-renderer/sync/engine/sync-progress.ts';
import { syncRound } from '../../../../../src-renderer/sync/engine/sync-round.ts';
import type { Remote } from '../../../../../src-renderer/sync/engine/remote.ts';
import type { RoundDeps, RoundResult } from '../../../../../src-renderer/sync/engine/round-types.ts';
import { decodeSegment } from '../../../../../src-renderer/sync/segment/segment-codec.ts';
import { parseClientKeyWrapObjectKey, parseSegmentObjectKey } from '../../../../../src-renderer/sync/segment/layout.ts';
import { unwrapClientKeyForEpoch, wrapClientKeyForEpoch } from '../../../../../src-renderer/sync/segment/client-key-wrap.ts';
import { newClientKey, unwrapClientKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import type { EpochKeys } from '../../../../../src-renderer/vault/crypto/key-purposes.ts';
import { createClient, eraseClient, getClient, updateClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import type { Workspace } from '../../../../../src-renderer/vault/session/workspace.ts';
import { clientInput } from '../../../support/store-helpers.ts';
import { createOpenVault, newDevice, PASS, sessionOf, type TestDevice } from '../../../support/epoch-helpers.ts';
import { versionedRemote, type VersionedRemote } from './epoch-world.ts';
import { device, memoryRemote } from './harness.ts';
import { generateKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { newEpoch } from '../../../../../src-renderer/vault/crypto/key-purposes.ts';

interface Member {
  device: TestDevice;
  ws: Workspace;
  vaultId: string;
  id: string;
  publicKey: Uint8Array;
  progress: SyncProgress;
  round(remote: Remote, extra?: Partial<RoundDeps>): Promise<RoundResult>;
}

const opened: TestDevice[] = [];
beforeAll(async () => {
  await getSodium();
});
afterEach(() => {
  for (const d of opened.splice(0)) d.close();
});

async function member(device: TestDevice, ws: Workspace, vaultId: string): Promise<Member> {
  opened.push(device);
  const identity = await loadOrCreateDevice(device.meta, vaultId, ws.keyRing);
  const states = new PartitionStates();
  const m: Member = {
    device,
    ws,
    vaultId,
    id: identity.id,
    publicKey: identity.publicKey,
    progress: emptyProgress(),
    round: (remote, extra = {}) =>
      syncRound({
        vaultId,
        db: ws.ctx.db,
        keyRing: ws.keyRing,
        clock: ws.ctx.clock,
        device: identity,
        remote,
        progress: m.progress,
        saveProgress: async () => undefined,
        states,
        now: Date.now,
        headerText: () => device.meta.headerText(),
        ...extra,
      }),
  };
  return m;
}

/**
 * A device that joins with the passphrase from `from`'s header (as from the target's vault.json),
 * with its own IndexedDB: the vault store is named by the vault id, so in one factory two devices
 * would share their client keys without sync.
 */
async function join(from: Member): Promise<Member> {
  const device = newDevice();
  await device.meta.saveHeader((await from.device.meta.headerText())!);
  const ws = await device.open(sessionOf(await device.service.unlock(PASS)), { indexedDB: new IDBFactory(), IDBKeyRange });
  return member(device, ws, from.vaultId);
}

async function vaultOf(n: number): Promise<Member[]> {
  const first = newDevice();
  const { workspace, vaultId } = await createOpenVault(first);
  const members = [await member(first, workspace, vaultId)];
  for (let i = 1; i < n; i++) members.push(await join(members[0]!));
  return members;
}

/** Every epoch whose clientWrap a ring holds: the current, and the previous while kept. */
function fullEpochs(m: Member): EpochKeys[] {
  const previous = m.ws.keyRing.previousEpoch();
  return [m.ws.keyRing.currentEpoch(), ...(previous ? [previous] : [])];
}

/** Whether any key `m` holds (R as a version 1 wrap, any full epoch's clientWrap) opens `bytes` as `clientId`'s key. */
async function opensClientKey(m: Member, clientId: string, bytes: Uint8Array, epochIds: readonly string[]): Promise<boolean> {
  const tries: Promise<unknown>[] = [unwrapClientKey(m.ws.keyRing.rootKey(), m.vaultId, clientId, bytes)];
  for (const keys of fullEpochs(m))
    for (const e of new Set([...epochIds, keys.epoch.id])) tries.push(unwrapClientKeyForEpoch(keys.clientWrap, m.vaultId, clientId, e, bytes));
  const outcomes = await Promise.allSettled(tries);
  return outcomes.some((o) => o.status === 'fulfilled');
}

const epochIdsOf = (remote: VersionedRemote, clientId: string) =>
  [...remote.versions.keys()].flatMap((k) => {
    const place = parseClientKeyWrapObjectKey(k);
    return place?.client === clientId ? [place.epoch] : [];
  });

describe('client keys with key epochs', () => {
  it('a client made after a device was removed: its keys open nothing of that client on the target, and its round gets no key', async () => {
    const [a, b, c] = await vaultOf(3);
    const remote = versionedRemote();
    for (const m of [a, b, c, a, b, c]) await m!.round(remote);
    await a!.round(remote, { removals: [c!.id] });
    await a!.ws.keyRing.beginRotation(a!.ws.ctx.db, PASS);
    await a!.round(remote, { removals: [c!.id] });
    await b!.round(remote);
    await c!.round(remote);

    const client = await createClient(a!.ws.ctx, clientInput({ name: 'Made after the removal' }));
    await updateClient(a!.ws.ctx, client.id, { name: 'Made after the removal, edited' });
    await a!.round(remote);
    await b!.round(remote);
    await b!.round(remote);
    expect((await getClient(b!.ws.ctx, client.id)).name).toBe('Made after the removal, edited');

    // The removed device syncs as it would: it does not get the key.
    const removedRound = await c!.round(remote);
    expect(removedRound.missingKeys).toContain(client.id);
    expect(c!.ws.keyRing.clientKey(client.id)).toBeNull();

    // Every version of every object ever on the target, tried as that client's key under R and under every epoch c holds.
    const all = [...remote.versions.entries()].flatMap(([key, versions]) => versions.map((bytes) => [key, bytes] as const));
    // Roster, epoch records, grants, inboxes, key wraps and segments (vault.json is uploaded only when it changed).
    expect(all.length).toBeGreaterThan(10);
    expect(all.some(([key]) => key === `p/${client.id}/key.bin`)).toBe(false);
    const epochIds = epochIdsOf(remote, client.id);
    expect(epochIds.length).toBeGreaterThan(0);
    for (const [key, bytes] of all) expect(await opensClientKey(c!, client.id, bytes, epochIds), key).toBe(false);
    // Nor its segments (the writer's public key given, so only the key lookup can stop it).
    const segments = all.filter(([key]) => parseSegmentObjectKey(key)?.partition === client.id);
    expect(segments.length).toBeGreaterThan(0);
    for (const [key, bytes] of segments) {
      const outcome = await decodeSegment(bytes, {
        vaultId: a!.vaultId,
        expected: parseSegmentObjectKey(key)!,
        keyFor: (id) => c!.ws.keyRing.segmentKey(id),
        publicKeyOf: (d) => [a!, b!].find((m) => m.id === d)?.publicKey ?? null,
      }).then(
        () => 'decoded',
        (error: unknown) => (error as { code?: string }).code,
      );
      expect(outcome, key).toBe('no-key');
    }
  });

  it('a new device joining a vault with epochs gets every client key from the epoch wraps', async () => {
    const [a, b] = await vaultOf(2);
    const remote = versionedRemote();
    const fromA = await createClient(a!.ws.ctx, clientInput({ name: 'Made on A' }));
    const fromB = await createClient(b!.ws.ctx, clientInput({ name: 'Made on B' }));
    for (const m of [a, b, a, b]) await m!.round(remote);
    const epoch = a!.ws.keyRing.currentEpoch().epoch.id;

    const d = await join(a!);
    expect(d.ws.keyRing.currentEpoch().epoch.id).toBe(epoch);
    expect(await d.ws.ctx.db.clientKeys.count()).toBe(0);
    await d.round(remote);
    expect((await d.round(remote)).missingKeys).toEqual([]);
    expect((await getClient(d.ws.ctx, fromA.id)).name).toBe('Made on A');
    expect((await getClient(d.ws.ctx, fromB.id)).name).toBe('Made on B');
    for (const c of [fromA, fromB]) {
      expect(remote.versions.has(`p/${c.id}/key.bin`)).toBe(false);
      expect((await d.ws.ctx.db.clientKeys.get(c.id))?.epoch).toBe(epoch);
      expect(d.ws.keyRing.clientKey(c.id)).toEqual(a!.ws.keyRing.clientKey(c.id));
    }
  });

  it("after a rotation, a new device gets the client keys from the new epoch's wraps", async () => {
    const [a, b] = await vaultOf(2);
    const remote = versionedRemote();
    const fromA = await createClient(a!.ws.ctx, clientInput({ name: 'Made on A' }));
    const fromB = await createClient(b!.ws.ctx, clientInput({ name: 'Made on B' }));
    for (const m of [a, b, a, b]) await m!.round(remote);
    const next = await a!.ws.keyRing.beginRotation(a!.ws.ctx.db, PASS);
    await a!.round(remote);
    await b!.round(remote);
    // Known gap, not this test's: roster entries stay MACed in the epoch they were written in, which
    // a device joining from a later header lacks; here both members publish theirs again.
    for (const m of [a!, b!]) {
      m.progress.rosterPublished = false;
      await m.round(remote);
    }
    expect(remote.objects.has(`p/${fromB.id}/key/${next.id}.bin`)).toBe(true);

    const d = await join(a!);
    expect(d.ws.keyRing.currentEpoch().epoch.id).toBe(next.id);
    await d.round(remote);
    const joined = await d.round(remote);
    expect(joined.missingKeys).toEqual([]);
    for (const c of [fromA, fromB]) {
      expect(remote.versions.has(`p/${c.id}/key.bin`)).toBe(false);
      expect((await d.ws.ctx.db.clientKeys.get(c.id))?.epoch).toBe(next.id);
      expect(d.ws.keyRing.clientKey(c.id)).toEqual(a!.ws.keyRing.clientKey(c.id));
    }
    // The clients' rows are not read here: a device joining from a later header does not learn the
    // earlier epochs' sync keys yet (another known gap), so the segments from before the rotation wait.
  });

  it('a device whose key differs from the one on the target does not carry its key into the epoch it rotates to', async () => {
    const [a, b] = await vaultOf(2);
    const remote = versionedRemote();
    await a!.round(remote);
    const client = await createClient(b!.ws.ctx, clientInput({ name: 'Made twice' }));
    // Another device's key for the same client is on the target first (as when b made its key before receiving the shared one).
    const current = b!.ws.keyRing.currentEpoch();
    await remote.put(
      `p/${client.id}/key/${current.epoch.id}.bin`,
      await wrapClientKeyForEpoch(current.clientWrap, b!.vaultId, client.id, current.epoch.id, newClientKey()),
    );
    expect((await b!.round(remote)).heldBack.map((h) => h.partition)).toEqual([client.id]);

    const next = await b!.ws.keyRing.beginRotation(b!.ws.ctx.db, PASS);
    const rotated = await b!.round(remote);
    expect(rotated.epoch).toBe(next.id);
    expect(rotated.heldBack.map((h) => h.partition)).toEqual([client.id]);
    await a!.round(remote);
    expect((await b!.round(remote)).heldBack.map((h) => h.partition)).toEqual([client.id]);
    expect(remote.versions.has(`p/${client.id}/key/${next.id}.bin`)).toBe(false);
    expect([...remote.versions.keys()].filter((k) => k.startsWith(`p/${client.id}/log/`))).toEqual([]);
  });

  it('a conflict seen in one epoch holds the client back in the next, even where the next has no wrap of it yet', async () => {
    const [a, b] = await vaultOf(2);
    const remote = versionedRemote();
    await a!.round(remote);
    await b!.round(remote);
    const client = await createClient(b!.ws.ctx, clientInput({ name: 'Made twice' }));
    const current = b!.ws.keyRing.currentEpoch();
    await remote.put(
      `p/${client.id}/key/${current.epoch.id}.bin`,
      await wrapClientKeyForEpoch(current.clientWrap, b!.vaultId, client.id, current.epoch.id, newClientKey()),
    );
    expect((await b!.round(remote)).heldBack.map((h) => h.partition)).toEqual([client.id]);
    // a rotates; b adopts the new epoch from its grant, and nobody has wrapped the client in it yet.
    const next = await a!.ws.keyRing.beginRotation(a!.ws.ctx.db, PASS);
    await a!.round(remote);
    const adopted = await b!.round(remote);
    expect(b!.ws.keyRing.currentEpoch().epoch.id).toBe(next.id);
    expect(adopted.heldBack.map((h) => h.partition)).toEqual([client.id]);
    expect(remote.versions.has(`p/${client.id}/key/${next.id}.bin`)).toBe(false);
    expect([...remote.versions.keys()].filter((k) => k.startsWith(`p/${client.id}/log/`))).toEqual([]);
  });

  it('an erased client: once every device is past its epoch, no live key opens any version of any of its key objects', async () => {
    const [a, b] = await vaultOf(2);
    const remote = versionedRemote();
    const client = await createClient(a!.ws.ctx, clientInput({ name: 'To be erased' }));
    for (const m of [a, b, a, b]) await m!.round(remote);
    expect(b!.ws.keyRing.clientKey(client.id)).not.toBeNull();
    const first = a!.ws.keyRing.currentEpoch().epoch.id;

    // As erase-client.ts does it: the erasure recorded, the key and rows gone, the partition deleted on the target, then a rotation.
    const erasures = [{ clientId: client.id, erasedAt: Date.now() }];
    await eraseClient(a!.ws.ctx, client.id);
    for (const key of [...remote.objects.keys()]) if (key.startsWith(`p/${client.id}/`)) await remote.delete(key);
    await a!.round(remote, { erasures });
    await a!.ws.keyRing.beginRotation(a!.ws.ctx.db, PASS);
    const onRemoteErasure = (m: Member) => async (id: string) => eraseClient(m.ws.ctx, id);
    for (let i = 0; i < 3; i++) {
      await a!.round(remote, { erasures });
      await b!.round(remote, { onRemoteErasure: onRemoteErasure(b!) });
    }
    for (const m of [a!, b!]) {
      expect(m.ws.keyRing.currentEpoch().epoch.id).not.toBe(first);
      expect(m.ws.keyRing.previousEpoch()).toBeNull();
      expect(m.ws.keyRing.clientKey(client.id)).toBeNull();
    }
    const objects = [...remote.versions.entries()].filter(([key]) => key.startsWith(`p/${client.id}/key`));
    expect(objects.map(([key]) => key)).toEqual([`p/${client.id}/key/${first}.bin`]);
    const epochIds = epochIdsOf(remote, client.id);
    for (const m of [a!, b!])
      for (const [key, versions] of objects) for (const bytes of versions) expect(await opensClientKey(m, client.id, bytes, epochIds), key).toBe(false);
  });
});

describe('client keys on epoch 0', () => {
  it('devices still on epoch 0 publish key.bin under R and adopt from it, as before', async () => {
    const vault = { vaultId: crypto.randomUUID(), vaultKey: generateKey() };
    const remote = memoryRemote();
    const a = await device(vault);
    const b = await device(vault);
    expect(a.workspace.keyRing.hasEpochs()).toBe(false);
    const client = await createClient(a.workspace.ctx, clientInput({ name: 'Old times' }));
    await a.round(remote);
    expect([...remote.objects.keys()].filter((k) => k.startsWith(`p/${client.id}/key`))).toEqual([`p/${client.id}/key.bin`]);
    await b.round(remote);
    await b.round(remote);
    expect((await getClient(b.workspace.ctx, client.id)).name).toBe('Old times');
    a.workspace.close();
    b.workspace.close();
  });

  it('a device on an epoch adopts from key.bin a client that a device still on epoch 0 made (no epoch wrap of it exists), then wraps it in its epoch', async () => {
    const vaultId = crypto.randomUUID();
    const vaultKey = generateKey();
    const epoch = newEpoch(null);
    const remote = memoryRemote();
    const old = await device({ vaultId, vaultKey });
    const current = await device({ vaultId, vaultKey, epoch });
    const client = await createClient(old.workspace.ctx, clientInput({ name: 'From the old device' }));
    await old.round(remote);
    await current.round(remote);
    await current.round(remote);
    expect((await getClient(current.workspace.ctx, client.id)).name).toBe('From the old device');
    expect(remote.objects.has(`p/${client.id}/key/${epoch.epoch.id}.bin`)).toBe(true);
    old.workspace.close();
    current.workspace.close();
  });
});
