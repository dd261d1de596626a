/**
 * A device that loses its sync progress for a target (an unreadable meta store entry, or the
 * target removed and added again while the device keeps its id) after compaction deleted its
 * segments: its next segment must come after every seq the target still shows it wrote
 * (snapshot vectors, acknowledgements), or the other devices, already past those seqs, skip the
 * new edit and compaction deletes it. Real rounds (harness.ts), an in-memory target, a fake clock.
 */
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { getSetting, setSetting } from '../../../../../src-renderer/vault/repos/settings.ts';
import { loadOrCreateDevice } from '../../../../../src-renderer/sync/engine/device-identity.ts';
import { readProgress } from '../../../../../src-renderer/sync/engine/sync-progress.ts';
import type { RoundDeps } from '../../../../../src-renderer/sync/engine/round-types.ts';
import { encodeAck } from '../../../../../src-renderer/sync/segment/ack.ts';
import { ackObjectKey, parseSegmentObjectKey } from '../../../../../src-renderer/sync/segment/layout.ts';
import { device, memoryRemote, newVault, type Device } from './harness.ts';

beforeAll(async () => {
  await getSodium();
  await sodium.ready;
});

const HOUR = 3_600_000;

function fakeClock() {
  let t = Date.UTC(2026, 0, 5, 9);
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const extra: Partial<RoundDeps> = { targetKind: 's3', compaction: { segmentsPerSnapshot: 3, catchUpFrom: 2 } };

const ownSegments = (remote: ReturnType<typeof memoryRemote>, id: string) =>
  [...remote.objects.keys()].filter((k) => parseSegmentObjectKey(k)?.partition === 'workspace' && parseSegmentObjectKey(k)?.device === id);

/** A and B sync; A writes six segments; both acknowledge; compaction deletes every one of A's segments. */
async function compactedAway(): Promise<{
  a: Device;
  b: Device;
  remote: ReturnType<typeof memoryRemote>;
  aId: string;
  vault: ReturnType<typeof newVault>;
  clock: ReturnType<typeof fakeClock>;
}> {
  const clock = fakeClock();
  const vault = newVault();
  const remote = memoryRemote();
  const [a, b] = [await device(vault, clock.now), await device(vault, clock.now)];
  const aId = (await loadOrCreateDevice(a.meta, vault.vaultId, a.workspace.keyRing)).id;
  for (const d of [a, b]) await d.round(remote, extra);
  for (let i = 0; i < 6; i++) {
    await setSetting(a.workspace.ctx, `k${i}`, { i });
    await a.round(remote, extra);
  }
  await b.round(remote, extra);
  await a.round(remote, extra);
  clock.advance(5 * HOUR);
  for (let i = 0; i < 3; i++) for (const d of [a, b]) await d.round(remote, extra);
  expect(ownSegments(remote, aId)).toEqual([]);
  expect(b.progress.vectors['workspace']?.[aId]).toBeGreaterThanOrEqual(6);
  return { a, b, remote, aId, vault, clock };
}

describe('a device that lost its progress for a target', () => {
  it('an edit made after the progress became unreadable reaches the other device', async () => {
    const { a, b, remote, aId } = await compactedAway();
    const before = b.progress.vectors['workspace']?.[aId] ?? 0;
    // The stored progress no longer reads: the round starts from an empty one.
    a.progress = readProgress('not a progress record');
    await setSetting(a.workspace.ctx, 'after-loss', 'written after the progress was lost');
    await a.round(remote, extra);
    await b.round(remote, extra);
    expect(await getSetting(b.workspace.ctx, 'after-loss')).toBe('written after the progress was lost');
    // Every new segment of A's comes right after what B already had from it.
    const seqs = ownSegments(remote, aId).map((k) => parseSegmentObjectKey(k)!.seq);
    expect(seqs.length).toBeGreaterThan(0);
    expect(Math.min(...seqs)).toBe(before + 1);
    for (const x of [a, b]) x.workspace.close();
  });

  it('the target added again (fresh progress, same device id) with only an acknowledgement left: the edit still arrives', async () => {
    const { a, b, remote, aId } = await compactedAway();
    const before = b.progress.vectors['workspace']?.[aId] ?? 0;
    // The provider (or a crash) lost the snapshots: the acknowledgements alone still say how far A got.
    for (const key of [...remote.objects.keys()]) if (key.startsWith('p/workspace/snap/')) remote.objects.delete(key);
    a.progress = readProgress(undefined);
    await setSetting(a.workspace.ctx, 're-added', 'after the target was added again');
    await a.round(remote, extra);
    await b.round(remote, extra);
    expect(await getSetting(b.workspace.ctx, 're-added')).toBe('after the target was added again');
    expect(Math.min(...ownSegments(remote, aId).map((k) => parseSegmentObjectKey(k)!.seq))).toBe(before + 1);
    for (const x of [a, b]) x.workspace.close();
  });

  it('ignores an acknowledgement no roster device signed: a provider cannot push the seq ahead and open a gap', async () => {
    const { a, b, remote, aId, vault } = await compactedAway();
    const before = b.progress.vectors['workspace']?.[aId] ?? 0;
    // A planted acknowledgement claiming A reached seq 1000, signed by a key outside the roster.
    const stranger = sodium.crypto_sign_keypair();
    const bId = (await loadOrCreateDevice(b.meta, vault.vaultId, b.workspace.keyRing)).id;
    const planted = encodeAck(
      { vaultId: vault.vaultId, partition: 'workspace', device: bId, n: 999, at: Date.now(), vector: { [aId]: 1000 } },
      stranger.privateKey,
    );
    remote.objects.set(ackObjectKey('workspace', bId, 999), planted);
    a.progress = readProgress(null);
    await setSetting(a.workspace.ctx, 'planted', 'still next in line');
    await a.round(remote, extra);
    await b.round(remote, extra);
    expect(await getSetting(b.workspace.ctx, 'planted')).toBe('still next in line');
    expect(Math.min(...ownSegments(remote, aId).map((k) => parseSegmentObjectKey(k)!.seq))).toBe(before + 1);
    for (const x of [a, b]) x.workspace.close();
  });
});
