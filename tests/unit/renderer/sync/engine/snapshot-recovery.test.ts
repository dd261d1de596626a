/**
 * A compacted partition whose covering snapshot stops verifying (its writer was removed) gets a
 * new snapshot from a device that holds the state, so a brand-new device can still join; a
 * snapshot that fails verification is downloaded once, not every round; catch-up falls through to
 * the next snapshot when the best one is refused.
 */
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { listSettings, setSetting } from '../../../../../src-renderer/vault/repos/settings.ts';
import { loadOrCreateDevice } from '../../../../../src-renderer/sync/engine/device-identity.ts';
import type { Remote } from '../../../../../src-renderer/sync/engine/remote.ts';
import type { RoundDeps } from '../../../../../src-renderer/sync/engine/round-types.ts';
import { device, memoryRemote, newVault, type Device } from './harness.ts';

beforeAll(async () => {
  await getSodium();
  await sodium.ready;
});

const HOUR = 3_600_000;
const extra: Partial<RoundDeps> = { targetKind: 's3', compaction: { segmentsPerSnapshot: 3, catchUpFrom: 2 } };
const settings = async (d: Device) => (await listSettings(d.workspace.ctx)).map((s) => [s.id, s.value]).sort();
const keysUnder = (remote: ReturnType<typeof memoryRemote>, part: string) => [...remote.objects.keys()].filter((k) => k.includes(part)).sort();

/** Counts the downloads of each key. */
function counting(remote: Remote): Remote & { gets: Map<string, number> } {
  const gets = new Map<string, number>();
  return { ...remote, gets, get: async (key) => (gets.set(key, (gets.get(key) ?? 0) + 1), remote.get(key)) };
}

/** W writes the workspace snapshot, everyone acknowledges, A compacts W's segments away; then A removes W. */
async function compactedThenWriterRemoved(writes = 4) {
  let t = Date.UTC(2026, 0, 5, 9);
  const clock = { now: () => t, advance: (ms: number) => void (t += ms) };
  const vault = newVault();
  const remote = memoryRemote();
  const [a, b, w] = [await device(vault, clock.now), await device(vault, clock.now), await device(vault, clock.now)];
  const wId = (await loadOrCreateDevice(w.meta, vault.vaultId, w.workspace.keyRing)).id;
  for (const d of [a, b, w]) await d.round(remote, extra);
  for (let i = 0; i < writes; i++) {
    await setSetting(w.workspace.ctx, `w${i}`, i);
    await w.round(remote, extra);
  }
  const byW = keysUnder(remote, 'p/workspace/snap/');
  expect(byW).toHaveLength(1);
  await setSetting(a.workspace.ctx, 'from-a', 'a');
  for (const d of [a, b, w, a]) await d.round(remote, extra);
  clock.advance(5 * HOUR);
  expect((await a.round(remote, extra)).deletedObjects).toBeGreaterThan(0);
  expect(keysUnder(remote, `p/workspace/log/${wId}/1.seg`)).toEqual([]);
  const removing = await a.round(remote, { ...extra, removals: [wId] });
  w.workspace.close();
  return { vault, remote, clock, a, b, removing, snapshotByW: byW[0] as string };
}

describe('snapshots after a device removal', () => {
  it('a device holding the state writes a new snapshot; a brand-new device joins and converges; the removed writer’s snapshot goes after the margin', async () => {
    const { vault, remote, clock, a, b, removing, snapshotByW } = await compactedThenWriterRemoved();
    // The round that removes W stops trusting W's snapshot and replaces it.
    expect(removing.snapshotsWritten).toBe(1);
    await b.round(remote, extra);
    const n = await device(vault, clock.now);
    const joined = await n.round(remote, extra);
    expect(joined.snapshotsApplied).toBe(1);
    expect(await settings(n)).toEqual(await settings(a));
    expect((await settings(n)).map(([id]) => id)).toEqual(expect.arrayContaining(['w0', 'w1', 'w2', 'w3', 'from-a']));
    // Once the replacement is old enough, the snapshot by the removed writer is deleted.
    expect(remote.objects.has(snapshotByW)).toBe(true);
    clock.advance(5 * HOUR);
    for (const d of [n, b, a]) await d.round(remote, extra);
    expect(remote.objects.has(snapshotByW)).toBe(false);
    for (const d of [a, b, n]) d.workspace.close();
  });

  it('the same when every segment of the removed writer was compacted away: its removal keeps what was applied valid', async () => {
    const { vault, remote, clock, a, b, removing, snapshotByW } = await compactedThenWriterRemoved(3);
    expect(keysUnder(remote, 'p/workspace/log/')).toHaveLength(1); // only A's own segment: all of W's are gone
    expect(removing.snapshotsWritten).toBe(1);
    // The replacement holds W's three segments: every device trusts it, and a newcomer joins from it.
    const again = await a.round(remote, extra);
    expect(again.snapshotsWritten).toBe(0);
    // B reports W's snapshot once, and trusts A's replacement.
    expect((await b.round(remote, extra)).rejected.map((r) => r.key)).toEqual([snapshotByW]);
    expect((await b.round(remote, extra)).rejected).toEqual([]);
    const n = await device(vault, clock.now);
    const joined = await n.round(remote, extra);
    expect(joined.rejected.map((r) => [r.key, r.code])).toEqual([[snapshotByW, 'removed-device']]);
    expect(joined.snapshotsApplied).toBe(1);
    expect(await settings(n)).toEqual(await settings(a));
    expect((await settings(n)).map(([id]) => id)).toEqual(expect.arrayContaining(['w0', 'w1', 'w2', 'from-a']));
    for (const d of [a, b, n]) d.workspace.close();
  });

  it('a snapshot that fails verification is downloaded at most once by a device, and reported once', async () => {
    const { vault, remote, clock, a, b, snapshotByW } = await compactedThenWriterRemoved();
    const n = await device(vault, clock.now);
    const target = counting(remote);
    const first = await n.round(target, extra);
    expect(first.rejected.map((r) => [r.key, r.code])).toEqual([[snapshotByW, 'removed-device']]);
    for (let i = 0; i < 3; i++) expect((await n.round(target, extra)).rejected).toEqual([]);
    expect(target.gets.get(snapshotByW)).toBe(1);
    // Devices that had verified it before the removal stop trusting it, and do not fetch it again either.
    const seenBy = counting(remote);
    await b.round(seenBy, extra);
    await b.round(seenBy, extra);
    expect(seenBy.gets.get(snapshotByW) ?? 0).toBe(0);
    expect(Object.keys(b.progress.snapshots ?? {})).not.toContain(snapshotByW);
    for (const d of [a, b, n]) d.workspace.close();
  });
});
