/**
 * Snapshots and compaction through real sync rounds (harness.ts devices, an in-memory target, a
 * fake clock): a device that has not acknowledged keeps its segments; the safety margin holds
 * (4 h on S3 and WebDAV, 24 h on a folder); a removed device does not block; a new device joins
 * from snapshot + tail and converges; a compaction killed after any number of deletes leaves a
 * target every device can sync from; a device offline for long catches up.
 */
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { listSettings, setSetting } from '../../../../../src-renderer/vault/repos/settings.ts';
import { createClient, listClients, updateClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { loadOrCreateDevice } from '../../../../../src-renderer/sync/engine/device-identity.ts';
import { RemoteError, type Remote } from '../../../../../src-renderer/sync/engine/remote.ts';
import type { RoundDeps } from '../../../../../src-renderer/sync/engine/round-types.ts';
import { clientInput } from '../../../support/store-helpers.ts';
import { device, memoryRemote, newVault, type Device } from './harness.ts';

beforeAll(async () => {
  await getSodium();
  await sodium.ready;
});

const HOUR = 3_600_000;
const MINUTE = 60_000;

function fakeClock() {
  let t = Date.UTC(2026, 0, 5, 9);
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const knobs = (kind: RoundDeps['targetKind'] = 's3'): Partial<RoundDeps> => ({ targetKind: kind, compaction: { segmentsPerSnapshot: 3, catchUpFrom: 2 } });

const keysUnder = (remote: ReturnType<typeof memoryRemote>, part: string) => [...remote.objects.keys()].filter((k) => k.includes(part)).sort();

async function idOf(d: Device, vault: ReturnType<typeof newVault>): Promise<string> {
  return (await loadOrCreateDevice(d.meta, vault.vaultId, d.workspace.keyRing)).id;
}

/** What a device shows: settings and clients, without local bookkeeping. */
async function view(d: Device) {
  const settings = (await listSettings(d.workspace.ctx)).map((s) => [s.id, s.value]).sort();
  const clients = (await listClients(d.workspace.ctx)).map((c) => [c.id, c.name, c.notes ?? null]).sort();
  return { settings, clients };
}

/** A writes `n` settings, one segment per round. */
async function writeSegments(a: Device, remote: Remote, from: number, n: number, extra: Partial<RoundDeps>): Promise<void> {
  for (let i = from; i < from + n; i++) {
    await setSetting(a.workspace.ctx, `k${i}`, { i, text: `value ${i}` });
    expect((await a.round(remote, extra)).pushedSegments).toBe(1);
  }
}

describe('compaction', () => {
  it('keeps segments a roster device has not acknowledged; deletes them once it has; a new device then joins from snapshot + tail', async () => {
    const clock = fakeClock();
    const vault = newVault();
    const remote = memoryRemote();
    const [a, b, c] = [await device(vault, clock.now), await device(vault, clock.now), await device(vault, clock.now)];
    const extra = knobs('s3');
    const client = await createClient(a.workspace.ctx, clientInput({ name: 'Acme' }));
    for (const d of [a, b, c]) await d.round(remote, extra);
    await c.round(remote, extra); // C adopts the client key and acknowledges what it has
    await writeSegments(a, remote, 0, 6, extra);
    await updateClient(a.workspace.ctx, client.id, { notes: 'tail of the client log' });
    await a.round(remote, extra);
    await b.round(remote, extra);
    const segments = keysUnder(remote, '/log/');
    expect(keysUnder(remote, '/snap/').length).toBeGreaterThanOrEqual(2);

    // Past the margin, C (in the roster, behind) has not acknowledged A's new workspace segments.
    clock.advance(4 * HOUR + MINUTE);
    const first = await a.round(remote, extra);
    expect(keysUnder(remote, 'p/workspace/log/')).toEqual(segments.filter((k) => k.startsWith('p/workspace/log/')));
    // Superseded snapshots may go (an aged snapshot covers them), segments may not.
    expect(first.deletedObjects).toBeGreaterThanOrEqual(1);
    expect(keysUnder(remote, 'p/workspace/snap/')).toHaveLength(1);

    // C catches up (from the snapshot: it lacks more than catchUpFrom), acknowledges, and A compacts.
    const caught = await c.round(remote, extra);
    expect(caught.snapshotsApplied).toBeGreaterThanOrEqual(1);
    expect(await view(c)).toEqual(await view(a));
    const compacted = await a.round(remote, extra);
    expect(compacted.deletedObjects).toBeGreaterThan(0);
    const left = keysUnder(remote, 'p/workspace/log/');
    expect(left.length).toBeLessThan(segments.filter((k) => k.startsWith('p/workspace/log/')).length);
    // Each device's acknowledgements shrink to its newest one.
    for (const d of [a, b, c]) expect(keysUnder(remote, `p/workspace/ack/${await idOf(d, vault)}/`)).toHaveLength(1);

    // A brand-new device: the snapshot, then only the segments after it; the same state as the others.
    await writeSegments(a, remote, 6, 1, extra);
    const d = await device(vault, clock.now);
    const joined = await d.round(remote, extra);
    expect(joined.snapshotsApplied).toBeGreaterThanOrEqual(1);
    expect(joined.appliedSegments).toBeLessThan(segments.length);
    expect(joined.rejected).toEqual([]);
    await b.round(remote, extra);
    expect(await view(d)).toEqual(await view(a));
    expect(await view(b)).toEqual(await view(a));
    expect((await view(d)).clients).toEqual([[client.id, 'Acme', 'tail of the client log']]);

    // The provider deletes every snapshot: the next round writes one again, and a newcomer still joins.
    for (const key of keysUnder(remote, '/snap/')) remote.objects.delete(key);
    expect((await b.round(remote, extra)).snapshotsWritten).toBeGreaterThanOrEqual(1);
    const e = await device(vault, clock.now);
    expect((await e.round(remote, extra)).snapshotsApplied).toBeGreaterThanOrEqual(1);
    expect(await view(e)).toEqual(await view(a));
    for (const x of [a, b, c, d, e]) x.workspace.close();
  });

  it.each([
    ['folder', 24 * HOUR],
    ['webdav', 4 * HOUR],
    ['s3', 4 * HOUR],
  ] as const)('holds the safety margin on a %s target: nothing before it, the covered segments after it', async (kind, margin) => {
    const clock = fakeClock();
    const vault = newVault();
    const remote = memoryRemote();
    const [a, b] = [await device(vault, clock.now), await device(vault, clock.now)];
    const extra = knobs(kind);
    for (const d of [a, b]) await d.round(remote, extra);
    await writeSegments(a, remote, 0, 4, extra);
    await b.round(remote, extra);
    const before = keysUnder(remote, '/log/');
    clock.advance(margin - MINUTE);
    expect((await a.round(remote, extra)).deletedObjects).toBe(0);
    expect(keysUnder(remote, '/log/')).toEqual(before);
    clock.advance(2 * MINUTE);
    await a.round(remote, extra);
    expect(keysUnder(remote, '/log/').length).toBeLessThan(before.length);
    for (const x of [a, b]) x.workspace.close();
  });

  it('keeps every segment newer than the history window, even when an aged snapshot covers it', async () => {
    const DAY = 24 * HOUR;
    const clock = fakeClock();
    const vault = newVault();
    const remote = memoryRemote();
    const [a, b] = [await device(vault, clock.now), await device(vault, clock.now)];
    const extra: Partial<RoundDeps> = { targetKind: 's3', compaction: { segmentsPerSnapshot: 3, catchUpFrom: 2, retentionMs: 3 * DAY } };
    for (const d of [a, b]) await d.round(remote, extra);
    await writeSegments(a, remote, 0, 4, extra);
    await b.round(remote, extra);
    const early = keysUnder(remote, 'p/workspace/log/');
    // Past the safety margin, every segment acknowledged and covered: the window still keeps them.
    clock.advance(4 * HOUR + MINUTE);
    await a.round(remote, extra);
    expect(keysUnder(remote, 'p/workspace/log/')).toEqual(early);

    clock.advance(2 * DAY);
    await writeSegments(a, remote, 4, 4, extra);
    await b.round(remote, extra);
    const late = keysUnder(remote, 'p/workspace/log/').filter((k) => !early.includes(k));
    expect(late.length).toBeGreaterThanOrEqual(4);
    // Three days after the first snapshot: what it covers goes; the later segments, covered by a
    // snapshot a day old (well past the 4 h margin), stay.
    clock.advance(DAY);
    await a.round(remote, extra);
    const left = keysUnder(remote, 'p/workspace/log/');
    expect(left.filter((k) => early.includes(k)).length).toBeLessThan(early.length);
    expect(late.every((k) => left.includes(k))).toBe(true);
    // Once they too are older than the window, they go like any other.
    clock.advance(3 * DAY);
    await b.round(remote, extra);
    await a.round(remote, extra);
    expect(keysUnder(remote, 'p/workspace/log/').filter((k) => late.includes(k)).length).toBeLessThan(late.length);
    for (const x of [a, b]) x.workspace.close();
  });

  it('does not count a removed device: its missing acknowledgement blocks nothing', async () => {
    const clock = fakeClock();
    const vault = newVault();
    const remote = memoryRemote();
    const [a, b, c] = [await device(vault, clock.now), await device(vault, clock.now), await device(vault, clock.now)];
    const extra = knobs('s3');
    for (const d of [a, b, c]) await d.round(remote, extra);
    await writeSegments(a, remote, 0, 4, extra);
    await b.round(remote, extra);
    clock.advance(5 * HOUR);
    await a.round(remote, extra);
    const blocked = keysUnder(remote, '/log/');
    expect(blocked.length).toBeGreaterThanOrEqual(4);
    await a.round(remote, { ...extra, removals: [await idOf(c, vault)] });
    expect(keysUnder(remote, '/log/').length).toBeLessThan(blocked.length);
    for (const x of [a, b, c]) x.workspace.close();
  });

  it('a compaction killed after any number of deletes leaves a target a new and an old device can sync from', async () => {
    const clock = fakeClock();
    const vault = newVault();
    const remote = memoryRemote();
    const [a, b] = [await device(vault, clock.now), await device(vault, clock.now)];
    const extra = knobs('s3');
    for (const d of [a, b]) await d.round(remote, extra);
    await writeSegments(a, remote, 0, 7, extra);
    await b.round(remote, extra);
    clock.advance(5 * HOUR);
    // A first pass to learn how many deletes a full compaction makes.
    const base = new Map(remote.objects);
    const progress = structuredClone(a.progress);
    const full = memoryRemote(new Map(base));
    const deletes = (await a.round(full, extra)).deletedObjects;
    expect(deletes).toBeGreaterThan(2);
    for (let k = 0; k < deletes; k++) {
      a.progress = structuredClone(progress);
      const objects = new Map(base);
      const inner = memoryRemote(objects);
      let done = 0;
      const dying: Remote = {
        ...inner,
        delete: async (key) => {
          // The connection dropping (a RemoteError) fails the round; other errors are reported per partition.
          if (done++ === k) throw new RemoteError('unavailable', 'killed mid-compaction');
          await inner.delete(key);
        },
      };
      await expect(a.round(dying, extra)).rejects.toThrow('killed mid-compaction');
      // A newcomer joins from what is left; A resumes; B writes and everyone converges.
      const fresh = await device(vault, clock.now);
      const joined = await fresh.round(inner, extra);
      expect(joined.rejected).toEqual([]);
      expect(await view(fresh)).toEqual(await view(a));
      await a.round(inner, extra);
      fresh.workspace.close();
    }
    for (const x of [a, b]) x.workspace.close();
  });

  it('keeps a long-offline device’s unacknowledged segments; it catches up and converges, and then they go', async () => {
    const clock = fakeClock();
    const vault = newVault();
    const remote = memoryRemote();
    const [a, b, c] = [await device(vault, clock.now), await device(vault, clock.now), await device(vault, clock.now)];
    const extra = knobs('webdav');
    for (const d of [a, b, c]) await d.round(remote, extra);
    await setSetting(c.workspace.ctx, 'from-c', 'written before going offline');
    await c.round(remote, extra);
    // C is away for three weeks while A and B work and compact every day.
    for (let day = 0; day < 21; day++) {
      await writeSegments(a, remote, day * 2, 2, extra);
      await setSetting(b.workspace.ctx, `b${day}`, day);
      await b.round(remote, extra);
      clock.advance(24 * HOUR);
      await a.round(remote, extra);
    }
    const aId = await idOf(a, vault);
    const aSegments = keysUnder(remote, `p/workspace/log/${aId}/`);
    // C acknowledged none of A's segments: every one of them is still there.
    expect(aSegments).toHaveLength(42);
    await setSetting(c.workspace.ctx, 'from-c', 'edited offline, later');
    const back = await c.round(remote, extra);
    expect(back.rejected).toEqual([]);
    await a.round(remote, extra);
    await b.round(remote, extra);
    expect(await view(c)).toEqual(await view(a));
    expect(await view(b)).toEqual(await view(a));
    expect((await view(a)).settings).toContainEqual(['from-c', 'edited offline, later']);
    clock.advance(5 * HOUR);
    await b.round(remote, extra);
    await c.round(remote, extra);
    await a.round(remote, extra);
    expect(keysUnder(remote, `p/workspace/log/${aId}/`).length).toBeLessThan(42);
    for (const x of [a, b, c]) x.workspace.close();
  });

  it('a partition whose acknowledgement the guard refuses is held back; the round and the other partitions go on', async () => {
    const clock = fakeClock();
    const vault = newVault();
    const remote = memoryRemote();
    const [a, b] = [await device(vault, clock.now), await device(vault, clock.now)];
    const client = await createClient(a.workspace.ctx, clientInput({ name: 'Acme' }));
    await setSetting(a.workspace.ctx, 'theme', 'dark');
    await a.round(remote, knobs());
    const guarded: Remote = {
      ...remote,
      put: async (key, bytes) => {
        if (key.startsWith(`p/${client.id}/ack/`)) throw new RemoteError('refused', 'This client may not be stored on this target.');
        await remote.put(key, bytes);
      },
    };
    const result = await b.round(guarded, knobs());
    expect(result.heldBack).toEqual([{ partition: client.id, reason: 'This client may not be stored on this target.' }]);
    expect(keysUnder(remote, `p/workspace/ack/${await idOf(b, vault)}/`)).toHaveLength(1);
    expect(keysUnder(remote, `p/${client.id}/ack/${await idOf(b, vault)}/`)).toEqual([]);
    for (const x of [a, b]) x.workspace.close();
  });
});
