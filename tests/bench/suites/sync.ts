/**
 * Sync through real targets, in Node: two devices of one vault (tests/unit/renderer/sync/engine/harness.ts:
 * each with its own fake-indexeddb world, the real sync round, main's transports called directly),
 * against a temporary folder, rclone's WebDAV (tests/servers/rclone-webdav.ts) and s3rver through
 * the AWS SDK (tests/servers/s3rver.ts), plus an in-memory Remote as the engine's own cost.
 *
 * - 10k changes A → B: device A writes 10 000 time blocks, one `createTimeBlock` each (one
 *   transaction and one change log entry of 12 field changes per block); then, per target, A's
 *   round pushes them and B's round pulls, verifies, merges and writes them. Baseline: the 10 000
 *   local writes on A, timed in the same run. Bytes sent (RoundResult.bytesSent) are set against
 *   the plaintext canonical JSON of the changes.
 * - Idle round: with everything synced, one round on A (the writer) and one on B (the receiver)
 *   against each target; baseline: the same round of the same devices against an in-memory copy
 *   of that target's objects.
 *
 * Per run: a fresh vault; A seeds a client and a project and syncs them to one B per target (B
 * starts with them, as a device already in use would), then writes the blocks once; every target
 * gets its own A progress (as in the app: progress is per target) and its own fresh server, folder
 * or map. Target order rotates from run to run. Nothing is asserted about the numbers; a round that
 * does not deliver every block stops the suite (the figures would mean nothing).
 *
 * SYNC_RUNS (default 3) and SYNC_BLOCKS (default 10000) change the plan, for quick looks.
 * SYNC_PROFILE=<folder> adds one uncounted run after the counted ones that writes CPU profiles
 * (.cpuprofile, Node's inspector) of A's writes, and of each target's push, pull and receiver's idle round.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { getSodium } from '../../../src-renderer/vault/crypto/sodium.ts';
import { createClient } from '../../../src-renderer/vault/repos/clients.ts';
import { createProject } from '../../../src-renderer/vault/repos/projects.ts';
import { createTimeBlock, type NewTimeBlock } from '../../../src-renderer/vault/repos/time-blocks.ts';
import { readChanges } from '../../../src-renderer/vault/repos/change-log.ts';
import { canonicalJson } from '../../../src-renderer/sync/segment/canonical-json.ts';
import type { Remote } from '../../../src-renderer/sync/engine/remote.ts';
import { emptyProgress, type SyncProgress } from '../../../src-renderer/sync/engine/sync-progress.ts';
import type { RoundResult } from '../../../src-renderer/sync/engine/round-types.ts';
import type { BlockKind, TimeBlock } from '../../../src-renderer/domain/time-block.ts';
import { device, newVault, type Device } from '../../unit/renderer/sync/engine/harness.ts';
import { rcloneMissing } from '../../servers/rclone-webdav.ts';
import { figure, type Figure } from '../result.ts';
import { syncJoin } from './sync-join.ts';
import { summarize } from '../stats.ts';
import { LABEL, memoryRemote, openTarget, type Target, type TargetId } from './sync-targets.ts';

/** 10k runs; one takes about 30 s on the quiet 2-core machine (the 10 000 writes ~5 s), several times that under load. */
const RUNS = Number(process.env['SYNC_RUNS'] ?? 3);
const BLOCKS = Number(process.env['SYNC_BLOCKS'] ?? 10_000);
/** Idle rounds per device, target and run (each beside one against the in-memory copy). */
const IDLE_ROUNDS = 3;
const WARMUP_BLOCKS = 500;

const KINDS: readonly BlockKind[] = ['deep', 'deep', 'shallow', 'meeting', 'break'];
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2024, 0, 1);

/** Eight blocks a working day from 2024 on, 15 min to 1 h 45, kinds mixed, a ~45-character note. */
function blockInput(projectId: string, i: number): NewTimeBlock {
  const start = FIRST_DAY + Math.floor(i / 8) * DAY + (7 + (i % 8)) * 3_600_000;
  const kind = KINDS[i % KINDS.length] as BlockKind;
  return {
    projectId,
    start,
    end: start + (15 + ((i * 37) % 91)) * 60_000,
    zone: 'Europe/Berlin',
    kind,
    billable: kind !== 'break',
    note: `Feature-store migration, step ${i}: review and tests`,
  };
}

/** A device's progress per target: swapped in before each round (the app keeps one per target). */
class PerTarget {
  readonly #progress = new Map<TargetId, SyncProgress>();

  round(d: Device, target: TargetId, remote: Remote): Promise<RoundResult> {
    const progress = this.#progress.get(target) ?? emptyProgress();
    this.#progress.set(target, progress);
    d.progress = progress;
    return d.round(remote);
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** Runs `work`, writing a CPU profile of it to `<dir>/<name>.cpuprofile` when `dir` is set. */
async function profiled<T>(dir: string | undefined, name: string, work: () => Promise<T>): Promise<T> {
  if (!dir) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/** One target in one run: the 10k push and pull, and the idle rounds on A and B (target and in-memory copy). */
interface TargetSample {
  pushMs: number;
  pullMs: number;
  bytesSent: number;
  segments: number;
  idle: { a: number[]; b: number[]; aMem: number[]; bMem: number[] };
}

interface RunSample {
  writeMs: number;
  fieldChanges: number;
  changesJsonBytes: number;
  recordsJsonBytes: number;
  changesGzipBytes: number;
  perTarget: Map<TargetId, TargetSample>;
}

async function oneRun(targets: readonly TargetId[], blocks: number, run: number, profile?: string): Promise<RunSample> {
  const vault = newVault();
  const a = await device(vault);
  const aProgress = new PerTarget();
  const opened = new Map<TargetId, { target: Target; b: Device; bProgress: PerTarget }>();
  try {
    // Setup: a client and a project on A, synced to one B per target.
    const client = await createClient(a.workspace.ctx, {
      name: 'Acme GmbH',
      country: 'DE',
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
      defaultRateMinor: 9_500,
      residency: { kind: 'zone', zone: 'EEA' },
    });
    const project = await createProject(a.workspace.ctx, { clientId: client.id, name: 'Website relaunch', status: 'active' });
    for (const id of targets) {
      const target = await openTarget(id);
      const b = await device(vault);
      const bProgress = new PerTarget();
      opened.set(id, { target, b, bProgress });
      await aProgress.round(a, id, target.remote);
      // B adopts the client key in its first round and uploads it in its second.
      await bProgress.round(b, id, target.remote);
      await bProgress.round(b, id, target.remote);
    }

    // A's writes, once: the baseline.
    const inputs = Array.from({ length: blocks }, (_, i) => blockInput(project.id, i));
    const records: TimeBlock[] = [];
    const write = await timed(() =>
      profiled(profile, 'writes', async () => {
        for (const input of inputs) records.push(await createTimeBlock(a.workspace.ctx, input));
      }),
    );
    const encoder = new TextEncoder();
    const recordsJsonBytes = encoder.encode(JSON.stringify(records)).length;
    const entries = (await readChanges(a.workspace.ctx.db, `client:${client.id}`)).slice(-blocks);
    const changes = entries.flatMap((e) => e.changes);
    const changesJson = encoder.encode(canonicalJson(changes));
    const changesJsonBytes = changesJson.length;
    // For comparison only: what gzip makes of the whole plaintext at once (segments deflate each ~1 MiB chunk on its own).
    const changesGzipBytes = gzipSync(changesJson).length;

    const sample: RunSample = { writeMs: write.ms, fieldChanges: changes.length, changesJsonBytes, recordsJsonBytes, changesGzipBytes, perTarget: new Map() };
    for (const id of targets) {
      const { target, b, bProgress } = opened.get(id) as { target: Target; b: Device; bProgress: PerTarget };
      const push = await timed(() => profiled(profile, `${id}-push`, () => aProgress.round(a, id, target.remote)));
      const pull = await timed(() => profiled(profile, `${id}-pull`, () => bProgress.round(b, id, target.remote)));
      if (
        push.value.pushedChanges !== changes.length ||
        pull.value.appliedChanges !== changes.length ||
        pull.value.recordsWritten !== blocks ||
        pull.value.rejected.length > 0
      ) {
        throw new Error(`sync through ${id} did not deliver every block: ${JSON.stringify({ push: push.value, pull: pull.value })}`);
      }
      if ((await b.workspace.ctx.db.timeBlocks.count()) !== blocks) throw new Error(`B holds the wrong number of blocks after ${id}`);
      // Settle (nothing should move), then idle rounds against the target and an in-memory copy.
      await aProgress.round(a, id, target.remote);
      await bProgress.round(b, id, target.remote);
      const copy = memoryRemote(await target.snapshot());
      const idle: TargetSample['idle'] = { a: [], b: [], aMem: [], bMem: [] };
      for (let i = 0; i < IDLE_ROUNDS; i++) {
        const order = (i + run) % 2 === 0 ? (['target', 'memory'] as const) : (['memory', 'target'] as const);
        for (const where of order) {
          const remote = where === 'target' ? target.remote : copy;
          const onA = await timed(() => aProgress.round(a, id, remote));
          const onB = await timed(() => profiled(i === 0 ? profile : undefined, `${id}-idle-receiver-${where}`, () => bProgress.round(b, id, remote)));
          for (const r of [onA.value, onB.value]) {
            if (r.pushedSegments + r.appliedSegments + r.bytesSent > 0) throw new Error(`an idle round through ${id} moved data: ${JSON.stringify(r)}`);
          }
          (where === 'target' ? idle.a : idle.aMem).push(onA.ms);
          (where === 'target' ? idle.b : idle.bMem).push(onB.ms);
        }
      }
      sample.perTarget.set(id, { pushMs: push.ms, pullMs: pull.ms, bytesSent: push.value.bytesSent, segments: push.value.pushedSegments, idle });
      console.log(
        `  run ${run + 1} ${id}: push ${Math.round(push.ms)} ms (${push.value.pushedSegments} segments, ${push.value.bytesSent} B), ` +
          `pull+apply ${Math.round(pull.ms)} ms; idle A ${idle.a.map(Math.round).join('/')} (memory ${idle.aMem.map(Math.round).join('/')}), ` +
          `idle B ${idle.b.map(Math.round).join('/')} (memory ${idle.bMem.map(Math.round).join('/')}) ms`,
      );
    }
    return sample;
  } finally {
    a.workspace.close();
    for (const { target, b } of opened.values()) {
      b.workspace.close();
      await target.close();
    }
  }
}

const grouped = (n: number) => n.toLocaleString('en').replace(/,/g, ' ');
const k = (n: number) => `${n / 1000}k`;

export async function sync(): Promise<Figure[]> {
  await getSodium();
  const missing = rcloneMissing();
  if (missing) console.log(`  skipping the WebDAV figures: ${missing}`);
  const targets: TargetId[] = ['folder', ...(missing ? [] : (['webdav'] as const)), 's3', 'memory'];
  console.log(
    `  load average at start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  // Warm-up (JIT, servers' first requests), discarded.
  await oneRun(targets, WARMUP_BLOCKS, 0);

  const samples: RunSample[] = [];
  for (let run = 0; run < RUNS; run++) {
    const order = targets.map((_, i) => targets[(i + run) % targets.length] as TargetId);
    const sample = await oneRun(order, BLOCKS, run);
    console.log(
      `  run ${run + 1}: ${BLOCKS} writes on A ${Math.round(sample.writeMs)} ms; ${sample.fieldChanges} field changes, ${sample.changesJsonBytes} B as JSON, ${sample.changesGzipBytes} B gzipped (records as JSON ${sample.recordsJsonBytes} B)`,
    );
    samples.push(sample);
  }
  console.log(
    `  load average at end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const profileDir = process.env['SYNC_PROFILE'];
  if (profileDir) {
    await oneRun(targets, BLOCKS, RUNS, profileDir);
    console.log(`  wrote CPU profiles of one extra run to ${profileDir}`);
  }

  const first = samples[0] as RunSample;
  const n = grouped(BLOCKS);
  const writes = {
    description: `${n} createTimeBlock calls on A (one transaction, one change log entry each), same run`,
    value: summarize(samples.map((s) => s.writeMs)),
  };
  const figures: Figure[] = [];
  for (const id of targets) {
    const per = samples.map((s) => s.perTarget.get(id) as TargetSample);
    const segments = [...new Set(per.map((p) => p.segments))].join(' or ');
    const what = `${n} new time blocks (${grouped(first.fieldChanges)} field changes) through ${LABEL[id]}`;
    figures.push(
      figure({
        id: `sync.${k(BLOCKS)}.${id}.push`,
        description: `A's round pushing ${what}, ${segments} segments`,
        unit: 'ms',
        value: summarize(per.map((p) => p.pushMs)),
        baseline: writes,
      }),
      figure({
        id: `sync.${k(BLOCKS)}.${id}.pull-apply`,
        description: `B's round pulling, verifying, merging and writing ${what}`,
        unit: 'ms',
        value: summarize(per.map((p) => p.pullMs)),
        baseline: writes,
      }),
      figure({
        id: `sync.${k(BLOCKS)}.${id}.total`,
        description: `push + pull-apply of ${what}`,
        unit: 'ms',
        value: summarize(per.map((p) => p.pushMs + p.pullMs)),
        baseline: writes,
      }),
      figure({
        id: `sync.${k(BLOCKS)}.${id}.bytes-sent`,
        description: `RoundResult.bytesSent of A's round pushing ${n} new time blocks (${segments} segments; A's roster entry and the client key went up in the setup round)`,
        unit: 'bytes',
        value: summarize(per.map((p) => p.bytesSent)),
        baseline: {
          description: `canonical JSON of the ${grouped(first.fieldChanges)} field changes (plaintext of the segments)`,
          value: summarize(samples.map((s) => s.changesJsonBytes)),
        },
      }),
    );
  }
  for (const id of targets) {
    if (id === 'memory') continue;
    const per = samples.map((s) => s.perTarget.get(id) as TargetSample);
    for (const [who, key, memKey, role] of [
      ['a', 'a', 'aMem', `A (the writer; nothing from others to pull)`],
      ['b', 'b', 'bMem', `B (the receiver of ${n} blocks)`],
    ] as const) {
      figures.push(
        figure({
          id: `sync.idle.${id}.${who === 'a' ? 'writer' : 'receiver'}`,
          description: `one round with nothing to sync on ${role} through ${LABEL[id]}; ${IDLE_ROUNDS} per run`,
          unit: 'ms',
          value: summarize(per.flatMap((p) => p.idle[key])),
          baseline: {
            description: `the same round of the same device against an in-memory copy of the target's objects`,
            value: summarize(per.flatMap((p) => p.idle[memKey])),
          },
        }),
      );
    }
  }
  // A new device joining from a snapshot + tail against replaying every segment (sync-join.ts).
  figures.push(...(await syncJoin()));
  return figures;
}
