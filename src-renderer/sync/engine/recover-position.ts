/**
 * Where this device's log of a partition stands on a target when nothing local says (a meta store
 * entry that no longer reads, the target removed and added again under the same device id).
 *
 * Its own segments alone are not enough: compaction deletes them once every device has them, and
 * a device that restarted below what the others already applied would be skipped by them, and its
 * new segments deleted by the next compaction. What the target still says about this device
 * counts too: the vector of every snapshot and of every acknowledgement, each verified against the
 * roster, so neither the provider nor anyone outside the vault can push the seq ahead (a gap every
 * other device would wait at).
 */
import type { DeviceRoster } from '../segment/device-roster.ts';
import { decodeAck } from '../segment/ack.ts';
import { parseAckObjectKey, parseSegmentObjectKey, parseSnapshotObjectKey } from '../segment/layout.ts';
import { lastSeq } from '../merge/version-vector.ts';
import { learnSnapshots, seenSnapshots, type FetchedSnapshots } from './snapshots.ts';
import type { PushPosition } from './sync-progress.ts';
import type { RoundDeps, RoundResult } from './round-types.ts';

/**
 * The position to continue from. Snapshots are verified and recorded as the pull does
 * (`learnSnapshots`: a refused one is reported once and not fetched again), and what was
 * downloaded is left in `fetched` so the pull of this round does not download it twice.
 */
export async function recoverPosition(
  deps: RoundDeps,
  pid: string,
  roster: DeviceRoster,
  result: RoundResult,
  fetched: FetchedSnapshots,
): Promise<PushPosition> {
  const me = deps.device.id;
  let highest = lastSeq(deps.progress.vectors[pid] ?? {}, me);
  const snapshots = new Map<string, number>();
  for (const object of await deps.remote.list(`p/${pid}/`)) {
    const segment = parseSegmentObjectKey(object.key);
    if (segment) {
      if (segment.device === me) highest = Math.max(highest, segment.seq);
    } else if (parseSnapshotObjectKey(object.key)) {
      snapshots.set(object.key, object.size);
    } else {
      const place = parseAckObjectKey(object.key);
      const bytes = place ? await deps.remote.get(object.key) : null;
      const ack = place && bytes ? decodeAck(bytes, deps.vaultId, place, (d) => roster.publicKeyOf(d)) : null;
      if (ack) highest = Math.max(highest, lastSeq(ack.vector, me));
    }
  }
  for (const [key, bytes] of await learnSnapshots(deps, pid, snapshots, roster, result)) fetched.set(key, bytes);
  // Every snapshot verified now or before, and still trusted by the current roster.
  for (const [, seen] of seenSnapshots(deps, pid)) highest = Math.max(highest, lastSeq(seen.vector, me));
  // Without the change range of those segments, resend everything after them: merging is idempotent.
  return { changeSeq: 0, segSeq: highest };
}
