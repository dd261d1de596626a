/**
 * The deletion guard in the pull (deletion-guard.ts): a device's verified segments of a partition
 * are applied only after the guard has seen them together, or as the person decided on exactly
 * that range. Its own module so the round stays readable.
 */
import { applyRemoteChanges } from './apply-remote.ts';
import { DEFAULT_GUARD_LIMITS, doomedBy, liveCounts, overLimits } from './deletion-guard.ts';
import { lastSeq } from '../merge/version-vector.ts';
import type { Change, Partition } from '../../vault/store/rows.ts';
import type { PausedBatch, RoundDeps, RoundResult } from './round-types.ts';
import { conflictsOf, type AckReader } from './conflicts.ts';
import { keptFrom } from './newer-version.ts';

/** The pull's progress count, and the acknowledgements the conflict check reads (once per round). */
export interface PullCounter {
  done: number;
  total: number;
  acks: AckReader;
}

/** One verified segment of another device, not applied yet. */
export interface PulledSegment {
  seq: number;
  changes: readonly Change[];
}

/** Applies `run` (one device's next segments, in order) as far as the guard and the person's decisions allow. */
export async function guardAndApply(
  deps: RoundDeps,
  pid: string,
  partition: Partition,
  device: string,
  run: readonly PulledSegment[],
  result: RoundResult,
  counter: PullCounter,
): Promise<void> {
  if (run.length === 0) return;
  const reviewed = await reviewedPrefix(deps, pid, partition, device, run, result);
  for (const segment of reviewed) await applySegment(deps, pid, partition, device, segment, result, counter);
  const rest = run.slice(reviewed.length);
  if (rest.length === 0) return;
  const paused = await guard(deps, pid, partition, device, rest);
  if (paused) {
    result.paused.push(paused);
    return;
  }
  for (const segment of rest) await applySegment(deps, pid, partition, device, segment, result, counter);
}

/**
 * The leading segments of `run` the person already reviewed (a decision for this device whose
 * range holds the first one), the decision carried out: for `keep`, the records they would delete
 * are written again first, stamped after every delete in the range, so they win everywhere.
 */
async function reviewedPrefix(
  deps: RoundDeps,
  pid: string,
  partition: Partition,
  device: string,
  run: readonly PulledSegment[],
  result: RoundResult,
): Promise<PulledSegment[]> {
  const first = (run[0] as PulledSegment).seq;
  const decisions = deps.progress.guard?.[pid] ?? [];
  // Decisions the vector has passed are done: forget them.
  const open = decisions.filter((d) => d.toSeq > lastSeq(deps.progress.vectors[pid] ?? {}, d.device));
  const decision = open.find((d) => d.device === device && d.fromSeq <= first && first <= d.toSeq);
  const remaining = open.filter((d) => d !== decision);
  if (open.length !== decisions.length || decision) {
    const guard = (deps.progress.guard ??= {});
    if (remaining.length > 0 || decision) guard[pid] = decision ? [...remaining, decision] : remaining;
    else delete guard[pid];
  }
  if (!decision) return [];
  const reviewed = run.filter((s) => s.seq <= decision.toSeq);
  if (decision.choice === 'keep') {
    const changes = reviewed.flatMap((s) => s.changes);
    const state = await deps.states.forPartition(deps.db, partition);
    const doomed = doomedBy(state, changes);
    if (doomed.length > 0) {
      const newest = changes.reduce((max, c) => (c.hlc > max ? c.hlc : max), '');
      if (newest) deps.clock.observe?.(newest);
      const hlc = deps.clock.next();
      const writes: Change[] = doomed.flatMap(({ table, id, record }) =>
        Object.entries(record).map(([field, value]) => ({ op: 'set', table, id, field, value, hlc }) as Change),
      );
      // Logged as this device's own writes, so the next push sends them to every device.
      await applyRemoteChanges({ db: deps.db, partition, states: deps.states, changes: writes, origin: undefined, clock: deps.clock });
      result.kept += doomed.length;
    }
  }
  return reviewed;
}

/** The batch paused for review when `run` would delete more than the limits allow; undefined to go on. */
async function guard(deps: RoundDeps, pid: string, partition: Partition, device: string, run: readonly PulledSegment[]): Promise<PausedBatch | undefined> {
  const changes = run.flatMap((s) => s.changes);
  if (!changes.some((c) => c.op === 'delete')) return undefined;
  const limits = deps.guardLimits ?? DEFAULT_GUARD_LIMITS;
  const state = await deps.states.forPartition(deps.db, partition);
  const doomed = doomedBy(state, changes);
  if (doomed.length < limits.minShareCount && doomed.length <= limits.count) return undefined;
  const liveByTable = liveCounts(state);
  const live = Object.values(liveByTable).reduce((a, b) => a + b, 0);
  if (!overLimits(doomed.length, live, limits)) return undefined;
  const newest = changes.reduce((max, c) => (c.hlc > max ? c.hlc : max), '');
  return { partition: pid, device, fromSeq: (run[0] as PulledSegment).seq, toSeq: (run.at(-1) as PulledSegment).seq, live, liveByTable, doomed, newest };
}

async function applySegment(
  deps: RoundDeps,
  pid: string,
  partition: Partition,
  device: string,
  segment: PulledSegment,
  result: RoundResult,
  counter: PullCounter,
): Promise<void> {
  const { seq, changes } = segment;
  const written = await applyRemoteChanges({ db: deps.db, partition, states: deps.states, changes, origin: device, clock: deps.clock });
  if (written.contested.length > 0) result.conflicts.push(...(await conflictsOf(deps, counter.acks, pid, device, seq, written.contested)));
  result.incomplete += written.incomplete;
  result.newer += written.newer;
  if (written.newer > 0) keptFrom(deps, result, device);
  result.recordsWritten += written.records;
  if (written.residencyChanged && partition !== 'workspace') result.policyFrom[partition.slice('client:'.length)] = device;
  result.appliedSegments++;
  result.appliedChanges += changes.length;
  deps.progress.vectors[pid] = { ...(deps.progress.vectors[pid] ?? {}), [device]: seq };
  await deps.saveProgress(deps.progress);
  counter.done++;
  deps.onProgress?.(counter.done, counter.total);
}
