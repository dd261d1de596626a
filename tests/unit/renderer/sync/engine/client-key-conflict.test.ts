/**
 * `p/<client>/key.bin` is never overwritten: a device whose key for a client differs from the one
 * already on the target (it made a fresh key for a client it had not adopted yet) must not replace
 * it, or every other device's segments of that client become undecryptable for newcomers. That
 * partition is reported and its segments stay local; the rest of the round goes on.
 */
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { newClientKey, wrapClientKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { createClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { setSetting } from '../../../../../src-renderer/vault/repos/settings.ts';
import { clientInput } from '../../../support/store-helpers.ts';
import { device, memoryRemote, newVault } from './harness.ts';

beforeAll(async () => {
  await getSodium();
  await sodium.ready;
});

describe('a client key already on the target', () => {
  it('is not overwritten by a different key: the partition is reported and its segments are not pushed', async () => {
    const vault = newVault();
    const remote = memoryRemote();
    const a = await device(vault);
    const client = await createClient(a.workspace.ctx, clientInput({ name: 'Acme' }));
    await setSetting(a.workspace.ctx, 'theme', 'dark');
    // Another device already put its own, different key for this client.
    const theirs = await wrapClientKey(vault.vaultKey, vault.vaultId, client.id, newClientKey());
    remote.objects.set(`p/${client.id}/key.bin`, theirs);
    const result = await a.round(remote);
    expect(remote.objects.get(`p/${client.id}/key.bin`)).toEqual(theirs);
    expect([...remote.objects.keys()].filter((k) => k.startsWith(`p/${client.id}/log/`))).toEqual([]);
    expect(result.heldBack).toHaveLength(1);
    expect(result.heldBack[0]?.partition).toBe(client.id);
    expect(result.heldBack[0]?.reason).toMatch(/different key for client .* than your other devices/);
    // The workspace still syncs, and the next round does not overwrite it either.
    expect([...remote.objects.keys()].some((k) => k.startsWith('p/workspace/log/'))).toBe(true);
    expect((await a.round(remote)).heldBack.map((h) => h.partition)).toEqual([client.id]);
    expect(remote.objects.get(`p/${client.id}/key.bin`)).toEqual(theirs);
    a.workspace.close();
  });

  it('the same key already there (another device uploaded it, or a reinstall) is taken as pushed', async () => {
    const vault = newVault();
    const remote = memoryRemote();
    const a = await device(vault);
    const client = await createClient(a.workspace.ctx, clientInput({ name: 'Acme' }));
    const ours = (await a.workspace.ctx.db.clientKeys.get(client.id))?.wrapped as Uint8Array;
    // The same key, wrapped again (another nonce): different bytes, same key.
    const rewrapped = await wrapClientKey(vault.vaultKey, vault.vaultId, client.id, a.workspace.keyRing.segmentKey(`client:${client.id}`) as Uint8Array);
    expect(rewrapped).not.toEqual(ours);
    remote.objects.set(`p/${client.id}/key.bin`, rewrapped);
    const result = await a.round(remote);
    expect(result.heldBack).toEqual([]);
    expect([...remote.objects.keys()].filter((k) => k.startsWith(`p/${client.id}/log/`))).toHaveLength(1);
    expect(a.progress.keysPushed[client.id]).toBe(true);
    a.workspace.close();
  });
});
