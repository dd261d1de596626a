/**
 * The epoch step of a round (engine/epochs.ts) on a memory target, with in-memory key rings that
 * follow docs/key-epochs.md: a rotation reaches every live device and no removed one; a crash after
 * every single write of a rotation leaves every device on the previous epoch and the next round
 * finishes it (the same epoch, never a fork); two rotations at once settle on one winner, with the
 * loser's epoch kept readable; a removal or an erasure the current epoch does not account for makes
 * the round say a rotation is needed; hostile objects on the target are refused, not adopted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeEpochGrant, encodeEpochGrant, openEpochGrant } from '../../../../../src-renderer/sync/segment/epoch-grant.ts';
import { inboxKeyPair } from '../../../../../src-renderer/sync/segment/inbox-entry.ts';
import { grantObjectKey, parseGrantObjectKey } from '../../../../../src-renderer/sync/segment/layout.ts';
import { generateKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { epochRound, epochWorld, failingAfter, rosterOf, VAULT, versionedRemote, type EpochDevice } from './epoch-world.ts';

beforeAll(async () => {
  await getSodium();
});

async function settle(devices: EpochDevice[], remote: ReturnType<typeof versionedRemote>, removed: Map<string, number>, rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) for (const d of devices) if (!removed.has(d.id)) await epochRound(d, remote, rosterOf(devices, removed));
}

const epochOf = (d: EpochDevice) => d.ring.currentEpoch().epoch.id;

describe('the epoch step', () => {
  it('publishes each device’s inbox and the first epoch’s record once, then writes nothing more', async () => {
    const { devices, removed } = await epochWorld(3);
    const remote = versionedRemote();
    await settle(devices, remote, removed);
    const keys = [...remote.objects.keys()].sort();
    expect(keys.filter((k) => k.startsWith('keys/')).length).toBe(1);
    expect(keys.filter((k) => k.includes('/inbox/')).length).toBe(3);
    const writes = [...remote.versions.values()].reduce((n, v) => n + v.length, 0);
    await settle(devices, remote, removed);
    expect([...remote.versions.values()].reduce((n, v) => n + v.length, 0)).toBe(writes);
    expect(devices.every((d) => d.last?.rotationNeeded === undefined)).toBe(true);
  });

  it('carries a rotation to every live device, which can then read the previous epoch through history', async () => {
    const { devices, removed } = await epochWorld(3);
    const remote = versionedRemote();
    await settle(devices, remote, removed, 1);
    const before = epochOf(devices[0]!);
    const next = devices[0]!.ring.beginRotation();
    await settle(devices, remote, removed, 2);
    expect(devices.map(epochOf)).toEqual([next.id, next.id, next.id]);
    expect(devices[1]!.last?.adopted ?? devices[1]!.ring.currentEpoch().epoch.id).toBe(next.id);
    for (const d of devices) {
      expect(d.ring.syncKeysFor(before)).not.toBeNull();
      // The previous epoch key is forgotten once the new inbox is out: history keeps sync keys only.
      expect(d.ring.previous).toBeNull();
    }
  });

  it('never grants to a removed device, and the removed device opens nothing of the new epoch', async () => {
    const { devices, removed } = await epochWorld(3);
    const remote = versionedRemote();
    await settle(devices, remote, removed, 1);
    const [a, , c] = devices as [EpochDevice, EpochDevice, EpochDevice];
    removed.set(c.id, 1);
    // Before the rotation: the current epoch was made before C's removal, so a rotation is needed.
    await epochRound(a, remote, rosterOf(devices, removed));
    expect(a.last?.rotationNeeded).toMatch(/removed .*still holds/);
    expect(a.last?.rotationNeeded).not.toMatch(/undefined|\$\./);
    const next = a.ring.beginRotation();
    await settle(devices, remote, removed, 2);
    // C keeps running rounds too: a removed device is not trusted to stop.
    await epochRound(c, remote, rosterOf(devices, removed));
    expect(epochOf(c)).not.toBe(next.id);
    expect(c.ring.syncKeysFor(next.id)).toBeNull();
    const grants = [...remote.versions.keys()].filter((k) => parseGrantObjectKey(k)?.epoch === next.id);
    expect(grants.length).toBeGreaterThan(0);
    for (const key of grants) {
      expect(parseGrantObjectKey(key)?.device).not.toBe(c.id);
      // C tries the inbox of every epoch it holds in full on every version of every grant.
      for (const bytes of remote.versions.get(key)!) {
        const grant = decodeEpochGrant(bytes, VAULT, key, (d) => rosterOf(devices, removed).publicKeyOf(d)?.publicKey ?? null);
        for (const held of c.ring.fullEpochs()) expect(() => openEpochGrant(grant, inboxKeyPair(held.inbox, c.id))).toThrow();
      }
    }
    expect(devices.filter((d) => d !== c).every((d) => epochOf(d) === next.id && d.last?.rotationNeeded === undefined)).toBe(true);
  });

  it('survives a crash after every write of a rotation: every device still syncs, and the next round finishes the same epoch', async () => {
    for (let crashAfter = 0; ; crashAfter++) {
      const { devices, removed } = await epochWorld(3, ['0b6f1c1e-7d5a-4c1b-9a3e-2f4d6b8a0c11']);
      const remote = versionedRemote();
      await settle(devices, remote, removed, 1);
      const before = epochOf(devices[0]!);
      const next = devices[0]!.ring.beginRotation();
      const crashed = await epochRound(devices[0]!, failingAfter(remote, crashAfter), rosterOf(devices, removed)).then(
        () => false,
        () => true,
      );
      // Every write of the round has had its crash.
      if (!crashed) {
        expect(crashAfter).toBeGreaterThan(5);
        break;
      }
      // The rotating device moves only once everything is out (the record, grants, the client key
      // wrap and vault.json are the first five writes; a crash after them hits the steps that follow).
      expect(epochOf(devices[0]!), `crash after ${crashAfter}`).toBe(crashAfter < 5 ? before : next.id);
      for (const d of devices.slice(1)) {
        // A device whose grant went out before the crash may adopt the new epoch (its store then
        // runs ahead of its header, which unlock handles); one whose grant did not stays.
        await epochRound(d, remote, rosterOf(devices, removed));
        expect([before, next.id], `crash after ${crashAfter}`).toContain(epochOf(d));
      }
      // The same pending epoch is resumed, never a second one.
      expect(devices[0]!.ring.pendingRotation()?.epoch.id ?? epochOf(devices[0]!)).toBe(next.id);
      await settle(devices, remote, removed, 2);
      expect(devices.map(epochOf), `crash after ${crashAfter}`).toEqual([next.id, next.id, next.id]);
    }
  });

  it('settles two rotations at once on one winner (highest n, then lowest id), keeping the other readable', async () => {
    const { devices, removed } = await epochWorld(3);
    const remote = versionedRemote();
    await settle(devices, remote, removed, 1);
    const x = devices[0]!.ring.beginRotation();
    const y = devices[1]!.ring.beginRotation();
    await settle(devices, remote, removed, 4);
    const winner = x.id < y.id ? x.id : y.id;
    const loser = x.id < y.id ? y.id : x.id;
    expect(devices.map(epochOf)).toEqual([winner, winner, winner]);
    for (const d of devices) expect(d.ring.syncKeysFor(loser), d.id).not.toBeNull();
  });

  it('asks for a rotation when the current epoch was made by a device that had not heard of an erasure', async () => {
    const acme = '0b6f1c1e-7d5a-4c1b-9a3e-2f4d6b8a0c11';
    const { devices, removed } = await epochWorld(2, [acme]);
    const remote = versionedRemote();
    await settle(devices, remote, removed, 1);
    const [a, b] = devices as [EpochDevice, EpochDevice];
    // B rotates without knowing A erased Acme (A's marker has not reached it).
    b.ring.beginRotation();
    await epochRound(b, remote, rosterOf(devices, removed));
    a.erased.add(acme);
    a.ring.clientKeys.delete(acme);
    await epochRound(a, remote, rosterOf(devices, removed));
    expect(epochOf(a)).toBe(epochOf(b));
    expect(a.last?.rotationNeeded).toMatch(/erased/);
    const next = a.ring.beginRotation();
    b.erased.add(acme);
    b.ring.clientKeys.delete(acme);
    await settle(devices, remote, removed, 2);
    expect(devices.map(epochOf)).toEqual([next.id, next.id]);
    expect(devices.every((d) => d.last?.rotationNeeded === undefined)).toBe(true);
    expect([...remote.objects.keys()].some((k) => k === `p/${acme}/key/${next.id}.bin`)).toBe(false);
  });

  it('refuses a grant of a key other than the epoch’s, even signed by a live member', async () => {
    const { devices, removed } = await epochWorld(2);
    const remote = versionedRemote();
    await settle(devices, remote, removed, 1);
    const [a, b] = devices as [EpochDevice, EpochDevice];
    const next = a.ring.beginRotation();
    await epochRound(a, remote, rosterOf(devices, removed));
    const key = grantObjectKey({ epoch: next.id, device: b.id, inbox: epochOf(b) });
    expect(remote.objects.has(key)).toBe(true);
    // A replaces its grant with one sealing random bytes: B must not adopt it.
    const pair = inboxKeyPair(b.ring.currentEpoch().inbox, b.id);
    remote.objects.set(
      key,
      encodeEpochGrant(
        { vaultId: VAULT, epoch: next.id, device: b.id, inbox: epochOf(b), by: a.id, at: 0 },
        generateKey(),
        pair.publicKey,
        a.identity.secretKey,
      ),
    );
    const before = epochOf(b);
    await epochRound(b, remote, rosterOf(devices, removed));
    expect(epochOf(b)).toBe(before);
    expect(b.last?.rejected.map((r) => r.code)).toContain('bad-key');
    // The genuine grant opens with B's inbox (sanity of the setup).
    const genuine = remote.versions.get(key)![0]!;
    expect(
      openEpochGrant(
        decodeEpochGrant(genuine, VAULT, key, (d) => rosterOf(devices, removed).publicKeyOf(d)),
        pair,
      ),
    ).toEqual(a.ring.currentEpoch().key);
  });
});
