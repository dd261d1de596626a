/**
 * The objects beside the partition logs on a target, written and read in every round: this
 * device's roster entry, device removals and erasure markers (docs/sync-layout.md; the vault
 * header is vault-header.ts's). Split from `sync-round.ts`, which runs them.
 */
import { decodeDeviceEntry, DeviceRoster, encodeDeviceEntry, encodeDeviceRemoval, type RosterKeyFor, type RosterRecord } from '../segment/device-roster.ts';
import { decodeErasureMarker, encodeErasureMarker, erasureMarkerKey, parseErasureMarkerKey } from '../segment/erasure-marker.ts';
import { deviceEntryObjectKey, deviceRemovalObjectKey, parseDeviceObjectKey, parseSegmentObjectKey, WORKSPACE_PARTITION } from '../segment/layout.ts';
import { RemoteError } from './remote.ts';
import type { RoundDeps, RoundResult } from './round-types.ts';
import { errorMessage } from '../../ui/error-message.ts';

/**
 * The roster keys of a round: objects are written in the current epoch, MACed with its roster key,
 * and read with the key of the epoch each names (current or history; 'legacy' always).
 */
export interface RosterKeys {
  readonly epoch: string;
  readonly write: Uint8Array;
  readonly read: RosterKeyFor;
}

/**
 * Writes `devices/<id>.removed.json` for each device the person removed: from then on every device
 * refuses that device's segments beyond those on the target now, per partition. (A removed
 * device keeps the roster keys of the epochs it held: revoking it needs a rotation, which the
 * person starts with the removal; the round says so while the current epoch still reaches it.)
 */
export async function publishRemovals(deps: RoundDeps, keys: RosterKeys, roster: DeviceRoster, result: RoundResult): Promise<void> {
  for (const device of deps.removals ?? []) {
    if (device === deps.device.id) continue;
    const known = roster.devices().find((d) => d.device === device);
    if (!known || known.removal) continue;
    // What the device had written by now, on this target: those segments stay valid for every
    // device (one that has not pulled them yet still may); anything later is refused.
    const limits: Record<string, number> = {};
    for (const object of await deps.remote.list('p/')) {
      const place = parseSegmentObjectKey(object.key);
      if (place && place.device === device) limits[place.partition] = Math.max(limits[place.partition] ?? 0, place.seq);
    }
    // Segments compaction already deleted are no longer listed, but this device applied them (or a
    // snapshot holds them): they stay valid too, or every snapshot holding them would be refused.
    for (const [pid, vector] of Object.entries(deps.progress.vectors)) {
      const seq = vector[device] ?? 0;
      if (seq > (limits[pid] ?? 0)) limits[pid] = seq;
    }
    const bytes = encodeDeviceRemoval(
      { vaultId: deps.vaultId, device, publicKey: known.publicKey, removedAt: deps.now(), lastSeq: limits },
      keys.write,
      keys.epoch,
    );
    await deps.remote.put(deviceRemovalObjectKey(device), bytes);
    result.bytesSent += bytes.length;
    roster.add(decodeDeviceEntry(bytes, deps.vaultId, keys.read, deviceRemovalObjectKey(device)));
  }
}

export async function publishErasures(deps: RoundDeps, keys: RosterKeys, result: RoundResult): Promise<void> {
  for (const { clientId, erasedAt } of deps.erasures ?? []) {
    if (deps.progress.erasuresPublished?.[clientId]) continue;
    const bytes = encodeErasureMarker({ vaultId: deps.vaultId, clientId, erasedAt }, keys.write, keys.epoch);
    await deps.remote.put(erasureMarkerKey(clientId), bytes);
    result.bytesSent += bytes.length;
    deps.progress.erasuresPublished = { ...deps.progress.erasuresPublished, [clientId]: true };
    await deps.saveProgress(deps.progress);
  }
}

/** Reads the erasure markers; erases here every client one names that this device still holds. Returns all erased ids. */
export async function applyErasures(deps: RoundDeps, keys: RosterKeys): Promise<Set<string>> {
  const erased = new Set<string>();
  for (const object of await deps.remote.list('erased/')) {
    const clientId = parseErasureMarkerKey(object.key);
    if (!clientId) continue;
    const bytes = await deps.remote.get(object.key);
    if (!bytes || !decodeErasureMarker(bytes, deps.vaultId, clientId, keys.read)) continue;
    erased.add(clientId);
    if ((await deps.db.clientKeys.get(clientId)) !== undefined) await deps.onRemoteErasure?.(clientId);
  }
  return erased;
}

export async function publishRoster(deps: RoundDeps, keys: RosterKeys, result: RoundResult): Promise<void> {
  if (deps.progress.rosterPublished) return;
  const entry = encodeDeviceEntry(
    { vaultId: deps.vaultId, device: deps.device.id, publicKey: deps.device.publicKey, addedAt: deps.now() },
    keys.write,
    keys.epoch,
  );
  try {
    await deps.remote.put(deviceEntryObjectKey(deps.device.id), entry);
  } catch (error) {
    if (error instanceof RemoteError && error.code === 'refused') {
      result.heldBack.push({ partition: WORKSPACE_PARTITION, reason: error.message });
      return;
    }
    throw error;
  }
  result.bytesSent += entry.length;
  deps.progress.rosterPublished = true;
  await deps.saveProgress(deps.progress);
}

export async function readRoster(deps: RoundDeps, keys: RosterKeys, result: Pick<RoundResult, 'rejected'>): Promise<DeviceRoster> {
  const records: RosterRecord[] = [];
  for (const object of await deps.remote.list('devices/')) {
    if (!parseDeviceObjectKey(object.key)) continue;
    const bytes = await deps.remote.get(object.key);
    if (!bytes) continue;
    try {
      records.push(decodeDeviceEntry(bytes, deps.vaultId, keys.read, object.key));
    } catch (error) {
      result.rejected.push({ key: object.key, code: (error as { code?: string }).code ?? 'bad-entry', message: errorMessage(error) });
    }
  }
  return new DeviceRoster(records);
}
