/**
 * A client's key on the target is never overwritten by a different one: a device whose key for a
 * client differs from the one already there (it made a fresh key for a client it had not adopted
 * yet) must not replace it, or every other device's segments of that client become undecryptable
 * for newcomers. That partition is reported and its segments stay local; the rest of the round
 * goes on. The rule holds for each object a device writes: `key.bin` on epoch 0, and
 * `key/<epoch>.bin` of its current epoch on an epoch (where `key.bin` is no longer written).
 */
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { generateKey, newClientKey, unwrapClientKey, wrapClientKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { newEpoch } from '../../../../../src-renderer/vault/crypto/key-purposes.ts';
import { unwrapClientKeyForEpoch, wrapClientKeyForEpoch } from '../../../../../src-renderer/sync/segment/client-key-wrap.ts';
import { createClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { setSetting } from '../../../../../src-renderer/vault/repos/settings.ts';
import { clientInput } from '../../../support/store-helpers.ts';
import { device, memoryRemote, type Device } from './harness.ts';

beforeAll(async () => {
  await getSodium();
  await sodium.ready;
});

interface Case {
  name: string;
  vault: () => { vaultId: string; vaultKey: Uint8Array; epoch?: ReturnType<typeof newEpoch> };
  objectKey: (d: Device, clientId: string) => string;
  wrap: (d: Device, vaultId: string, clientId: string, key: Uint8Array) => Promise<Uint8Array>;
  open: (d: Device, vaultId: string, clientId: string, bytes: Uint8Array) => Promise<Uint8Array>;
  pushed: (d: Device, clientId: string) => boolean;
}

const epochOf = (d: Device) => d.workspace.keyRing.currentEpoch().epoch.id;

const cases: Case[] = [
  {
    name: 'key.bin on epoch 0',
    vault: () => ({ vaultId: crypto.randomUUID(), vaultKey: generateKey() }),
    objectKey: (_d, clientId) => `p/${clientId}/key.bin`,
    wrap: (d, vaultId, clientId, key) => wrapClientKey(d.workspace.keyRing.rootKey(), vaultId, clientId, key),
    open: (d, vaultId, clientId, bytes) => unwrapClientKey(d.workspace.keyRing.rootKey(), vaultId, clientId, bytes),
    pushed: (d, clientId) => d.progress.keysPushed[clientId] === true,
  },
  {
    name: 'key/<epoch>.bin on an epoch',
    vault: () => ({ vaultId: crypto.randomUUID(), vaultKey: generateKey(), epoch: newEpoch(null) }),
    objectKey: (d, clientId) => `p/${clientId}/key/${epochOf(d)}.bin`,
    wrap: (d, vaultId, clientId, key) => wrapClientKeyForEpoch(d.workspace.keyRing.currentEpoch().clientWrap, vaultId, clientId, epochOf(d), key),
    open: (d, vaultId, clientId, bytes) => unwrapClientKeyForEpoch(d.workspace.keyRing.currentEpoch().clientWrap, vaultId, clientId, epochOf(d), bytes),
    pushed: (d, clientId) => d.progress.epochKeysPushed?.[clientId] === epochOf(d),
  },
];

describe.each(cases)('a client key already on the target: $name', (c) => {
  it('is not overwritten by a different key: the partition is reported and its segments are not pushed', async () => {
    const vault = c.vault();
    const remote = memoryRemote();
    const a = await device(vault);
    const client = await createClient(a.workspace.ctx, clientInput({ name: 'Acme' }));
    await setSetting(a.workspace.ctx, 'theme', 'dark');
    // Another device already put its own, different key for this client.
    const objectKey = c.objectKey(a, client.id);
    const theirs = await c.wrap(a, vault.vaultId, client.id, newClientKey());
    remote.objects.set(objectKey, theirs);
    const result = await a.round(remote);
    expect(remote.objects.get(objectKey)).toEqual(theirs);
    expect([...remote.objects.keys()].filter((k) => k.startsWith(`p/${client.id}/log/`))).toEqual([]);
    expect(result.heldBack).toHaveLength(1);
    expect(result.heldBack[0]?.partition).toBe(client.id);
    expect(result.heldBack[0]?.reason).toMatch(/different key for client .* than your other devices/);
    expect(c.pushed(a, client.id)).toBe(false);
    // The workspace still syncs, and the next round does not overwrite it either.
    expect([...remote.objects.keys()].some((k) => k.startsWith('p/workspace/log/'))).toBe(true);
    expect((await a.round(remote)).heldBack.map((h) => h.partition)).toEqual([client.id]);
    expect(remote.objects.get(objectKey)).toEqual(theirs);
    a.workspace.close();
  });

  it('the same key already there (another device uploaded it, or a reinstall) is taken as pushed', async () => {
    const vault = c.vault();
    const remote = memoryRemote();
    const a = await device(vault);
    const client = await createClient(a.workspace.ctx, clientInput({ name: 'Acme' }));
    // The same key, wrapped again (another nonce): different bytes, same key.
    const rewrapped = await c.wrap(a, vault.vaultId, client.id, a.workspace.keyRing.clientKey(client.id) as Uint8Array);
    remote.objects.set(c.objectKey(a, client.id), rewrapped);
    const result = await a.round(remote);
    expect(result.heldBack).toEqual([]);
    expect(remote.objects.get(c.objectKey(a, client.id))).toEqual(rewrapped);
    expect([...remote.objects.keys()].filter((k) => k.startsWith(`p/${client.id}/log/`))).toHaveLength(1);
    expect(c.pushed(a, client.id)).toBe(true);
    a.workspace.close();
  });

  it("one that does not open (damaged, or put there without the key) is replaced by this device's", async () => {
    const vault = c.vault();
    const remote = memoryRemote();
    const a = await device(vault);
    const client = await createClient(a.workspace.ctx, clientInput({ name: 'Acme' }));
    const planted = await c.wrap(a, vault.vaultId, client.id, newClientKey());
    planted[30] = (planted[30] as number) ^ 1;
    remote.objects.set(c.objectKey(a, client.id), planted);
    const result = await a.round(remote);
    expect(result.heldBack).toEqual([]);
    const now = remote.objects.get(c.objectKey(a, client.id)) as Uint8Array;
    expect(await c.open(a, vault.vaultId, client.id, now)).toEqual(a.workspace.keyRing.clientKey(client.id));
    a.workspace.close();
  });
});
