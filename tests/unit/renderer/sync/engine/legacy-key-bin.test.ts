/**
 * Until sync learns key epochs (docs/key-epochs.md), a device whose key ring holds an epoch still
 * publishes `p/<client>/key.bin` as a version 1 wrap under R, which every device (of either
 * version) opens; its local row is under the epoch. A second device adopts the key from it.
 */
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { unwrapClientKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { createClient, getClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { clientInput } from '../../../support/store-helpers.ts';
import { device, memoryRemote, newVault } from './harness.ts';

beforeAll(async () => {
  await getSodium();
  await sodium.ready;
});

describe('key.bin with key epochs on this device', () => {
  it('is a version 1 wrap under R; the local row is under the epoch; another device adopts it and reads the client', async () => {
    const vault = newVault();
    const remote = memoryRemote();
    const a = await device(vault);
    expect(a.workspace.keyRing.currentEpoch().epoch).toEqual(vault.epoch.epoch);
    const client = await createClient(a.workspace.ctx, clientInput({ name: 'Epoch GmbH' }));
    await a.round(remote);
    const published = remote.objects.get(`p/${client.id}/key.bin`) as Uint8Array;
    expect(await unwrapClientKey(vault.vaultKey, vault.vaultId, client.id, published)).toEqual(a.workspace.keyRing.clientKey(client.id));
    const row = await a.workspace.ctx.db.clientKeys.get(client.id);
    expect(row?.epoch).toBe(vault.epoch.epoch.id);
    expect(row?.wrapped).not.toEqual(published);

    const b = await device(vault);
    await b.round(remote);
    await b.round(remote);
    expect((await getClient(b.workspace.ctx, client.id)).name).toBe('Epoch GmbH');
    expect((await b.workspace.ctx.db.clientKeys.get(client.id))?.epoch).toBe(vault.epoch.epoch.id);
    a.workspace.close();
    b.workspace.close();
  });
});
