/**
 * Which snapshots of a partition this device still trusts, and which it has refused
 * (docs/sync-layout.md, "Snapshots and compaction"). A snapshot verified once can stop verifying
 * later: its writer is removed, or it merged a removed device's segments beyond the removal's
 * `lastSeq`. Such a snapshot must stop counting as coverage, or no device would replace it, and a
 * compacted partition would be left with nothing a new device can start from. A refused snapshot
 * is remembered (by key, with the listed size) so it is not downloaded again every round: each may
 * be 64 MiB.
 */
import type { DeviceRoster } from '../segment/device-roster.ts';
import { SnapshotError } from '../segment/errors.ts';
import { SNAPSHOT_FORMAT_VERSION, verifySnapshot, type SnapshotHeader } from '../segment/snapshot-codec.ts';
import type { SignerKey } from '../segment/segment-codec.ts';
import type { VersionVector } from '../merge/version-vector.ts';
import type { RejectedSnapshot, SeenSnapshot } from './sync-progress.ts';
import type { RoundDeps, RoundResult } from './round-types.ts';

/** Why `seen` no longer verifies against the current roster, or null when it still does. */
export function distrust(seen: Pick<SeenSnapshot, 'device' | 'vector'>, pid: string, roster: DeviceRoster): SnapshotError | null {
  const writer = roster.publicKeyOf(seen.device);
  if (writer === null) return new SnapshotError('unknown-device', `device ${seen.device} is no longer in the roster; its snapshot of ${pid} is not used`);
  if (writer.removed) return new SnapshotError('removed-device', `device ${seen.device} was removed; its snapshot of ${pid} is not used`);
  for (const [device, seq] of Object.entries(seen.vector)) {
    const removed = roster.publicKeyOf(device)?.removed;
    const limit = removed?.lastSeq[pid] ?? 0;
    if (removed && seq > limit)
      return new SnapshotError('removed-device', `a snapshot of ${pid} merged segment ${seq} of removed device ${device} (its last is ${limit})`);
  }
  return null;
}

/** Records a refused snapshot (once: reported in this round's result, skipped in later ones). */
export function rememberRejection(
  deps: RoundDeps,
  key: string,
  error: SnapshotError,
  size: number,
  roster: DeviceRoster,
  result: Pick<RoundResult, 'rejected'>,
  vector?: VersionVector,
  newer?: { format: number; writer: string },
): void {
  const rejected = (deps.progress.rejectedSnapshots ??= {});
  if (!rejected[key]) result.rejected.push({ key, code: error.code, message: error.message });
  rejected[key] = {
    code: error.code,
    size,
    roster: roster.devices().length,
    ...(vector ? { vector } : {}),
    ...(newer ? { format: newer.format, writer: newer.writer } : {}),
  };
  delete deps.progress.snapshots?.[key];
}

/**
 * True when `key` was refused before and nothing suggests it could pass now: the object listed has
 * the same size (a device with the same vector may have replaced it), and, for an unknown writer,
 * the roster has not grown since (its entry may arrive after the snapshot on a synced folder).
 */
export function knownRejected(deps: RoundDeps, key: string, size: number, roster: DeviceRoster): boolean {
  const rejected: RejectedSnapshot | undefined = deps.progress.rejectedSnapshots?.[key];
  if (!rejected || rejected.size !== size) return false;
  // Refused as a newer format: read again once this code reads that format (after an update).
  if (rejected.code === 'unsupported-version' && (rejected.format === undefined || rejected.format <= SNAPSHOT_FORMAT_VERSION)) return false;
  return rejected.code !== 'unknown-device' || roster.devices().length <= rejected.roster;
}

/** Drops, from the seen snapshots of `pid`, those the current roster no longer lets through; forgets rejections no longer listed. */
export function revalidate(deps: RoundDeps, pid: string, listed: ReadonlyMap<string, number>, roster: DeviceRoster, result: RoundResult): void {
  const prefix = `p/${pid}/snap/`;
  for (const key of Object.keys(deps.progress.rejectedSnapshots ?? {})) {
    if (key.startsWith(prefix) && !listed.has(key)) delete deps.progress.rejectedSnapshots?.[key];
  }
  for (const [key, seen] of Object.entries(deps.progress.snapshots ?? {})) {
    if (!key.startsWith(prefix)) continue;
    const why = distrust(seen, pid, roster);
    if (why) rememberRejection(deps, key, why, listed.get(key) ?? -1, roster, result, seen.vector);
  }
}

/**
 * The header of a snapshot refused because of a removal, authenticated with the removed writer's
 * key: its vector tells compaction when a valid snapshot covers it, so it can be deleted.
 */
export function removedWriterHeader(
  bytes: Uint8Array,
  deps: RoundDeps,
  place: { partition: string; hash: string },
  roster: DeviceRoster,
): SnapshotHeader | null {
  const ignoringRemoval = (d: string): SignerKey | null => {
    const key = roster.publicKeyOf(d);
    return key === null ? null : { publicKey: key.publicKey };
  };
  try {
    return verifySnapshot(bytes, { vaultId: deps.vaultId, expected: place, publicKeyOf: ignoringRemoval });
  } catch {
    return null;
  }
}
