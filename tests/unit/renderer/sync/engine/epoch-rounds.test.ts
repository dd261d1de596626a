/**
 * Key rotation through real sync rounds: devices of a version 2 vault (the app's unlock, meta store
 * and key ring with epochs), a memory target. A rotation reaches the other devices and everything
 * written after it is a version 4 segment under the new epoch's key ids; a removed device gets no
 * grant and reads nothing written after the rotation, and the round said a rotation was needed
 * until it happened; roster objects are MACed in the epoch they were written in.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateDevice } from '../../../../../src-renderer/sync/engine/device-identity.ts';
import { PartitionStates } from '../../../../../src-renderer/sync/engine/partition-states.ts';
import { emptyProgress, readProgress, type SyncProgress } from '../../../../../src-renderer/sync/engine/sync-progress.ts';
import { syncRound } from '../../../../../src-renderer/sync/engine/sync-round.ts';
import type { RoundDeps, RoundResult } from '../../../../../src-renderer/sync/engine/round-types.ts';
import { decodeSegment, peekSegmentHeader } from '../../../../../src-renderer/sync/segment/segment-codec.ts';
import {
  deviceEntryObjectKey,
  deviceRemovalObjectKey,
  grantObjectKey,
  inboxObjectKey,
  parseGrantObjectKey,
  parseSegmentObjectKey,
} from '../../../../../src-renderer/sync/segment/layout.ts';
import { encodeDeviceEntry, newDeviceIdentity } from '../../../../../src-renderer/sync/segment/device-roster.ts';
import { decodeEpochGrant, openEpochGrant } from '../../../../../src-renderer/sync/segment/epoch-grant.ts';
import { encodeInboxEntry, inboxKeyPair } from '../../../../../src-renderer/sync/segment/inbox-entry.ts';
import { deriveEpochKeys, epochCheck } from '../../../../../src-renderer/vault/crypto/key-purposes.ts';
import { readySodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { createClient, getClient, updateClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import type { Workspace } from '../../../../../src-renderer/vault/session/workspace.ts';
import { clientInput } from '../../../support/store-helpers.ts';
import { newDevice, PASS, sessionOf, type TestDevice, createOpenVault } from '../../../support/epoch-helpers.ts';
import { memoryRemote } from './harness.ts';

interface Member {
  device: TestDevice;
  ws: Workspace;
  vaultId: string;
  id: string;
  publicKey: Uint8Array;
  progress: SyncProgress;
  states: PartitionStates;
  round(remote: ReturnType<typeof memoryRemote>, extra?: Partial<RoundDeps>): Promise<RoundResult>;
}

const opened: TestDevice[] = [];
afterEach(() => {
  for (const d of opened.splice(0)) d.close();
});

async function member(device: TestDevice, ws: Workspace, vaultId: string): Promise<Member> {
  opened.push(device);
  const identity = await loadOrCreateDevice(device.meta, vaultId, ws.keyRing);
  const m: Member = {
    device,
    ws,
    vaultId,
    id: identity.id,
    publicKey: identity.publicKey,
    progress: emptyProgress(),
    states: new PartitionStates(),
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
        states: m.states,
        now: Date.now,
        headerText: () => device.meta.headerText(),
        ...extra,
      }),
  };
  return m;
}

/** A vault on one device, and `n - 1` more that joined with the passphrase from its header. */
async function vaultOf(n: number): Promise<Member[]> {
  const first = newDevice();
  const { workspace, vaultId } = await createOpenVault(first);
  const members = [await member(first, workspace, vaultId)];
  for (let i = 1; i < n; i++) {
    const device = newDevice();
    await device.meta.saveHeader((await first.meta.headerText())!);
    const ws = await device.open(sessionOf(await device.service.unlock(PASS)));
    members.push(await member(device, ws, vaultId));
  }
  return members;
}

const epochOf = (m: Member) => m.ws.keyRing.currentEpoch().epoch.id;

describe('key rotation through sync rounds', () => {
  it("a first round on a new target refuses nothing of this device's own: its roster entry is up before its epoch record is read", async () => {
    const [a, b] = await vaultOf(2);
    const remote = memoryRemote();
    await createClient(a!.ws.ctx, clientInput({ name: 'Acme' }));
    expect((await a!.round(remote)).rejected).toEqual([]);
    expect((await b!.round(remote)).rejected).toEqual([]);
    expect((await a!.round(remote)).rejected).toEqual([]);
  });

  it('carries a rotation to every device; later segments are version 4 under the new epoch, and both sides read them', async () => {
    const [a, b] = await vaultOf(2);
    const remote = memoryRemote();
    const client = await createClient(a!.ws.ctx, clientInput({ name: 'Acme' }));
    await a!.round(remote);
    await b!.round(remote);
    expect((await getClient(b!.ws.ctx, client.id)).name).toBe('Acme');
    const next = await a!.ws.keyRing.beginRotation(a!.ws.ctx.db, PASS);
    const rotated = await a!.round(remote);
    expect(rotated.epoch).toBe(next.id);
    expect(remote.objects.has(`keys/${next.id}.json`)).toBe(true);
    expect(remote.objects.has(`p/${client.id}/key/${next.id}.bin`)).toBe(true);
    await b!.round(remote);
    expect(epochOf(b!)).toBe(next.id);
    await updateClient(a!.ws.ctx, client.id, { name: 'Acme (after rotation)' });
    await a!.round(remote);
    const latest = [...remote.objects.keys()]
      .filter((k) => parseSegmentObjectKey(k)?.partition === client.id)
      .sort()
      .at(-1)!;
    expect(remote.objects.get(latest)![4]).toBe(4);
    expect(peekSegmentHeader(remote.objects.get(latest)!).keyId).toBe(`client:${client.id}@${next.id}`);
    await b!.round(remote);
    expect((await getClient(b!.ws.ctx, client.id)).name).toBe('Acme (after rotation)');
    // Roster entries written now name the epoch; those of before still verify through history.
    const rejected = (await b!.round(remote)).rejected;
    expect(rejected).toEqual([]);
  });

  it('a removed device gets no grant and reads nothing written after the rotation; until then the round asks for one', async () => {
    const [a, b, c] = await vaultOf(3);
    const remote = memoryRemote();
    const client = await createClient(a!.ws.ctx, clientInput({ name: 'Acme' }));
    for (const m of [a, b, c]) await m!.round(remote);
    for (const m of [a, b, c]) await m!.round(remote);
    const removal = await a!.round(remote, { removals: [c!.id] });
    expect(removal.devices.find((d) => d.id === c!.id)?.removed).toBe(true);
    const asked = await a!.round(remote, { removals: [c!.id] });
    expect(asked.rotationNeeded).toMatch(/removed .*still holds/);
    const next = await a!.ws.keyRing.beginRotation(a!.ws.ctx.db, PASS);
    const done = await a!.round(remote, { removals: [c!.id] });
    expect(done.rotationNeeded).toBeUndefined();
    await b!.round(remote);
    await c!.round(remote);
    expect(epochOf(b!)).toBe(next.id);
    expect(epochOf(c!)).not.toBe(next.id);
    expect([...remote.objects.keys()].filter((k) => parseGrantObjectKey(k)?.device === c!.id && parseGrantObjectKey(k)?.epoch === next.id)).toEqual([]);
    await updateClient(a!.ws.ctx, client.id, { name: 'Secret after removal' });
    await a!.round(remote);
    // C tries its keys on every segment on the target written in the new epoch.
    const after = [...remote.objects.entries()].filter(([k, bytes]) => parseSegmentObjectKey(k) && peekSegmentHeader(bytes).keyId.endsWith(`@${next.id}`));
    expect(after.length).toBeGreaterThan(0);
    for (const [key, bytes] of after) {
      const place = parseSegmentObjectKey(key)!;
      // The writer's real key verifies the signature, so only the key lookup can stop C.
      const outcome = await decodeSegment(bytes, {
        vaultId: a!.vaultId,
        expected: place,
        keyFor: (id) => c!.ws.keyRing.segmentKey(id),
        publicKeyOf: (d) => (d === a!.id ? a!.publicKey : null),
      }).then(
        () => 'decoded',
        (error: unknown) => (error as { code?: string }).code,
      );
      expect(outcome, key).toBe('no-key');
    }
    await b!.round(remote);
    expect((await getClient(b!.ws.ctx, client.id)).name).toBe('Secret after removal');
  });

  it('a removal the target no longer holds still counts: no grant reaches the removed device, and its remover puts the removal back', async () => {
    const [a, b, c] = await vaultOf(3);
    const remote = memoryRemote();
    for (const m of [a, b, c]) await m!.round(remote);
    for (const m of [a, b, c]) await m!.round(remote);
    await a!.round(remote, { removals: [c!.id] });
    await b!.round(remote);
    const next = await a!.ws.keyRing.beginRotation(a!.ws.ctx.db, PASS);
    await a!.round(remote, { removals: [c!.id] });
    await b!.round(remote);
    expect(epochOf(b!)).toBe(next.id);
    // The provider (or C itself, on a shared folder it still syncs) deletes the removal.
    expect(remote.objects.delete(deviceRemovalObjectKey(c!.id))).toBe(true);
    // What B remembers survives a restart (its progress as stored and read back).
    b!.progress = readProgress(JSON.parse(JSON.stringify(b!.progress)));
    const seen = await b!.round(remote);
    expect(seen.devices.find((d) => d.id === c!.id)?.removed).toBe(true);
    await a!.round(remote, { removals: [c!.id] });
    await b!.round(remote);
    await c!.round(remote);
    expect([...remote.objects.keys()].filter((k) => parseGrantObjectKey(k)?.device === c!.id && parseGrantObjectKey(k)?.epoch === next.id)).toEqual([]);
    expect(epochOf(c!)).not.toBe(next.id);
    // The remover puts the removal back for devices that never saw it.
    expect(remote.objects.has(deviceRemovalObjectKey(c!.id))).toBe(true);
  });

  it('the provider deleting the current epoch’s record and grants does not silence "rotation needed" after a removal', async () => {
    const [a, b, c] = await vaultOf(3);
    const remote = memoryRemote();
    for (const m of [a, b, c]) await m!.round(remote);
    for (const m of [a, b, c]) await m!.round(remote);
    await a!.round(remote, { removals: [c!.id] });
    expect((await a!.round(remote, { removals: [c!.id] })).rotationNeeded).toMatch(/removed .*still holds/);
    const current = epochOf(a!);
    for (const key of [...remote.objects.keys()]) if (key === `keys/${current}.json` || key.startsWith(`keys/${current}/`)) remote.objects.delete(key);
    expect((await b!.round(remote)).rotationNeeded).toMatch(/removed .*still holds/);
    expect((await a!.round(remote, { removals: [c!.id] })).rotationNeeded).toMatch(/removed .*still holds/);
  });

  // Known open flaw (review 11c; docs/sync-layout.md "Limits"): roster objects of every epoch stay
  // readable, and epoch 0's roster key comes from R, which a removed device keeps. So the removed
  // device adds a device of its own (an entry MACed in epoch 0) with an inbox of an epoch it held;
  // a live device then grants it the new epoch like any other live member, and the removed device
  // opens it. No rotation shuts it out, and the round never says so. Remove `.fails` once fixed.
  it.fails('a removed device cannot get the new epoch by adding a device of its own with a roster key it kept', async () => {
    const [a, b, c] = await vaultOf(3);
    const remote = memoryRemote();
    for (const m of [a, b, c]) await m!.round(remote);
    for (const m of [a, b, c]) await m!.round(remote);
    await a!.round(remote, { removals: [c!.id] });
    const next = await a!.ws.keyRing.beginRotation(a!.ws.ctx.db, PASS);
    await a!.round(remote, { removals: [c!.id] });
    await b!.round(remote);
    expect(epochOf(b!)).toBe(next.id);
    // C, removed, forges device "x" with epoch 0's roster key, and x's inbox of the epoch C still holds.
    const held = c!.ws.keyRing.currentEpoch();
    const x = await newDeviceIdentity();
    const legacyRoster = c!.ws.keyRing.syncKeysFor('legacy')!.roster;
    await remote.put(
      deviceEntryObjectKey('x'),
      encodeDeviceEntry({ vaultId: c!.vaultId, device: 'x', publicKey: x.publicKey, addedAt: Date.now() }, legacyRoster),
    );
    const pair = inboxKeyPair(held.inbox, 'x');
    await remote.put(
      inboxObjectKey('x', held.epoch.id),
      encodeInboxEntry({ vaultId: c!.vaultId, device: 'x', epoch: held.epoch.id, publicKey: pair.publicKey, at: Date.now() }, x.secretKey),
    );
    await a!.round(remote);
    await b!.round(remote);
    const grantKey = grantObjectKey({ epoch: next.id, device: 'x', inbox: held.epoch.id });
    const bytes = remote.objects.get(grantKey);
    if (bytes) {
      // What C gets out of it: the new epoch's key, which its record's check confirms.
      const grant = decodeEpochGrant(bytes, c!.vaultId, grantKey, (d) => (d === a!.id ? a!.publicKey : d === b!.id ? b!.publicKey : null));
      const key = openEpochGrant(grant, pair);
      const keys = deriveEpochKeys(readySodium(), key, a!.ws.keyRing.currentEpoch().epoch);
      expect(epochCheck(readySodium(), keys, c!.vaultId)).toEqual(epochCheck(readySodium(), a!.ws.keyRing.currentEpoch(), a!.vaultId));
    }
    expect(bytes, 'a grant of the new epoch to a device the removed one made up').toBeUndefined();
  });
});
