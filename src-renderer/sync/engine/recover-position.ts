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
import { verifySnapshot } from '../segment/snapshot-codec.ts';
import { parseAckObjectKey, parseSegmentObjectKey, parseSnapshotObjectKey } from '../segment/layout.ts';
import { lastSeq } from '../merge/version-vector.ts';
import type { PushPosition } from './sync-progress.ts';
import type { RoundDeps } from './round-types.ts';

export async function recoverPosition(deps: RoundDeps, pid: string, roster: DeviceRoster): Promise<PushPosition> {
  const me = deps.device.id;
  let highest = lastSeq(deps.progress.vectors[pid] ?? {}, me);
  for (const object of await deps.remote.list(`p/${pid}/`)) {
    const segment = parseSegmentObjectKey(object.key);
    if (segment) {
      if (segment.device === me) highest = Math.max(highest, segment.seq);
      continue;
    }
    const ackPlace = parseAckObjectKey(object.key);
    const snapPlace = ackPlace ? null : parseSnapshotObjectKey(object.key);
    if (!ackPlace && !snapPlace) continue;
    const bytes = await deps.remote.get(object.key);
    if (!bytes) continue;
    if (ackPlace) {
      const ack = decodeAck(bytes, deps.vaultId, ackPlace, (d) => roster.publicKeyOf(d));
      if (ack) highest = Math.max(highest, lastSeq(ack.vector, me));
    } else if (snapPlace) {
      try {
        const header = verifySnapshot(bytes, { vaultId: deps.vaultId, expected: snapPlace, publicKeyOf: (d) => roster.publicKeyOf(d) });
        highest = Math.max(highest, lastSeq(header.vector, me));
      } catch {
        // Not authentic (or a format this code does not read): it proves nothing about this device.
      }
    }
  }
  // Without the change range of those segments, resend everything after them: merging is idempotent.
  return { changeSeq: 0, segSeq: highest };
}
