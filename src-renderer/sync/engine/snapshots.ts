/**
 * Snapshots in a sync round (docs/sync-layout.md, "Snapshots and compaction"):
 * - `learnSnapshots`: verifies the header and signature of every snapshot of a partition this
 *   device has not seen yet, and remembers its writer, time and vector in the progress (a
 *   snapshot is downloaded once per device, not once per round);
 * - `catchUp`: a device that joins, or lacks segments that are gone from the target, or lacks
 *   many, merges the snapshot that covers the most of what it lacks, then pulls only the segments
 *   after it. Merging is `applyChange` on the snapshot's records, so it is the segments' merge;
 * - `maybeWriteSnapshot`: once enough segments this device has applied are not covered by any
 *   snapshot, it writes one of its state at its vector.
 */
import { decodeSnapshot, encodeSnapshot, normalVector, openSnapshot, vectorHash, verifySnapshot, type SnapshotHeader } from '../segment/snapshot-codec.ts';
import { SnapshotError } from '../segment/errors.ts';
import type { DeviceRoster } from '../segment/device-roster.ts';
import { localPartition, snapshotObjectKey, parseSnapshotObjectKey, segmentKeyId } from '../segment/layout.ts';
import { cloneState } from '../merge/merge-state.ts';
import { isTooFarAhead } from '../merge/quarantine.ts';
import { lastSeq, merge, type VersionVector } from '../merge/version-vector.ts';
import type { Change, Partition } from '../../vault/store/rows.ts';
import { DEFAULT_GUARD_LIMITS, doomedBy, liveCount, overLimits } from './deletion-guard.ts';
import { safetyMarginMs } from './safety-margin.ts';
import { applyRemoteChanges } from './apply-remote.ts';
import type { SeenSnapshot } from './sync-progress.ts';
import { knownRejected, rememberRejection, removedWriterHeader, revalidate } from './snapshot-trust.ts';
import { claimedWriter, keptFrom, noteNewer, signedBy } from './newer-version.ts';
import type { CompactionOptions, RoundDeps, RoundResult } from './round-types.ts';

export const DEFAULT_SEGMENTS_PER_SNAPSHOT = 256;
const DEFAULT_CATCH_UP_FROM = 64;
/** Changes merged per transaction when applying a snapshot (cut at record boundaries). */
const APPLY_BATCH = 4000;

/** What this round fetched of a partition's snapshots, so a joining device downloads each once. */
export type FetchedSnapshots = Map<string, Uint8Array>;

function options(deps: RoundDeps): Required<Omit<CompactionOptions, 'marginMs' | 'retentionMs'>> {
  return {
    segmentsPerSnapshot: deps.compaction?.segmentsPerSnapshot ?? DEFAULT_SEGMENTS_PER_SNAPSHOT,
    catchUpFrom: deps.compaction?.catchUpFrom ?? DEFAULT_CATCH_UP_FROM,
  };
}

/** Total seqs `of` has beyond `base`, over every device. */
export function beyond(of: VersionVector, base: VersionVector): number {
  let n = 0;
  for (const [device, seq] of Object.entries(of)) n += Math.max(0, seq - lastSeq(base, device));
  return n;
}

function reject(result: RoundResult, key: string, error: unknown): void {
  if (!(error instanceof SnapshotError)) throw error;
  result.rejected.push({ key, code: error.code, message: error.message });
}

/**
 * Refuses a snapshot for good (until the object changes): reported once, remembered so it is not
 * downloaded again, dropped from the seen ones. A missing key is not the snapshot's fault: that is
 * only reported, and the snapshot is tried again once the key is here.
 */
function refuse(deps: RoundDeps, key: string, bytes: Uint8Array, caught: unknown, roster: DeviceRoster, result: RoundResult): void {
  if (!(caught instanceof SnapshotError) || caught.code === 'no-key') return reject(result, key, caught);
  let error = caught;
  if (error.code === 'unsupported-version') {
    const writer = signedBy(bytes, claimedWriter(bytes), roster);
    if (writer !== undefined) {
      // Not damage: a newer Caravan wrote it. Remembered with its format, so this device reads it
      // once updated; said once per device on the Sync screen, not listed as a refused file.
      noteNewer(result, writer, true);
      rememberRejection(deps, key, error, bytes.length, roster, { rejected: [] }, undefined, { format: bytes[4] as number, writer });
      return;
    }
    // Signed by no device of the roster, the version byte proves nothing: damage, or a forgery.
    error = new SnapshotError('bad-signature', `format ${bytes[4]}, no device's signature`);
  }
  const place = parseSnapshotObjectKey(key);
  const header = error.code === 'removed-device' && place ? removedWriterHeader(bytes, deps, place, roster) : null;
  rememberRejection(deps, key, error, bytes.length, roster, result, header?.vector);
}

/**
 * Verifies and records every listed snapshot of `pid` not seen (nor refused) yet; forgets the ones
 * no longer listed; stops trusting the seen ones the roster no longer lets through.
 */
export async function learnSnapshots(
  deps: RoundDeps,
  pid: string,
  listed: ReadonlyMap<string, number>,
  roster: DeviceRoster,
  result: RoundResult,
): Promise<FetchedSnapshots> {
  const seen = (deps.progress.snapshots ??= {});
  const fetched: FetchedSnapshots = new Map();
  const prefix = `p/${pid}/snap/`;
  for (const key of Object.keys(seen)) if (key.startsWith(prefix) && !listed.has(key)) delete seen[key];
  revalidate(deps, pid, listed, roster, result);
  for (const [key, size] of listed) {
    if (seen[key]) continue;
    if (knownRejected(deps, key, size, roster)) {
      // Still not readable here: the Sync screen keeps saying to update, without downloading it again.
      const refused = deps.progress.rejectedSnapshots?.[key];
      if (refused?.code === 'unsupported-version') noteNewer(result, refused.writer, true);
      continue;
    }
    const place = parseSnapshotObjectKey(key);
    const bytes = place ? await deps.remote.get(key) : null;
    if (!place || !bytes) continue;
    try {
      const header = verifySnapshot(bytes, { vaultId: deps.vaultId, expected: place, publicKeyOf: (d) => roster.publicKeyOf(d) });
      seen[key] = { device: header.device, at: header.at, seen: deps.now(), vector: header.vector };
      delete deps.progress.rejectedSnapshots?.[key];
      fetched.set(key, bytes);
    } catch (error) {
      refuse(deps, key, bytes, error, roster, result);
    }
  }
  await deps.saveProgress(deps.progress);
  return fetched;
}

/** The snapshots of `pid` this device has verified, by key. */
export function seenSnapshots(deps: RoundDeps, pid: string): [string, SeenSnapshot][] {
  return Object.entries(deps.progress.snapshots ?? {}).filter(([key]) => key.startsWith(`p/${pid}/snap/`));
}

/**
 * Merges the snapshot that covers the most of what this device lacks, when it joins (nothing of
 * the partition applied yet), or a segment it needs is gone from the target, or it lacks at least
 * `catchUpFrom` segments the snapshot covers. Returns the vector to pull segments from.
 */
export async function catchUp(
  deps: RoundDeps,
  pid: string,
  present: ReadonlyMap<string, readonly number[]>,
  fetched: FetchedSnapshots,
  roster: DeviceRoster,
  result: RoundResult,
): Promise<VersionVector> {
  const vector: VersionVector = deps.progress.vectors[pid] ?? {};
  const gone = (snapshot: VersionVector) =>
    Object.entries(snapshot).some(([device, seq]) => {
      const next = lastSeq(vector, device) + 1;
      return seq >= next && !(present.get(device) ?? []).includes(next);
    });
  const candidates = seenSnapshots(deps, pid)
    .filter(([, s]) => beyond(s.vector, vector) > 0)
    .sort(([, a], [, b]) => beyond(b.vector, vector) - beyond(a.vector, vector) || b.at - a.at);
  const joining = Object.keys(vector).length === 0;
  // The best candidate first; one that is refused when opened (or gone) makes way for the next.
  let snapshot: { header: SnapshotHeader; changes: Change[] } | undefined;
  let firstSeen = 0;
  for (const [key, seen] of candidates) {
    if (!joining && !gone(seen.vector) && beyond(seen.vector, vector) < options(deps).catchUpFrom) continue;
    const bytes = fetched.get(key) ?? (await deps.remote.get(key));
    const place = parseSnapshotObjectKey(key);
    if (!bytes || !place) continue;
    try {
      snapshot = await decodeSnapshot(bytes, {
        vaultId: deps.vaultId,
        expected: place,
        publicKeyOf: (d) => roster.publicKeyOf(d),
        keyFor: (keyId) => deps.keyRing.segmentKey(keyId),
      });
      firstSeen = seen.seen;
      break;
    } catch (error) {
      refuse(deps, key, bytes, error, roster, result);
    }
  }
  if (!snapshot) {
    await deps.saveProgress(deps.progress); // refusals are remembered
    return vector;
  }
  const now = deps.now();
  const ahead = snapshot.changes.filter((c) => isTooFarAhead(c.hlc, now)).length;
  if (ahead > 0) {
    // Its writer's clock was ahead of this one's: wait (segments still apply meanwhile).
    result.quarantined += ahead;
    return vector;
  }
  const partition = localPartition(pid);
  // A segment missing from the listing may only be on its way (a synced folder delivers files in
  // any order, the snapshot first): it counts as gone once the snapshot has been here for the
  // margin compaction waits too. Until then the segments come through the deletion guard instead.
  const lost = gone(snapshot.header.vector) && now - firstSeen >= safetyMarginMs(deps);
  if (!joining && !lost && (await wouldDeleteTooMuch(deps, partition, snapshot.changes))) return vector;
  for (const batch of byRecord(snapshot.changes, APPLY_BATCH)) {
    const written = await applyRemoteChanges({
      db: deps.db,
      partition,
      states: deps.states,
      changes: batch,
      origin: snapshot.header.device,
      clock: deps.clock,
    });
    result.incomplete += written.incomplete;
    result.newer += written.newer;
    // Not named: the snapshot's writer may only be passing on what a newer device wrote.
    if (written.newer > 0) keptFrom(deps, result, undefined);
    result.recordsWritten += written.records;
  }
  result.snapshotsApplied++;
  const next = merge(vector, snapshot.header.vector);
  deps.progress.vectors[pid] = next;
  await deps.saveProgress(deps.progress);
  return next;
}

/** Batches of about `size` changes that never split one record's changes (a record is validated whole). */
function byRecord(changes: readonly Change[], size: number): Change[][] {
  const batches: Change[][] = [];
  let current: Change[] = [];
  let last = '';
  for (const change of changes) {
    const record = `${change.table}|${change.id}`;
    if (current.length >= size && record !== last) {
      batches.push(current);
      current = [];
    }
    current.push(change);
    last = record;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Writes a snapshot of this device's state of `pid` at its vector once at least
 * `segmentsPerSnapshot` of the segments on the target that it has applied are covered by no
 * snapshot. The state holds at least the vector's changes (it may hold more: this device's own
 * edits not pushed yet, changes pulled from another target), which merging tolerates: every
 * change in it is genuine and will arrive anyway.
 */
export async function maybeWriteSnapshot(deps: RoundDeps, pid: string, present: ReadonlyMap<string, readonly number[]>, result: RoundResult): Promise<void> {
  const vector = normalVector(deps.progress.vectors[pid] ?? {});
  const covered = seenSnapshots(deps, pid).reduce<VersionVector>((acc, [, s]) => merge(acc, s.vector), {});
  let uncovered = 0;
  for (const [device, seqs] of present) uncovered += seqs.filter((seq) => seq <= lastSeq(vector, device) && seq > lastSeq(covered, device)).length;
  // Segments gone from the target with no trusted snapshot covering them (the provider deleted it
  // after a compaction, or its writer was removed since): a new device could not get past that
  // gap, so write one now whatever the count. The gap is the first seq past the coverage that this
  // device has applied and the target no longer holds; a device whose every segment was compacted
  // away is not in `present` at all, so the check runs over this device's vector.
  const orphaned = Object.entries(vector).some(([device, seq]) => {
    const next = lastSeq(covered, device) + 1;
    return next <= seq && !(present.get(device) ?? []).includes(next);
  });
  if (uncovered < options(deps).segmentsPerSnapshot && !orphaned) return;
  // Written in the current key epoch, like the segments (version 2 under an epoch key id).
  const keyId = segmentKeyId(pid, deps.keyRing.hasEpochs() ? deps.keyRing.currentEpoch().epoch.id : 'legacy');
  const key = deps.keyRing.segmentKey(keyId);
  if (!key) return;
  const partition = localPartition(pid);
  const state = await deps.db.transaction('r', ['changes'], async () => cloneState(await deps.states.forPartition(deps.db, partition)));
  const at = deps.now();
  let bytes: Uint8Array;
  try {
    bytes = await encodeSnapshot({
      vaultId: deps.vaultId,
      partition: pid,
      device: deps.device.id,
      at,
      vector,
      state,
      key,
      keyId,
      signingKey: deps.device.secretKey,
    });
  } catch (error) {
    reject(result, `p/${pid}/snap/`, error);
    return;
  }
  const objectKey = snapshotObjectKey(pid, vectorHash(vector));
  await deps.remote.put(objectKey, bytes);
  result.snapshotsWritten++;
  result.bytesSent += bytes.length;
  (deps.progress.snapshots ??= {})[objectKey] = { device: deps.device.id, at, seen: at, vector };
  await deps.saveProgress(deps.progress);
}

/** Re-reads a snapshot and checks it whole (signature, key, payload): compaction deletes nothing on the word of one it cannot open. */
export async function checkSnapshot(deps: RoundDeps, key: string, roster: DeviceRoster, result: RoundResult): Promise<SnapshotHeader | null> {
  const place = parseSnapshotObjectKey(key);
  const bytes = place ? await deps.remote.get(key) : null;
  if (!place || !bytes) return null;
  try {
    const header = verifySnapshot(bytes, { vaultId: deps.vaultId, expected: place, publicKeyOf: (d) => roster.publicKeyOf(d) });
    await openSnapshot(bytes, header, { keyFor: (keyId) => deps.keyRing.segmentKey(keyId) });
    return header;
  } catch (error) {
    refuse(deps, key, bytes, error, roster, result);
    return null;
  }
}

/** Whether applying `changes` would delete more here than the deletion guard lets through unasked. */
async function wouldDeleteTooMuch(deps: RoundDeps, partition: Partition, changes: readonly Change[]): Promise<boolean> {
  if (!changes.some((c) => c.op === 'delete')) return false;
  const limits = deps.guardLimits ?? DEFAULT_GUARD_LIMITS;
  const state = await deps.states.forPartition(deps.db, partition);
  const doomed = doomedBy(state, changes).length;
  return doomed > 0 && overLimits(doomed, liveCount(state), limits);
}
