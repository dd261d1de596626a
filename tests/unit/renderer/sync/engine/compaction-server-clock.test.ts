/**
 * Compaction's second clock: on S3 and WebDAV a covering snapshot must also be older than the
 * safety margin by the server's modification times, so a correction of this device's clock (here
 * a jump of a day) cannot end the wait early. A folder keeps this device's clock alone (its mtimes
 * come from the writer), and so does a store that gives no times. harness.ts devices, an in-memory
 * target with its own fake server clock, a fake device clock.
 */
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { setSetting } from '../../../../../src-renderer/vault/repos/settings.ts';
import type { Remote } from '../../../../../src-renderer/sync/engine/remote.ts';
import type { RoundDeps } from '../../../../../src-renderer/sync/engine/round-types.ts';
import { device, memoryRemote, newVault, type Device } from './harness.ts';

beforeAll(async () => {
  await getSodium();
  await sodium.ready;
});

const HOUR = 3_600_000;
const MINUTE = 60_000;

function fakeClock(start = Date.UTC(2026, 0, 5, 9)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const knobs = (kind: RoundDeps['targetKind']): Partial<RoundDeps> => ({ targetKind: kind, compaction: { segmentsPerSnapshot: 3, catchUpFrom: 2 } });
const logKeys = (remote: ReturnType<typeof memoryRemote>) => [...remote.objects.keys()].filter((k) => k.includes('/log/')).sort();
const snapKeys = (remote: ReturnType<typeof memoryRemote>) => [...remote.objects.keys()].filter((k) => k.includes('/snap/')).sort();

/** A and B on one target; A writes four segments (a snapshot covers them), B acknowledges them. */
async function covered(remote: Remote, extra: Partial<RoundDeps>, now: () => number): Promise<[Device, Device]> {
  const vault = newVault();
  const [a, b] = [await device(vault, now), await device(vault, now)];
  for (const d of [a, b]) await d.round(remote, extra);
  for (let i = 0; i < 4; i++) {
    await setSetting(a.workspace.ctx, `k${i}`, i);
    expect((await a.round(remote, extra)).pushedSegments).toBe(1);
  }
  await b.round(remote, extra);
  return [a, b];
}

/** A writes one more change (a segment the server stamps now, which the round's listing then shows) and syncs. */
async function writeAndSync(a: Device, remote: Remote, extra: Partial<RoundDeps>, n: number) {
  await setSetting(a.workspace.ctx, `later${n}`, n);
  return a.round(remote, extra);
}

describe('compaction by the server clock', () => {
  it.each(['s3', 'webdav'] as const)(
    'on %s: a device clock a day ahead deletes nothing while the server says the snapshot is 10 minutes old; past the margin by the server, it does',
    async (kind) => {
      const clock = fakeClock();
      const server = fakeClock(Date.UTC(2026, 0, 5, 9, 0, 7));
      const remote = memoryRemote(new Map(), { serverClock: server.now });
      const extra = knobs(kind);
      const [a, b] = await covered(remote, extra, clock.now);
      const before = logKeys(remote);
      expect(snapKeys(remote)).not.toEqual([]);
      for (const key of snapKeys(remote)) expect(remote.times.get(key)).toBe(server.now());

      // This device's clock is corrected forward by a day; only 10 minutes pass on the server.
      clock.advance(24 * HOUR);
      server.advance(10 * MINUTE);
      const early = await writeAndSync(a, remote, extra, 1);
      expect(early.deletedObjects).toBe(0);
      expect(logKeys(remote)).toEqual(expect.arrayContaining(before));

      // Still short by a minute on the server: kept.
      server.advance(4 * HOUR - 11 * MINUTE);
      expect((await writeAndSync(a, remote, extra, 2)).deletedObjects).toBe(0);
      expect(logKeys(remote)).toEqual(expect.arrayContaining(before));

      // Past the margin by the server's clock too: the covered segments go.
      server.advance(2 * MINUTE);
      expect((await writeAndSync(a, remote, extra, 3)).deletedObjects).toBeGreaterThan(0);
      expect(logKeys(remote).filter((k) => before.includes(k)).length).toBeLessThan(before.length);
      for (const x of [a, b]) x.workspace.close();
    },
  );

  it('the server clock can only delay: times that say the snapshot is old do not shorten the wait on this device’s clock', async () => {
    const clock = fakeClock();
    const server = fakeClock();
    const remote = memoryRemote(new Map(), { serverClock: server.now });
    const extra = knobs('s3');
    const [a, b] = await covered(remote, extra, clock.now);
    const before = logKeys(remote);
    server.advance(30 * 24 * HOUR);
    clock.advance(4 * HOUR - MINUTE);
    expect((await writeAndSync(a, remote, extra, 1)).deletedObjects).toBe(0);
    expect(logKeys(remote)).toEqual(expect.arrayContaining(before));
    for (const x of [a, b]) x.workspace.close();
  });

  it('a folder ignores listed times (they are the writer’s clock): this device’s clock alone decides', async () => {
    const clock = fakeClock();
    const server = fakeClock();
    const remote = memoryRemote(new Map(), { serverClock: server.now });
    const extra = knobs('folder');
    const [a, b] = await covered(remote, extra, clock.now);
    const before = logKeys(remote);
    clock.advance(24 * HOUR + MINUTE);
    expect((await writeAndSync(a, remote, extra, 1)).deletedObjects).toBeGreaterThan(0);
    expect(logKeys(remote).filter((k) => before.includes(k)).length).toBeLessThan(before.length);
    for (const x of [a, b]) x.workspace.close();
  });

  it('on S3, a snapshot the store gives no time for falls back to this device’s clock', async () => {
    const clock = fakeClock();
    const server = fakeClock();
    const remote = memoryRemote(new Map(), { serverClock: server.now });
    const extra = knobs('s3');
    const [a, b] = await covered(remote, extra, clock.now);
    const before = logKeys(remote);
    clock.advance(4 * HOUR + MINUTE);
    // Young by the server (no server time passed), so kept while the snapshot has a time...
    expect((await a.round(remote, extra)).deletedObjects).toBe(0);
    expect(logKeys(remote)).toEqual(before);
    // ... and deleted once the listing no longer gives the snapshot one.
    for (const key of snapKeys(remote)) remote.times.delete(key);
    expect((await a.round(remote, extra)).deletedObjects).toBeGreaterThan(0);
    expect(logKeys(remote).length).toBeLessThan(before.length);
    for (const x of [a, b]) x.workspace.close();
  });
});
