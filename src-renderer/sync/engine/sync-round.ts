/**
 * One sync round with one target: publish this device in the roster, push
 * this device's new changes as signed, encrypted segments (partition by
 * partition, each upload passing main's locality guard), then pull the other
 * devices' segments, verify them, merge them by HLC and write the result into
 * the vault.
 *
 * Safety rules, each with its reason:
 * - A segment's seq is reserved (persisted as in flight) before its upload, and a retry re-sends
 *   the same change range under the same key: a seq never names two different contents.
 * - With no local record of a partition's position (a reinstall, a cleared meta store), the
 *   position is recovered from the target before anything is written: this device's segments,
 *   and the snapshot and acknowledgement vectors that name it (recover-position.ts).
 * - Only this device's own changes are pushed (entries with an `origin` came from elsewhere).
 * - A segment that does not verify is never applied; it is reported and that device's later
 *   segments wait (they apply in per-device order), so nothing is skipped silently.
 * - A segment with a change more than 5 minutes ahead of this device's clock is not applied
 *   (quarantine); the version vector stops before it, so it is fetched again later.
 * - A merged record that does not validate (for example half a record, when one device deleted
 *   it while another edited it) is not written; it is counted and reported.
 * - Refused by the guard: that partition is held back, with the reason; others go on.
 * - A device's segments that would delete more of a partition than the deletion guard allows are
 *   not applied (its vector entry stays): they wait, listed, for the person's decision on exactly
 *   that range; other devices and partitions go on (deletion-guard.ts).
 * - Snapshots or compaction of one partition failing for any reason but the target being down:
 *   that partition is reported (held back, with the reason); the round and the others go on.
 */
import { decodeSegment, encodeSegment, MAX_SEGMENT_PLAINTEXT_BYTES } from '../segment/segment-codec.ts';
import type { DeviceRoster } from '../segment/device-roster.ts';
import {
  LEGACY_EPOCH_ID,
  localPartition,
  parseAckObjectKey,
  parseClientKeyWrapObjectKey,
  parseSegmentObjectKey,
  parseSnapshotObjectKey,
  remotePartitionId,
  segmentKeyId,
  segmentObjectKey,
  WORKSPACE_PARTITION,
} from '../segment/layout.ts';
import { SegmentError } from '../segment/errors.ts';
import { publishHeader } from './vault-header.ts';
import { keepRemovals } from './kept-removals.ts';
import { applyErasures, publishErasures, publishRemovals, publishRoster, readRoster, type RosterKeys } from './shared-objects.ts';
import { syncEpochs } from './epochs.ts';
import { isTooFarAhead } from '../merge/quarantine.ts';
import { lastSeq } from '../merge/version-vector.ts';
import { guardAndApply, type PullCounter, type PulledSegment } from './guarded-apply.ts';
import { AckReader, withSent } from './conflicts.ts';
import type { Change, ChangeEntry, Partition } from '../../vault/store/rows.ts';
import type { VaultDb } from '../../vault/store/schema.ts';
import type { VaultKeyRing } from '../../vault/store/key-ring.ts';
import { readChanges } from '../../vault/repos/change-log.ts';
import { RemoteError } from './remote.ts';
import { recoverPosition } from './recover-position.ts';
import { catchUp, learnSnapshots, maybeWriteSnapshot, type FetchedSnapshots } from './snapshots.ts';
import { noteNewer, recallKept, signedBy } from './newer-version.ts';
import type { RoundDeps, RoundResult } from './round-types.ts';
import { compactPartition, publishAck, type PartitionListing } from './compaction.ts';
import {
  adoptClientKeyFromTarget,
  CLIENT_KEY_OBJECT,
  ClientKeyConflictError,
  type ClientKeyObjects,
  publishClientKey,
  publishEpochClientKey,
} from './client-key.ts';
import { errorMessage } from '../../ui/error-message.ts';

function emptyResult(): RoundResult {
  return {
    pushedSegments: 0,
    pushedChanges: 0,
    bytesSent: 0,
    appliedSegments: 0,
    appliedChanges: 0,
    heldBack: [],
    rejected: [],
    quarantined: 0,
    incomplete: 0,
    newer: 0,
    newerDevices: [],
    recordsWritten: 0,
    policyFrom: {},
    missingKeys: [],
    devices: [],
    snapshotsApplied: 0,
    snapshotsWritten: 0,
    deletedObjects: 0,
    paused: [],
    kept: 0,
    conflicts: [],
  };
}

/** JSON framing per change in a segment, for sizing chunks before encoding. */
const PER_CHANGE_OVERHEAD = 8;

/** Local partitions this device can seal: the workspace and every client whose key it holds. */
async function localPartitions(db: VaultDb, keyRing: VaultKeyRing): Promise<Partition[]> {
  const clientIds = (await db.clientKeys.toCollection().primaryKeys()) as string[];
  return ['workspace', ...clientIds.filter((id) => keyRing.segmentKey(`client:${id}`) !== null).map((id) => `client:${id}` as Partition)];
}

function byteLength(entry: ChangeEntry): number {
  return new TextEncoder().encode(JSON.stringify(entry.changes)).length + PER_CHANGE_OVERHEAD * entry.changes.length;
}

/** The roster keys of the epoch this device writes in, and every epoch's for reading. */
function rosterKeys(keyRing: VaultKeyRing): RosterKeys {
  const epoch = keyRing.hasEpochs() ? keyRing.currentEpoch().epoch.id : LEGACY_EPOCH_ID;
  const write = keyRing.syncKeysFor(epoch)?.roster;
  if (!write) throw new RangeError(`no roster key for epoch ${epoch}`);
  return { epoch, write, read: (id) => keyRing.syncKeysFor(id)?.roster ?? null };
}

/** The epoch this device writes segments and snapshots in. */
export function writeEpoch(keyRing: VaultKeyRing): string {
  return keyRing.hasEpochs() ? keyRing.currentEpoch().epoch.id : LEGACY_EPOCH_ID;
}

export async function syncRound(deps: RoundDeps): Promise<RoundResult> {
  const result = emptyResult();
  let keys = rosterKeys(deps.keyRing);
  // This device's roster entry first: the epoch step below may publish a record it signed, which
  // every reader (this device included) checks against the roster.
  await publishRoster(deps, keys, result);
  await publishErasures(deps, keys, result);
  // Erasures first: a rotation published below must not wrap an erased client's key.
  const erased = await applyErasures(deps, keys);
  // The key epoch before anything is written, so everything after uses the current one.
  if (deps.keyRing.hasEpochs()) {
    const known = new Set([...erased, ...(deps.erasures ?? []).map((e) => e.clientId)]);
    const outcome = await syncEpochs(
      {
        vaultId: deps.vaultId,
        db: deps.db,
        keyRing: deps.keyRing,
        device: deps.device,
        remote: deps.remote,
        now: deps.now,
        clientIds: async () => (await deps.db.clientKeys.toCollection().primaryKeys()) as string[],
        erasedClients: () => known,
        seenRecords: (deps.progress.epochRecords ??= {}),
        keyConflicts: () => new Set(Object.keys(deps.progress.keyConflicts ?? {})),
      },
      await keptRoster(deps, await readRoster(deps, keys, { rejected: [] })),
    );
    result.bytesSent += outcome.bytesSent;
    result.rejected.push(...outcome.rejected);
    if (outcome.rotationNeeded !== undefined) result.rotationNeeded = outcome.rotationNeeded;
    await deps.saveProgress(deps.progress);
    keys = rosterKeys(deps.keyRing);
  }
  result.epoch = keys.epoch;
  await publishRoster(deps, keys, result);
  // Read before pushing: a position recovered from the target trusts only what the roster signed.
  const roster = await readRoster(deps, keys, result);
  // On the target's roster alone: a removal this device made and no longer finds there goes back up.
  await publishRemovals(deps, keys, roster, result);
  await keptRoster(deps, roster);
  await publishHeader(deps, roster, result);
  // Snapshots a recovered push position downloaded, per partition: the pull uses them, not a second download.
  const fetched = new Map<string, FetchedSnapshots>();
  for (const partition of await localPartitions(deps.db, deps.keyRing)) await push(deps, partition, roster, result, fetched);
  await pull(deps, result, erased, roster, fetched);
  recallKept(deps, result);
  result.devices = roster
    .devices()
    .map((d) => ({ id: d.device, ...(d.addedAt !== undefined ? { addedAt: d.addedAt } : {}), removed: d.removal !== undefined }));
  return result;
}

/** The roster with every removal this device has seen on the target, even one deleted since (kept-removals.ts). */
async function keptRoster(deps: RoundDeps, roster: DeviceRoster): Promise<DeviceRoster> {
  if (keepRemovals(deps.progress, deps.vaultId, roster)) await deps.saveProgress(deps.progress);
  return roster;
}

async function push(deps: RoundDeps, partition: Partition, roster: DeviceRoster, result: RoundResult, fetched: Map<string, FetchedSnapshots>): Promise<void> {
  const pid = remotePartitionId(partition);
  const epoch = writeEpoch(deps.keyRing);
  const keyId = segmentKeyId(pid, epoch);
  const key = deps.keyRing.segmentKey(keyId);
  if (!key) return;
  try {
    if (pid !== WORKSPACE_PARTITION && epoch === LEGACY_EPOCH_ID && !deps.progress.keysPushed[pid]) {
      // Epoch 0 only: `key.bin` is under R, which every device keeps, a removed one too.
      const wrapped = await deps.keyRing.legacyClientWrap(pid);
      if (wrapped) {
        // Never overwrites a different key already there (ClientKeyConflictError, caught below).
        result.bytesSent += await publishClientKey(deps, pid, wrapped);
        deps.progress.keysPushed[pid] = true;
        await deps.saveProgress(deps.progress);
      }
    }
    if (pid !== WORKSPACE_PARTITION && epoch !== LEGACY_EPOCH_ID && deps.progress.epochKeysPushed?.[pid] !== epoch) {
      result.bytesSent += await publishEpochClientKey(deps, pid, epoch);
      deps.progress.epochKeysPushed = { ...deps.progress.epochKeysPushed, [pid]: epoch };
      await deps.saveProgress(deps.progress);
    }
    let position = deps.progress.pushed[pid];
    if (!position) {
      const early: FetchedSnapshots = new Map();
      fetched.set(pid, early);
      position = await recoverPosition(deps, pid, roster, result, early);
    }
    const all = await readChanges(deps.db, partition, position.changeSeq);
    const entries = all.filter((e) => e.origin === undefined);
    let index = 0;
    while (index < entries.length || position.inFlight) {
      // The segment to write: the one in flight (same seq, same change range), or the next chunk.
      let chunk: ChangeEntry[];
      let seq: number;
      if (position.inFlight) {
        const upTo = position.inFlight.toChangeSeq;
        chunk = entries.filter((e) => e.seq <= upTo);
        index = chunk.length;
        seq = position.inFlight.seq;
      } else {
        chunk = [];
        let size = 0;
        while (index < entries.length) {
          const entry = entries[index] as ChangeEntry;
          const bytes = byteLength(entry);
          if (chunk.length > 0 && size + bytes > MAX_SEGMENT_PLAINTEXT_BYTES * 0.9) break;
          chunk.push(entry);
          size += bytes;
          index++;
        }
        seq = position.segSeq + 1;
        position = { ...position, inFlight: { seq, toChangeSeq: chunk.at(-1)?.seq ?? position.changeSeq } };
        deps.progress.pushed[pid] = position;
        await deps.saveProgress(deps.progress);
      }
      const changes = chunk.flatMap((e) => e.changes);
      const bytes = await encodeSegment({
        vaultId: deps.vaultId,
        partition: pid,
        segment: { device: deps.device.id, seq, changes },
        key,
        keyId,
        signingKey: deps.device.secretKey,
      });
      await deps.remote.put(segmentObjectKey({ partition: pid, device: deps.device.id, seq }), bytes);
      result.pushedSegments++;
      result.pushedChanges += changes.length;
      result.bytesSent += bytes.length;
      // What each segment carried, so a later conflict check can tell whether a device had seen a write.
      const newest = changes.reduce((max, c) => (c.hlc > max ? c.hlc : max), '');
      if (newest) (deps.progress.sent ??= {})[pid] = withSent(deps.progress.sent[pid], seq, newest);
      position = { changeSeq: position.inFlight?.toChangeSeq ?? position.changeSeq, segSeq: seq };
      deps.progress.pushed[pid] = position;
      // This device has what it just wrote: its own log need not be pulled back, unless the vector
      // is behind (the partition was removed for travel, or the meta store was reset): then it is.
      const vector = deps.progress.vectors[pid] ?? {};
      if (lastSeq(vector, deps.device.id) === seq - 1) deps.progress.vectors[pid] = { ...vector, [deps.device.id]: seq };
      await deps.saveProgress(deps.progress);
    }
    // Everything of this device's own is out: move past the entries that came from other devices
    // too, so an idle round does not decrypt them again (measured: 0.3 s per round after 10k).
    const lastSeen = all.at(-1)?.seq ?? position.changeSeq;
    if (!deps.progress.pushed[pid] || (!position.inFlight && lastSeen > position.changeSeq)) {
      deps.progress.pushed[pid] = { ...position, changeSeq: Math.max(position.changeSeq, lastSeen) };
      await deps.saveProgress(deps.progress);
    }
  } catch (error) {
    if ((error instanceof RemoteError && error.code === 'refused') || error instanceof ClientKeyConflictError) {
      result.heldBack.push({ partition: pid, reason: error.message });
      return;
    }
    throw error;
  }
}

async function pull(
  deps: RoundDeps,
  result: RoundResult,
  erased: ReadonlySet<string>,
  roster: DeviceRoster,
  early: ReadonlyMap<string, FetchedSnapshots>,
): Promise<void> {
  const objects = await deps.remote.list('p/');
  // Group segment keys by partition and device, snapshots and acknowledgements by partition; note
  // partitions that carry a wrapped client key. A partition compacted down to a snapshot has no
  // segment left but must still be pulled.
  const logs = new Map<string, Map<string, number[]>>();
  const snapshots = new Map<string, Map<string, number>>();
  const acks = new Map<string, string[]>();
  const snapshotTimes = new Map<string, number>();
  const keyObjects = new Map<string, ClientKeyObjects>();
  const keysOf = (pid: string): ClientKeyObjects => {
    let found = keyObjects.get(pid);
    if (!found) keyObjects.set(pid, (found = { legacy: false, epochs: new Set() }));
    return found;
  };
  // The server's clock had reached at least the newest time it reports (compaction's second clock).
  // (A reduce, not Math.max(...): a large target lists more objects than a call takes arguments.)
  const serverNow = objects.reduce<number | undefined>(
    (max, o) => (o.modified !== undefined && Number.isFinite(o.modified) && (max === undefined || o.modified > max) ? o.modified : max),
    undefined,
  );
  const skip = (pid: string) => deps.skipPartitions?.has(pid) === true || erased.has(pid) || deps.erasures?.some((e) => e.clientId === pid) === true;
  for (const object of objects) {
    const place = parseSegmentObjectKey(object.key);
    const other = place ? undefined : (parseSnapshotObjectKey(object.key) ?? parseAckObjectKey(object.key));
    const pid = place?.partition ?? other?.partition;
    if (pid !== undefined && skip(pid)) continue;
    if (place) {
      const devices = logs.get(place.partition) ?? new Map<string, number[]>();
      devices.set(place.device, [...(devices.get(place.device) ?? []), place.seq]);
      logs.set(place.partition, devices);
    } else if (other && pid !== undefined) {
      if ('hash' in other) {
        const sizes = snapshots.get(pid) ?? new Map<string, number>();
        snapshots.set(pid, sizes.set(object.key, object.size));
        if (object.modified !== undefined) snapshotTimes.set(object.key, object.modified);
      } else acks.set(pid, [...(acks.get(pid) ?? []), object.key]);
      if (!logs.has(pid)) logs.set(pid, new Map());
    } else if (object.key.endsWith(`/${CLIENT_KEY_OBJECT}`)) {
      keysOf(object.key.split('/')[1] ?? '').legacy = true;
    } else {
      const wrap = parseClientKeyWrapObjectKey(object.key);
      if (wrap) keysOf(wrap.client).epochs.add(wrap.epoch);
    }
  }
  if (logs.size === 0) return;
  let total = 0;
  for (const [pid, devices] of logs) {
    const vector = deps.progress.vectors[pid] ?? {};
    for (const [device, seqs] of devices) total += seqs.filter((seq) => seq > lastSeq(vector, device)).length;
  }
  const counter = { done: 0, total, acks: new AckReader(deps, roster, [...acks.values()].flat()) };
  if (total > 0) deps.onProgress?.(0, total);
  for (const [pid, devices] of logs) {
    if (pid !== WORKSPACE_PARTITION && deps.keyRing.segmentKey(segmentKeyId(pid)) === null) {
      const found = keyObjects.get(pid);
      if (!found || deps.adoptKeys === false || !(await adoptClientKeyFromTarget(deps, pid, found))) {
        result.missingKeys.push(pid);
        continue;
      }
    }
    const listing: PartitionListing = {
      segments: devices,
      snapshots: snapshots.get(pid) ?? new Map(),
      acks: acks.get(pid) ?? [],
      snapshotTimes,
      ...(serverNow !== undefined ? { serverNow } : {}),
    };
    try {
      const fetched = new Map([...(early.get(pid) ?? []), ...(await learnSnapshots(deps, pid, listing.snapshots, roster, result))]);
      await catchUp(deps, pid, devices, fetched, roster, result);
    } catch (error) {
      holdBack(result, pid, error, 'Its snapshots could not be read this round; its segments still sync');
    }
    await pullPartition(deps, pid, devices, roster, result, counter);
    try {
      await publishAck(deps, pid, listing, result);
      await maybeWriteSnapshot(deps, pid, devices, result);
      await compactPartition(deps, pid, listing, roster, result);
    } catch (error) {
      holdBack(result, pid, error, 'Compaction of this partition failed this round; its changes still sync and it is tried again next round');
    }
  }
}

/**
 * A failure in the snapshot and compaction steps of one partition. The guard refusing an upload
 * holds the partition back, as in push. Anything else that is not the target failing (a bug, or
 * an object on the target no decoder foresaw: anyone who can write there can place one) is
 * reported for that partition alone, so one bad object cannot fail every round. The target being
 * unreachable still fails the round, which is then retried with backoff.
 */
function holdBack(result: RoundResult, pid: string, error: unknown, what: string): void {
  if (error instanceof RemoteError && error.code !== 'refused') throw error;
  const reason = error instanceof RemoteError ? error.message : `${what}: ${errorMessage(error)}`;
  if (!result.heldBack.some((h) => h.partition === pid)) result.heldBack.push({ partition: pid, reason });
}

async function pullPartition(
  deps: RoundDeps,
  pid: string,
  devices: Map<string, number[]>,
  roster: DeviceRoster,
  result: RoundResult,
  counter: PullCounter,
): Promise<void> {
  const partition = localPartition(pid);
  for (const [device, seqs] of devices) {
    // The device's next segments, verified, before any is applied: the guard judges them together.
    const run: PulledSegment[] = [];
    const present = new Set(seqs);
    // The target failing mid-run: what was read is still applied (as before the guard), then the round fails.
    let failure: unknown;
    for (let seq = lastSeq(deps.progress.vectors[pid] ?? {}, device) + 1; present.has(seq); seq++) {
      const key = segmentObjectKey({ partition: pid, device, seq });
      let bytes: Uint8Array | null;
      try {
        bytes = await deps.remote.get(key);
      } catch (error) {
        failure = error;
        break;
      }
      if (!bytes) break;
      let changes: readonly Change[];
      try {
        changes = (
          await decodeSegment(bytes, {
            vaultId: deps.vaultId,
            expected: { partition: pid, device, seq },
            keyFor: (keyId) => deps.keyRing.segmentKey(keyId),
            publicKeyOf: (d) => roster.publicKeyOf(d),
          })
        ).changes;
      } catch (error) {
        if (!(error instanceof SegmentError)) throw error;
        // A newer format signed by its device is not damage: the log waits here, and the Sync
        // screen says to update once. Unsigned, the version byte proves nothing: it is damage.
        const writer = error.code === 'unsupported-version' ? signedBy(bytes, device, roster) : undefined;
        const refusal = error.code === 'unsupported-version' ? new SegmentError('bad-signature', `${key}: format ${bytes[4]}, no device's signature`) : error;
        if (writer !== undefined) noteNewer(result, writer, true);
        else result.rejected.push({ key, code: refusal.code, message: refusal.message });
        break;
      }
      const now = deps.now();
      const ahead = changes.filter((c) => isTooFarAhead(c.hlc, now)).length;
      if (ahead > 0) {
        result.quarantined += ahead;
        break;
      }
      run.push({ seq, changes });
    }
    await guardAndApply(deps, pid, partition, device, run, result, counter);
    if (failure !== undefined) throw failure;
  }
}
