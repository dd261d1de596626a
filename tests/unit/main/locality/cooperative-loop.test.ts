/**
 * Long loops in main give the event loop a turn: a timer set before "where is my data" for the
 * most clients a call may name fires while it runs, instead of after. Benchmark-style: the test
 * prints how long main went without a turn; it asserts that turns happened, not a time.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mapYielding } from '../../../../src-main/locality/cooperative-loop.ts';
import { LocalityService } from '../../../../src-main/locality/locality-service.ts';
import { clientPolicySchema } from '../../../../src-preload/contract/residency.ts';
import { MAX_CLIENTS } from '../../../../src-preload/contract/spec.ts';

/** Runs `work` with a 1 ms interval beside it: how often it fired, and the longest gap between firings. */
async function watchLoop<T>(work: () => Promise<T>): Promise<{ result: T; ticks: number; longestStallMs: number; totalMs: number }> {
  let ticks = 0;
  let last = performance.now();
  let longestStallMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestStallMs = Math.max(longestStallMs, now - last);
    last = now;
    ticks++;
  }, 1);
  const start = performance.now();
  try {
    const result = await work();
    longestStallMs = Math.max(longestStallMs, performance.now() - last);
    return { result, ticks, longestStallMs, totalMs: performance.now() - start };
  } finally {
    clearInterval(timer);
  }
}

/** About `ms` of synchronous work. */
function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

describe('mapYielding', () => {
  it('maps in order and lets a timer run between slices', async () => {
    const watched = await watchLoop(() => mapYielding([1, 2, 3, 4, 5, 6], (n) => (busy(5), n * 2), 8));
    expect(watched.result).toEqual([2, 4, 6, 8, 10, 12]);
    expect(watched.ticks).toBeGreaterThan(0);
  });

  it('a plain loop of the same work lets no timer run (the control)', async () => {
    const watched = await watchLoop(async () => [1, 2, 3, 4, 5, 6].map((n) => (busy(5), n * 2)));
    expect(watched.ticks).toBe(0);
  });
});

describe('locality:placement for the most clients a call may name', () => {
  let dir: string;
  beforeAll(async () => {
    await sodium.ready;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('yields while it decides every client against every target', async () => {
    dir = await mkdtemp(join(tmpdir(), 'caravan-placement-'));
    const service = await LocalityService.create({ dataDir: dir, newId: randomUUID, now: () => Date.UTC(2026, 10, 15), log: () => {} });
    const ids = Array.from({ length: MAX_CLIENTS }, () => randomUUID());
    const key = Buffer.from(sodium.crypto_box_keypair().publicKey).toString('base64');
    await service.open(
      randomUUID(),
      key,
      ids.map((clientId, i) => clientPolicySchema.parse({ clientId, policy: i % 2 ? { kind: 'zone', zone: 'EEA' } : { kind: 'device-only' } })),
    );
    // Straight into the registry: adding through the guard would audit every client per target.
    for (const region of ['eu-west-2', 'eu-central-1', 'us-east-1', 'eu-west-3']) {
      await service.targets.add({
        label: region,
        kind: 's3',
        location: { provider: 'aws', region },
        bucket: `caravan-${region}`,
        endpoint: `https://s3.${region}.amazonaws.com`,
      });
    }

    const watched = await watchLoop(() => service.placement(ids.map((id) => ({ id, label: 'Client' }))));
    console.log(
      `placement of ${MAX_CLIENTS} clients x 4 targets: ${watched.totalMs.toFixed(0)} ms, ${watched.ticks} timer turns, longest stall ${watched.longestStallMs.toFixed(1)} ms`,
    );
    expect(watched.result).toHaveLength(MAX_CLIENTS);
    expect(watched.result[1]?.decisions.map((d) => d.allowed)).toEqual([false, true, false, true]);
    expect(watched.ticks).toBeGreaterThan(0);

    const travel = await watchLoop(() => service.guard.travelPlan('US', []));
    console.log(
      `travel plan of ${MAX_CLIENTS} clients: ${travel.totalMs.toFixed(0)} ms, ${travel.ticks} timer turns, longest stall ${travel.longestStallMs.toFixed(1)} ms`,
    );
    expect(travel.result.excluded).toHaveLength(MAX_CLIENTS);
    expect(travel.result.deviceOnly).toHaveLength(MAX_CLIENTS / 2);
  }, 60_000);
});
