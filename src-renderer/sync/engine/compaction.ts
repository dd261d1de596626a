/**
 * Acknowledgements and compaction of one partition, at the end of a sync round
 * (docs/sync-layout.md, "Snapshots and compaction"). The rules, and why each holds:
 *
 * - A segment is deleted only if every device of the roster that is not removed has acknowledged
 *   it (a device with no acknowledgement has acknowledged nothing): no device still needs it.
 * - ... and only if a snapshot that covers it has verified whole here and is older than the safety
 *   margin (24 h on a folder, 4 h on WebDAV and S3), counted from the later of its signed time and
 *   the moment this device first saw it: a device that lists the target now sees that snapshot too,
 *   even through a slow folder sync, and a writer's fast clock cannot shorten the wait.
 * - On S3 and WebDAV, also by the server's clock (`agedOnServer`): this device's clock may have
 *   been slow when it saw the snapshot and corrected since, which would end the wait early.
 * - Snapshots that this one supersedes (vector at or below it) go under the same rule, and
 *   acknowledgements superseded by a newer one of the same device (or of a removed device).
 * - History: the covering snapshot must also be older than the retention window the person chose.
 *   Every segment it covers was sealed before it was written, so no segment newer than the window
 *   is ever deleted, even when a newer snapshot covers it.
 * - Deletions run segments first, then snapshots, then acknowledgements; the covering snapshot is
 *   never among them. A crash after any delete leaves that snapshot plus every segment after it:
 *   any device can still start from it and catch up.
 */
import { decodeAck, encodeAck } from '../segment/ack.ts';
import type { DeviceRoster } from '../segment/device-roster.ts';
import { ackObjectKey, parseAckObjectKey, segmentObjectKey } from '../segment/layout.ts';
import { normalVector } from '../segment/snapshot-codec.ts';
import { canonicalJson } from '../segment/canonical-json.ts';
import { compare, lastSeq, type VersionVector } from '../merge/version-vector.ts';
import { checkSnapshot, DEFAULT_SEGMENTS_PER_SNAPSHOT, seenSnapshots } from './snapshots.ts';
import type { RoundDeps, RoundResult } from './round-types.ts';
import { safetyMarginMs } from './safety-margin.ts';

/** The objects of one partition on the target, from the round's listing. */
export interface PartitionListing {
  /** Device → seqs present. */
  segments: ReadonlyMap<string, readonly number[]>;
  /** Snapshot key → size. */
  snapshots: ReadonlyMap<string, number>;
  acks: readonly string[];
  /** Snapshot key → the store's modification time, where the listing gave one. */
  snapshotTimes: ReadonlyMap<string, number>;
  /**
   * The newest modification time in this round's listing of the whole target: the server's clock
   * had reached at least this when it listed (it includes whatever this device pushed just before).
   */
  serverNow?: number;
}

/** Writes a new acknowledgement of `pid` when this device's vector moved since its last one. */
export async function publishAck(deps: RoundDeps, pid: string, listing: PartitionListing, result: RoundResult): Promise<void> {
  const vector = normalVector(deps.progress.vectors[pid] ?? {});
  if (Object.keys(vector).length === 0) return;
  const acks = (deps.progress.acks ??= {});
  const last = acks[pid];
  if (last && canonicalJson(last.vector) === canonicalJson(vector)) return;
  // Without a local record (meta store reset), continue after the highest number on the target: never reuse one.
  const highest = listing.acks
    .map((k) => parseAckObjectKey(k))
    .filter((a) => a?.device === deps.device.id)
    .reduce((max, a) => Math.max(max, a?.n ?? 0), 0);
  const n = Math.max(last?.n ?? 0, highest) + 1;
  const bytes = encodeAck({ vaultId: deps.vaultId, partition: pid, device: deps.device.id, n, at: deps.now(), vector }, deps.device.secretKey);
  await deps.remote.put(ackObjectKey(pid, deps.device.id, n), bytes);
  result.bytesSent += bytes.length;
  acks[pid] = { n, vector };
  await deps.saveProgress(deps.progress);
}

/**
 * Whether the server's clock agrees that snapshot `key` is older than the margin. Only S3 and
 * WebDAV count: their modification times are set by the server, so a correction of this device's
 * clock cannot shorten the wait; a synced folder's mtimes are copied from the writer's clock and
 * prove nothing. A store that gives no time for the snapshot leaves this device's clock alone to
 * decide, as before. `serverNow` only lags the server's present (nothing written lately), which
 * delays compaction and never hastens it.
 */
export function agedOnServer(
  deps: Pick<RoundDeps, 'targetKind'>,
  listing: Pick<PartitionListing, 'snapshotTimes' | 'serverNow'>,
  key: string,
  margin: number,
): boolean {
  if (deps.targetKind !== 's3' && deps.targetKind !== 'webdav') return true;
  const modified = listing.snapshotTimes.get(key);
  if (modified === undefined || listing.serverNow === undefined) return true;
  return listing.serverNow - modified >= margin;
}

/** Deletes what the rules allow in `pid`, when there is enough of it to be worth a pass. */
export async function compactPartition(deps: RoundDeps, pid: string, listing: PartitionListing, roster: DeviceRoster, result: RoundResult): Promise<void> {
  const now = deps.now();
  const margin = Math.max(safetyMarginMs(deps), deps.compaction?.retentionMs ?? 0);
  const seen = seenSnapshots(deps, pid);
  // The covering snapshot: old enough by the writer's and this device's clocks (and not from the
  // future), and by the server's where it keeps one; covering the most.
  const aged = seen
    .filter(([key, s]) => now - Math.max(s.at, s.seen) >= margin && agedOnServer(deps, listing, key, margin))
    .sort(([, a], [, b]) => total(b.vector) - total(a.vector) || b.at - a.at);
  const base = aged[0];
  if (!base) return;
  const [baseKey, baseSnapshot] = base;
  const below = (vector: VersionVector) => ['before', 'equal'].includes(compare(vector, baseSnapshot.vector));
  // Snapshots refused for a removal go too once the base covers them: they only take up room, and
  // every device that still trusts nothing else has seen the base for the margin.
  const refused = Object.entries(deps.progress.rejectedSnapshots ?? {}).filter(
    ([key, r]) => listing.snapshots.has(key) && r.vector !== undefined && below(r.vector),
  );
  const superseded = [...seen.filter(([key, s]) => key !== baseKey && below(s.vector)), ...refused].map(([key]) => key);
  const coveredByBase = [...listing.segments].reduce((n, [device, seqs]) => n + seqs.filter((seq) => seq <= lastSeq(baseSnapshot.vector, device)).length, 0);
  const every = deps.compaction?.segmentsPerSnapshot ?? DEFAULT_SEGMENTS_PER_SNAPSHOT;
  if (coveredByBase < every && superseded.length === 0) return;

  const { acked, staleAcks } = await readAcks(deps, pid, listing, roster);
  const segments: string[] = [];
  for (const [device, seqs] of listing.segments) {
    const upTo = Math.min(lastSeq(baseSnapshot.vector, device), lastSeq(acked, device));
    for (const seq of seqs) if (seq <= upTo) segments.push(segmentObjectKey({ partition: pid, device, seq }));
  }
  if (segments.length === 0 && superseded.length === 0 && staleAcks.length === 0) return;
  // Nothing is deleted on the word of a snapshot that does not open whole here, today.
  if (!(await checkSnapshot(deps, baseKey, roster, result))) return;
  for (const key of [...segments, ...superseded, ...staleAcks]) {
    await deps.remote.delete(key);
    result.deletedObjects++;
    delete deps.progress.snapshots?.[key];
    delete deps.progress.rejectedSnapshots?.[key];
  }
  await deps.saveProgress(deps.progress);
}

/**
 * What every counted device has acknowledged (the pointwise minimum of their newest verifying
 * acknowledgements; this device's own is its current vector), and the acknowledgements that a
 * newer one of the same device, or the device's removal, has made useless.
 */
async function readAcks(deps: RoundDeps, pid: string, listing: PartitionListing, roster: DeviceRoster): Promise<{ acked: VersionVector; staleAcks: string[] }> {
  const byDevice = new Map<string, number[]>();
  for (const key of listing.acks) {
    const place = parseAckObjectKey(key);
    if (place && place.partition === pid) byDevice.set(place.device, [...(byDevice.get(place.device) ?? []), place.n]);
  }
  const staleAcks: string[] = [];
  const vectors: VersionVector[] = [];
  for (const device of roster.devices()) {
    const ns = (byDevice.get(device.device) ?? []).sort((x, y) => y - x);
    if (device.removal) {
      // A removed device stops counting; its acknowledgements only take up room.
      staleAcks.push(...ns.map((n) => ackObjectKey(pid, device.device, n)));
      continue;
    }
    if (device.device === deps.device.id) {
      vectors.push(deps.progress.vectors[pid] ?? {});
      const mine = deps.progress.acks?.[pid]?.n;
      if (mine !== undefined) staleAcks.push(...ns.filter((n) => n < mine).map((n) => ackObjectKey(pid, device.device, n)));
      continue;
    }
    let newest: VersionVector | undefined;
    for (const n of ns) {
      const key = ackObjectKey(pid, device.device, n);
      if (newest) {
        staleAcks.push(key);
        continue;
      }
      const bytes = await deps.remote.get(key);
      const ack = bytes ? decodeAck(bytes, deps.vaultId, { partition: pid, device: device.device, n }, (d) => roster.publicKeyOf(d)) : null;
      if (ack) newest = ack.vector;
    }
    vectors.push(newest ?? {});
  }
  return { acked: pointwiseMin(vectors), staleAcks };
}

function pointwiseMin(vectors: readonly VersionVector[]): VersionVector {
  if (vectors.length === 0) return {};
  const devices = new Set(vectors.flatMap((v) => Object.keys(v)));
  return Object.fromEntries([...devices].map((d) => [d, Math.min(...vectors.map((v) => lastSeq(v, d)))]));
}

function total(vector: VersionVector): number {
  return Object.values(vector).reduce((a, b) => a + b, 0);
}
