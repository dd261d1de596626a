/**
 * A new device joining a vault whose partition holds 10 000 time blocks: from a snapshot plus the
 * segments after it, against replaying every segment (the baseline), both in the same run, through
 * an in-memory Remote (the engine's own cost; the transports are measured by sync.ts).
 *
 * Per run: a fresh vault; A creates a client and a project, writes the blocks with
 * `createTimeBlock` and pushes them; a round of A with `segmentsPerSnapshot: 1` writes a snapshot
 * of the client partition (timed, with its size against the segments' bytes); A writes 100 more
 * blocks and pushes them (the tail). Then, in alternating order, device R joins from a copy of the
 * target without its snapshots (replaying every segment) and device J joins from the target
 * (snapshot + tail). Both must end with every block, or the suite stops.
 *
 * SYNC_JOIN_RUNS (default 3) and SYNC_BLOCKS (default 10000) change the plan.
 */
import { getSodium } from '../../../src-renderer/vault/crypto/sodium.ts';
import { createClient } from '../../../src-renderer/vault/repos/clients.ts';
import { createProject } from '../../../src-renderer/vault/repos/projects.ts';
import { createTimeBlock } from '../../../src-renderer/vault/repos/time-blocks.ts';
import { device, memoryRemote, newVault, type Device } from '../../unit/renderer/sync/engine/harness.ts';
import { figure, type Figure } from '../result.ts';
import { summarize } from '../stats.ts';

const RUNS = Number(process.env['SYNC_JOIN_RUNS'] ?? 3);
const BLOCKS = Number(process.env['SYNC_BLOCKS'] ?? 10_000);
const TAIL = 100;
const DAY = 86_400_000;

interface Sample {
  replayMs: number;
  joinMs: number;
  snapshotMs: number;
  snapshotBytes: number;
  segmentBytes: number;
  segments: number;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

async function oneRun(blocks: number, run: number): Promise<Sample> {
  const vault = newVault();
  const a = await device(vault);
  const opened: Device[] = [a];
  try {
    const client = await createClient(a.workspace.ctx, {
      name: 'Acme GmbH',
      country: 'DE',
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
      defaultRateMinor: 9_500,
      residency: { kind: 'zone', zone: 'EEA' },
    });
    const project = await createProject(a.workspace.ctx, { clientId: client.id, name: 'Website relaunch', status: 'active' });
    const write = async (from: number, n: number) => {
      for (let i = from; i < from + n; i++) {
        const start = Date.UTC(2024, 0, 1) + Math.floor(i / 8) * DAY + (7 + (i % 8)) * 3_600_000;
        await createTimeBlock(a.workspace.ctx, {
          projectId: project.id,
          start,
          end: start + 45 * 60_000,
          zone: 'Europe/Berlin',
          kind: 'deep',
          billable: true,
          note: `Feature-store migration, step ${i}: review and tests`,
        });
      }
    };
    const remote = memoryRemote();
    await write(0, blocks);
    await a.round(remote);
    const snap = await timed(() => a.round(remote, { compaction: { segmentsPerSnapshot: 1 } }));
    if (snap.value.snapshotsWritten < 1) throw new Error('A wrote no snapshot');
    await write(blocks, TAIL);
    await a.round(remote);
    const keys = [...remote.objects.keys()];
    const snapshotBytes = keys.filter((k) => k.startsWith(`p/${client.id}/snap/`)).reduce((n, k) => n + (remote.objects.get(k)?.length ?? 0), 0);
    const segmentKeys = keys.filter((k) => k.startsWith(`p/${client.id}/log/`));
    const segmentBytes = segmentKeys.reduce((n, k) => n + (remote.objects.get(k)?.length ?? 0), 0);
    const withoutSnapshots = memoryRemote(new Map([...remote.objects].filter(([k]) => !k.includes('/snap/'))));

    const replay = async () => {
      const r = await device(vault);
      opened.push(r);
      const done = await timed(() => r.round(withoutSnapshots));
      if (done.value.snapshotsApplied !== 0 || (await r.workspace.ctx.db.timeBlocks.count()) !== blocks + TAIL)
        throw new Error('replay did not deliver every block');
      return done.ms;
    };
    const join = async () => {
      const j = await device(vault);
      opened.push(j);
      const done = await timed(() => j.round(remote));
      if (done.value.snapshotsApplied !== 1 || (await j.workspace.ctx.db.timeBlocks.count()) !== blocks + TAIL)
        throw new Error('the join from snapshot + tail did not deliver every block');
      return done.ms;
    };
    let replayMs: number;
    let joinMs: number;
    if (run % 2 === 0) {
      replayMs = await replay();
      joinMs = await join();
    } else {
      joinMs = await join();
      replayMs = await replay();
    }
    return { replayMs, joinMs, snapshotMs: snap.ms, snapshotBytes, segmentBytes, segments: segmentKeys.length };
  } finally {
    for (const d of opened) d.workspace.close();
  }
}

export async function syncJoin(): Promise<Figure[]> {
  await getSodium();
  await oneRun(500, 0); // warm-up, discarded
  const samples: Sample[] = [];
  for (let run = 0; run < RUNS; run++) {
    const s = await oneRun(BLOCKS, run);
    console.log(
      `  join run ${run + 1}: replay ${Math.round(s.replayMs)} ms, snapshot + tail ${Math.round(s.joinMs)} ms; snapshot written in ${Math.round(s.snapshotMs)} ms, ${s.snapshotBytes} B against ${s.segmentBytes} B in ${s.segments} segments`,
    );
    samples.push(s);
  }
  const n = BLOCKS.toLocaleString('en').replace(/,/g, ' ');
  const replay = {
    description: `a new device's first round replaying all segments (${n} + ${TAIL} blocks, no snapshot on the target), same run`,
    value: summarize(samples.map((s) => s.replayMs)),
  };
  return [
    figure({
      id: `sync.join.${BLOCKS / 1000}k.snapshot-tail`,
      description: `a new device's first round from a snapshot of ${n} blocks plus a tail segment of ${TAIL}, in-memory Remote`,
      unit: 'ms',
      value: summarize(samples.map((s) => s.joinMs)),
      baseline: replay,
    }),
    figure({
      id: `sync.join.${BLOCKS / 1000}k.snapshot-bytes`,
      description: `the snapshot of a client partition with ${n} blocks (deflated, encrypted, signed)`,
      unit: 'bytes',
      value: summarize(samples.map((s) => s.snapshotBytes)),
      baseline: {
        description: 'the bytes of the segments on the target for the same partition (snapshot + tail)',
        value: summarize(samples.map((s) => s.segmentBytes)),
      },
    }),
    figure({
      id: `sync.join.${BLOCKS / 1000}k.snapshot-write`,
      description: `A's round that writes the snapshot of ${n} blocks (nothing else to do)`,
      unit: 'ms',
      value: summarize(samples.map((s) => s.snapshotMs)),
      baseline: replay,
    }),
  ];
}
