/**
 * `vault.json` on a target is the one object more than one device writes. A device whose own
 * header is older (an older key epoch: an older passphrase) must not upload it over a newer one,
 * or a device joining afterwards needs the old passphrase. A header it cannot read is left alone
 * too. But a header a provider planted (an inflated generation, which does not open) must not stop
 * this device from publishing. Real unlocks, key rings and rounds; an in-memory target.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateDevice } from '../../../../../src-renderer/sync/engine/device-identity.ts';
import { PartitionStates } from '../../../../../src-renderer/sync/engine/partition-states.ts';
import { emptyProgress, type SyncProgress } from '../../../../../src-renderer/sync/engine/sync-progress.ts';
import { syncRound } from '../../../../../src-renderer/sync/engine/sync-round.ts';
import type { RoundDeps, RoundResult } from '../../../../../src-renderer/sync/engine/round-types.ts';
import type { Workspace } from '../../../../../src-renderer/vault/session/workspace.ts';
import { newDevice, PASS, sessionOf, type TestDevice, createOpenVault } from '../../../support/epoch-helpers.ts';
import { memoryRemote } from './harness.ts';

const NEW_PASS = 'a newer passphrase for the whole vault';

interface Member {
  device: TestDevice;
  ws: Workspace;
  progress: SyncProgress;
  round(remote: ReturnType<typeof memoryRemote>, extra?: Partial<RoundDeps>): Promise<RoundResult>;
}

const opened: TestDevice[] = [];
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

/** A vault on one device and a second that joined with the passphrase from its header. */
async function twoDevices(): Promise<[Member, Member]> {
  const first = newDevice();
  const { workspace, vaultId } = await createOpenVault(first);
  const a = await member(first, workspace, vaultId);
  const second = newDevice();
  await second.meta.saveHeader((await first.meta.headerText())!);
  const b = await member(second, await second.open(sessionOf(await second.service.unlock(PASS))), vaultId);
  return [a, b];
}

const text = (remote: ReturnType<typeof memoryRemote>) => new TextDecoder().decode(remote.objects.get('vault.json'));

/** A device that joins now, from the target's `vault.json`, with `passphrase`. */
async function joinsWith(remote: ReturnType<typeof memoryRemote>, passphrase: string): Promise<boolean> {
  const device = newDevice();
  opened.push(device);
  await device.meta.saveHeader(text(remote));
  return (await device.service.unlock(passphrase)).ok;
}

describe('vault.json on a target', () => {
  it('a device that first syncs after another changed the passphrase does not put the old header back', async () => {
    const [a, b] = await twoDevices();
    const remote = memoryRemote();
    await a.round(remote);
    // A changes the passphrase (a rotation): the target's header is of the new epoch.
    await a.ws.keyRing.beginRotation(a.ws.ctx.db, PASS, { newPassphrase: NEW_PASS });
    await a.round(remote);
    expect(await joinsWith(remote, NEW_PASS)).toBe(true);
    // B, which joined before and holds the old header, syncs with this target for the first time.
    await b.round(remote);
    await a.round(remote);
    await b.round(remote);
    expect(await joinsWith(remote, NEW_PASS)).toBe(true);
    expect(await joinsWith(remote, PASS)).toBe(false);
  });

  it('a device whose header lags its epoch store (an epoch adopted from a grant) does not replace the newer one after its progress is lost', async () => {
    const [a, b] = await twoDevices();
    const remote = memoryRemote();
    await a.round(remote);
    await b.round(remote);
    await a.ws.keyRing.beginRotation(a.ws.ctx.db, PASS, { newPassphrase: NEW_PASS });
    const next = await a.round(remote);
    await b.round(remote);
    expect(b.ws.keyRing.currentEpoch().epoch.id).toBe(next.epoch);
    // B's progress for the target is gone (unreadable, or the target added again).
    b.progress = emptyProgress();
    await b.round(remote);
    expect(await joinsWith(remote, NEW_PASS)).toBe(true);
  });

  it('a header planted with an inflated generation does not open, and does not stop this device publishing its own', async () => {
    const [a] = await twoDevices();
    const remote = memoryRemote();
    const own = (await a.device.meta.headerText())!;
    const planted = JSON.parse(own) as { epoch: { n: number } };
    planted.epoch.n = 1_000_000;
    remote.objects.set('vault.json', new TextEncoder().encode(JSON.stringify(planted)));
    const result = await a.round(remote);
    expect(text(remote)).toBe(own);
    expect(result.headerKept).toBeUndefined();
    expect(await joinsWith(remote, PASS)).toBe(true);
  });

  it('a planted copy of a newer epoch held here, its generation raised, does not open with that key: replaced', async () => {
    const [a, b] = await twoDevices();
    const remote = memoryRemote();
    await a.round(remote);
    await b.round(remote);
    await a.ws.keyRing.beginRotation(a.ws.ctx.db, PASS, { newPassphrase: NEW_PASS });
    await a.round(remote);
    await b.round(remote);
    const planted = JSON.parse(text(remote)) as { epoch: { n: number } };
    planted.epoch.n = 1_000_000;
    const plantedText = JSON.stringify(planted);
    remote.objects.set('vault.json', new TextEncoder().encode(plantedText));
    b.progress = emptyProgress();
    await b.round(remote);
    // B's own header (its epoch store is ahead of it, the passphrase it knows is the old one) goes up: it opens.
    expect(text(remote)).toBe(await b.device.meta.headerText());
    expect(await joinsWith(remote, PASS)).toBe(true);
  });

  it('a header naming a real newer epoch not yet received here waits; once the key arrives and it does not open, it is replaced', async () => {
    const [a, b] = await twoDevices();
    const remote = memoryRemote();
    await a.round(remote);
    await a.ws.keyRing.beginRotation(a.ws.ctx.db, PASS, { newPassphrase: NEW_PASS });
    await a.round(remote);
    // The provider keeps the real epoch, generation and check value (the signed record vouches for them) but breaks the wrap.
    const planted = JSON.parse(text(remote)) as { wrappedRoot: string };
    const at = 60; // inside the ciphertext: the header still parses
    planted.wrappedRoot = `${planted.wrappedRoot.slice(0, at)}${planted.wrappedRoot[at] === 'A' ? 'B' : 'A'}${planted.wrappedRoot.slice(at + 1)}`;
    const plantedText = JSON.stringify(planted);
    remote.objects.set('vault.json', new TextEncoder().encode(plantedText));
    const waiting = await b.round(remote);
    expect(waiting.headerKept).toBeUndefined();
    expect(text(remote)).toBe(plantedText);
    await a.round(remote); // grants the epoch to B's inbox
    await b.round(remote);
    expect(b.ws.keyRing.currentEpoch().epoch.id).toBe(a.ws.keyRing.currentEpoch().epoch.id);
    expect(text(remote)).toBe(await b.device.meta.headerText());
  });

  it('leaves a header it cannot read as it is, and says so', async () => {
    const [a] = await twoDevices();
    const remote = memoryRemote();
    const unknown = JSON.stringify({ format: 'caravan-vault', version: 3, vaultId: 'from a newer Caravan' });
    remote.objects.set('vault.json', new TextEncoder().encode(unknown));
    const result = await a.round(remote);
    expect(text(remote)).toBe(unknown);
    expect(result.headerKept).toMatch(/vault header on this target/i);
    expect(result.headerKept).not.toMatch(/vault\.json|version|parse/);
  });

  it('still replaces an older header (of an earlier epoch) with its newer one', async () => {
    const [a, b] = await twoDevices();
    const remote = memoryRemote();
    await b.round(remote);
    const old = text(remote);
    await a.ws.keyRing.beginRotation(a.ws.ctx.db, PASS, { newPassphrase: NEW_PASS });
    await a.round(remote);
    // The provider rolls vault.json back to the old one; A's next round (fresh progress) puts its own back.
    remote.objects.set('vault.json', new TextEncoder().encode(old));
    a.progress = emptyProgress();
    await a.round(remote);
    expect(await joinsWith(remote, NEW_PASS)).toBe(true);
  });
});
