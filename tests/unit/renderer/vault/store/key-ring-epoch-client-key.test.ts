/**
 * `adoptEpochClientKey`: a client key arriving as `p/<client>/key/<epoch>.bin` opens only under
 * the clientWrap of an epoch this device holds in full (current, or previous while kept), bound to
 * this vault, this client and that epoch; a wrap under R (what a removed device could still make)
 * or of an epoch only in history is refused, and nothing is stored.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newClientKey, wrapClientKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { wrapClientKeyForEpoch } from '../../../../../src-renderer/sync/segment/client-key-wrap.ts';
import { createOpenVault, newDevice, PASS, type TestDevice } from '../../../support/epoch-helpers.ts';

const devices: TestDevice[] = [];
beforeAll(async () => {
  await getSodium();
});
afterEach(() => {
  for (const d of devices.splice(0)) d.close();
});

async function opened() {
  const d = newDevice();
  devices.push(d);
  const { workspace, vaultId } = await createOpenVault(d);
  return { d, workspace, vaultId, ring: workspace.keyRing, db: workspace.ctx.db };
}

const CLIENT = '1b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b';
const OTHER = '2b2c3d4e-5f60-4718-8a9b-0c1d2e3f4a5b';

describe('adopting a client key from an epoch wrap', () => {
  it('opens a wrap of the current epoch, keeps the key and stores its row under the current epoch', async () => {
    const { ring, db, vaultId } = await opened();
    const key = newClientKey();
    const epoch = ring.currentEpoch().epoch.id;
    const wrapped = await wrapClientKeyForEpoch(ring.currentEpoch().clientWrap, vaultId, CLIENT, epoch, key);
    expect(await ring.adoptEpochClientKey(db, CLIENT, epoch, wrapped)).toBe(true);
    expect(ring.clientKey(CLIENT)).toEqual(key);
    expect((await db.clientKeys.get(CLIENT))?.epoch).toBe(epoch);
    // The row opens again at the next load.
    expect(await ring.loadClientKeys(db)).toEqual([]);
    expect(ring.clientKey(CLIENT)).toEqual(key);
  });

  it('refuses a wrap moved to another client, epoch or vault, one under R, and one of an epoch it does not hold; nothing is stored', async () => {
    const { ring, db, vaultId } = await opened();
    const key = newClientKey();
    const epoch = ring.currentEpoch().epoch.id;
    const clientWrap = ring.currentEpoch().clientWrap;
    const forOther = await wrapClientKeyForEpoch(clientWrap, vaultId, OTHER, epoch, key);
    const otherEpoch = await wrapClientKeyForEpoch(clientWrap, vaultId, CLIENT, '00000000000000ff', key);
    const otherVault = await wrapClientKeyForEpoch(clientWrap, crypto.randomUUID(), CLIENT, epoch, key);
    const underRoot = await wrapClientKey(ring.rootKey(), vaultId, CLIENT, key);
    const flipped = await wrapClientKeyForEpoch(clientWrap, vaultId, CLIENT, epoch, key);
    flipped[40] = (flipped[40] as number) ^ 1;
    expect(await ring.adoptEpochClientKey(db, CLIENT, epoch, forOther)).toBe(false);
    expect(await ring.adoptEpochClientKey(db, CLIENT, '00000000000000ff', otherEpoch)).toBe(false);
    expect(await ring.adoptEpochClientKey(db, CLIENT, epoch, otherEpoch)).toBe(false);
    expect(await ring.adoptEpochClientKey(db, CLIENT, epoch, otherVault)).toBe(false);
    expect(await ring.adoptEpochClientKey(db, CLIENT, epoch, underRoot)).toBe(false);
    expect(await ring.adoptEpochClientKey(db, CLIENT, epoch, flipped)).toBe(false);
    expect(await ring.adoptEpochClientKey(db, CLIENT, epoch, flipped.subarray(0, 72))).toBe(false);
    expect(await ring.adoptEpochClientKey(db, CLIENT, 'legacy', underRoot)).toBe(false);
    expect(ring.clientKey(CLIENT)).toBeNull();
    expect(await db.clientKeys.get(CLIENT)).toBeUndefined();
  });

  it('after a rotation: the previous epoch opens while kept, an epoch only in history never does', async () => {
    const { ring, db, vaultId } = await opened();
    const key = newClientKey();
    const first = ring.currentEpoch().epoch.id;
    const oldWrap = await wrapClientKeyForEpoch(ring.currentEpoch().clientWrap, vaultId, CLIENT, first, key);
    const otherKey = newClientKey();
    const oldWrapOther = await wrapClientKeyForEpoch(ring.currentEpoch().clientWrap, vaultId, OTHER, first, otherKey);
    await ring.beginRotation(db, PASS);
    await ring.completeRotation(db);
    expect(ring.previousEpoch()?.epoch.id).toBe(first);
    expect(await ring.adoptEpochClientKey(db, CLIENT, first, oldWrap)).toBe(true);
    expect((await db.clientKeys.get(CLIENT))?.epoch).toBe(ring.currentEpoch().epoch.id);
    await ring.forgetPrevious();
    expect(ring.syncKeysFor(first)).not.toBeNull();
    expect(await ring.adoptEpochClientKey(db, OTHER, first, oldWrapOther)).toBe(false);
    expect(ring.clientKey(OTHER)).toBeNull();
  });

  it('keeps a key it already holds (a second wrap changes nothing), and is refused once locked', async () => {
    const { ring, db, vaultId } = await opened();
    const epoch = ring.currentEpoch().epoch.id;
    const mine = newClientKey();
    expect(await ring.adoptEpochClientKey(db, CLIENT, epoch, await wrapClientKeyForEpoch(ring.currentEpoch().clientWrap, vaultId, CLIENT, epoch, mine))).toBe(
      true,
    );
    const theirs = await wrapClientKeyForEpoch(ring.currentEpoch().clientWrap, vaultId, CLIENT, epoch, newClientKey());
    expect(await ring.adoptEpochClientKey(db, CLIENT, epoch, theirs)).toBe(true);
    expect(ring.clientKey(CLIENT)).toEqual(mine);
    ring.wipe();
    await expect(ring.adoptEpochClientKey(db, OTHER, epoch, theirs)).rejects.toThrow(/locked/);
  });
});
