/**
 * Names on a sync target (docs/sync-layout.md): the object keys of the remote layout and the
 * identifiers that appear in them. Everything here is visible to the storage provider, so only
 * opaque ids go into it: a random device id, the vault's UUID, and a partition id that is either
 * `workspace` or a client's UUID.
 *
 *   vault.json                                   wrapped vault key, KDF parameters (vault/crypto/header.ts)
 *   devices/<device>.json                        a device's signing public key, MACed (device-roster.ts)
 *   devices/<device>.removed.json                that device's removal, MACed
 *   p/<partition>/log/<device>/<seq>.seg         one segment (segment-codec.ts)
 *   p/<partition>/snap/<vv-hash>.snap            a snapshot of the partition at a vector (snapshot-codec.ts)
 *   p/<partition>/ack/<device>/<n>.json          what <device> has applied, its n-th acknowledgement (ack.ts)
 *   keys/<epoch>.json                            an epoch's record, signed by the rotating device (epoch-record.ts)
 *   keys/<epoch>/<device>-<inboxEpoch>.grant     the epoch key sealed to a device's inbox (epoch-grant.ts)
 *   devices/<device>/inbox/<epoch>.json          a device's inbox public key for an epoch (inbox-entry.ts)
 *   p/<client>/key/<epoch>.bin                   a client's data key under an epoch's clientWrap (client-key-wrap.ts)
 *
 * Ids are restricted so that every key passes main's object-key check (src-main/sync/object-key.ts:
 * lower-case segments of letters, digits, '.', '_' and '-'), and ids contain no '.' so that
 * `<device>.json` and `<device>.removed.json` can never name the same device.
 */
import type { Partition } from '../../vault/store/rows.ts';
import { toHex } from '../../vault/crypto/encoding.ts';
import { randomBytes } from '../../vault/crypto/random.ts';

/** A device id or a partition id: 1 to 64 lower-case letters, digits, '_' or '-', starting alphanumeric. */
export const REMOTE_ID_RE = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** Vault ids are lowercase UUIDs (as in vault/crypto/header.ts). */
export const VAULT_ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The partition id of the workspace partition; every other partition id is a client id. */
export const WORKSPACE_PARTITION = 'workspace';
/** The key id the workspace partition's segments are encrypted under in epoch 0: the version 1 `syncSegments` subkey. */
export const WORKSPACE_SEGMENT_KEY_ID = 'sync';
/** Epoch 0: the version 1 keys, derived from the root key (docs/key-epochs.md). */
export const LEGACY_EPOCH_ID = 'legacy';
/** An epoch id: 16 random lower-case hex characters (docs/key-epochs.md, "Epochs"). */
export const EPOCH_ID_RE = /^[0-9a-f]{16}$/;

/** True for the id of an epoch after epoch 0 (never 'legacy'). */
export function isEpochId(id: unknown): id is string {
  return typeof id === 'string' && EPOCH_ID_RE.test(id);
}

/** True for a valid device or partition id. */
export function isRemoteId(id: unknown): id is string {
  return typeof id === 'string' && REMOTE_ID_RE.test(id);
}

/** A fresh device id: 16 random bytes as 32 lower-case hex characters. */
export function newDeviceId(): string {
  return toHex(randomBytes(16));
}

/** The remote partition id of a local change-log partition: 'workspace', or the client's id. */
export function remotePartitionId(partition: Partition): string {
  const id = partition === 'workspace' ? WORKSPACE_PARTITION : partition.slice('client:'.length);
  if (!isRemoteId(id) || (partition !== 'workspace' && id === WORKSPACE_PARTITION)) {
    throw new RangeError(`partition ${partition} has no valid remote id (lower-case letters, digits, '_' and '-', at most 64)`);
  }
  return id;
}

/** The local partition of a remote partition id. */
export function localPartition(partitionId: string): Partition {
  if (!isRemoteId(partitionId)) throw new RangeError(`${show(partitionId)} is not a partition id`);
  return partitionId === WORKSPACE_PARTITION ? 'workspace' : `client:${partitionId}`;
}

/**
 * The one key id a partition's segments may be encrypted under in an epoch. Epoch 0 ('legacy'):
 * the version 1 `syncSegments` subkey ('sync') for the workspace, the client's data key
 * ('client:<id>') for a client. Epoch e: 'sync@<e>' (the epoch's segments subkey) and
 * 'client:<id>@<e>' (mixed from the epoch's clientSegments subkey and the client's key, so it
 * needs both: a removed device lacks E, and after an erasure nobody has K_client). Fixed so that
 * a client's changes can never end up under a key that survives the client's erasure.
 */
export function segmentKeyId(partitionId: string, epochId: string = LEGACY_EPOCH_ID): string {
  const base = partitionId === WORKSPACE_PARTITION ? WORKSPACE_SEGMENT_KEY_ID : `client:${partitionId}`;
  if (epochId === LEGACY_EPOCH_ID) return base;
  if (!isEpochId(epochId)) throw new RangeError(`${show(epochId)} is not an epoch id`);
  return `${base}@${epochId}`;
}

/**
 * The epoch a segment key id belongs to, when it is the key id of `partitionId` in that epoch;
 * null for any other text (another partition's key, a malformed epoch). Readers accept a key id
 * of any epoch; which epochs this device holds is the key ring's business.
 */
export function segmentKeyEpoch(partitionId: string, keyId: unknown): string | null {
  if (typeof keyId !== 'string') return null;
  const base = segmentKeyId(partitionId);
  if (keyId === base) return LEGACY_EPOCH_ID;
  if (keyId.length !== base.length + 17 || !keyId.startsWith(`${base}@`)) return null;
  const epoch = keyId.slice(base.length + 1);
  return isEpochId(epoch) ? epoch : null;
}

/** Where one segment lives. */
export interface SegmentPlace {
  readonly partition: string;
  readonly device: string;
  readonly seq: number;
}

/** `p/<partition>/log/<device>/<seq>.seg`; seq in decimal without leading zeros. */
export function segmentObjectKey(place: SegmentPlace): string {
  checkPlace(place);
  return `p/${place.partition}/log/${place.device}/${place.seq}.seg`;
}

/** The place a segment key names, or null if `key` is not a segment key. */
export function parseSegmentObjectKey(key: string): SegmentPlace | null {
  const match = /^p\/([^/]+)\/log\/([^/]+)\/([1-9][0-9]{0,15})\.seg$/.exec(key);
  if (match === null) return null;
  const [, partition = '', device = '', digits = ''] = match;
  const seq = Number(digits);
  if (!isRemoteId(partition) || !isRemoteId(device) || !Number.isSafeInteger(seq)) return null;
  return { partition, device, seq };
}

/** `p/<partition>/snap/<hash>.snap`: `hash` is `vectorHash` of the vector the snapshot covers. */
export function snapshotObjectKey(partition: string, hash: string): string {
  if (!isRemoteId(partition)) throw new RangeError('not a partition id');
  if (!VECTOR_HASH_RE.test(hash)) throw new RangeError('not a vector hash');
  return `p/${partition}/snap/${hash}.snap`;
}

/** The partition and vector hash a snapshot key names, or null. */
export function parseSnapshotObjectKey(key: string): { partition: string; hash: string } | null {
  const match = /^p\/([^/]+)\/snap\/([0-9a-f]{64})\.snap$/.exec(key);
  if (match === null || !isRemoteId(match[1])) return null;
  return { partition: match[1] as string, hash: match[2] as string };
}

/** `p/<partition>/ack/<device>/<n>.json`: the n-th acknowledgement `device` wrote for the partition. */
export function ackObjectKey(partition: string, device: string, n: number): string {
  checkPlace({ partition, device, seq: n });
  return `p/${partition}/ack/${device}/${n}.json`;
}

/** Where an acknowledgement key points, or null. */
export function parseAckObjectKey(key: string): { partition: string; device: string; n: number } | null {
  const match = /^p\/([^/]+)\/ack\/([^/]+)\/([1-9][0-9]{0,15})\.json$/.exec(key);
  if (match === null) return null;
  const [, partition = '', device = '', digits = ''] = match;
  const n = Number(digits);
  if (!isRemoteId(partition) || !isRemoteId(device) || !Number.isSafeInteger(n)) return null;
  return { partition, device, n };
}

/** A vector hash: 64 lower-case hex characters (BLAKE2b-256). */
export const VECTOR_HASH_RE = /^[0-9a-f]{64}$/;

/** The listing prefix of a partition's log (list it, then sort each device's keys by seq numerically). */
export function partitionLogPrefix(partitionId: string): string {
  if (!isRemoteId(partitionId)) throw new RangeError('not a partition id');
  return `p/${partitionId}/log/`;
}

/** `devices/<device>.json`: the device's roster entry, written once by the device itself. */
export function deviceEntryObjectKey(device: string): string {
  if (!isRemoteId(device)) throw new RangeError('not a device id');
  return `devices/${device}.json`;
}

/** `devices/<device>.removed.json`: the device's removal, written once by the device that removed it. */
export function deviceRemovalObjectKey(device: string): string {
  if (!isRemoteId(device)) throw new RangeError('not a device id');
  return `devices/${device}.removed.json`;
}

/** The device and kind a roster key names, or null. */
export function parseDeviceObjectKey(key: string): { device: string; kind: 'entry' | 'removal' } | null {
  const match = /^devices\/([^/.]+)(\.removed)?\.json$/.exec(key);
  if (match === null || !isRemoteId(match[1])) return null;
  return { device: match[1] as string, kind: match[2] === undefined ? 'entry' : 'removal' };
}

/** `keys/<epoch>.json`: the epoch's record, written once by the device that made the epoch. */
export function epochRecordObjectKey(epochId: string): string {
  if (!isEpochId(epochId)) throw new RangeError('not an epoch id');
  return `keys/${epochId}.json`;
}

/** The epoch an epoch record key names, or null. */
export function parseEpochRecordObjectKey(key: string): string | null {
  const match = /^keys\/([0-9a-f]{16})\.json$/.exec(key);
  return match === null ? null : (match[1] as string);
}

/** Where a grant is filed: the epoch it grants, the device it is for, and the epoch of that device's inbox it is sealed to. */
export interface GrantPlace {
  readonly epoch: string;
  readonly device: string;
  readonly inbox: string;
}

/**
 * `keys/<epoch>/<device>-<inboxEpoch>.grant`. A device id may hold '-', but the inbox epoch is
 * exactly 16 hex at the end, so the name parses one way only.
 */
export function grantObjectKey(place: GrantPlace): string {
  if (!isEpochId(place.epoch) || !isEpochId(place.inbox)) throw new RangeError('not an epoch id');
  if (!isRemoteId(place.device)) throw new RangeError(`${show(place.device)} is not a device id`);
  return `keys/${place.epoch}/${place.device}-${place.inbox}.grant`;
}

/** The place a grant key names, or null. */
export function parseGrantObjectKey(key: string): GrantPlace | null {
  const match = /^keys\/([0-9a-f]{16})\/([^/]+)-([0-9a-f]{16})\.grant$/.exec(key);
  if (match === null || !isRemoteId(match[2])) return null;
  return { epoch: match[1] as string, device: match[2] as string, inbox: match[3] as string };
}

/** The listing prefix of one epoch's grants. */
export function grantPrefix(epochId: string): string {
  if (!isEpochId(epochId)) throw new RangeError('not an epoch id');
  return `keys/${epochId}/`;
}

/** `devices/<device>/inbox/<epoch>.json`: the device's inbox public key for an epoch it adopted. */
export function inboxObjectKey(device: string, epochId: string): string {
  if (!isRemoteId(device)) throw new RangeError('not a device id');
  if (!isEpochId(epochId)) throw new RangeError('not an epoch id');
  return `devices/${device}/inbox/${epochId}.json`;
}

/** The device and epoch an inbox key names, or null. */
export function parseInboxObjectKey(key: string): { device: string; epoch: string } | null {
  const match = /^devices\/([^/]+)\/inbox\/([0-9a-f]{16})\.json$/.exec(key);
  if (match === null || !isRemoteId(match[1])) return null;
  return { device: match[1] as string, epoch: match[2] as string };
}

/** `p/<client>/key/<epoch>.bin`: the client's data key under the epoch's clientWrap subkey. */
export function clientKeyWrapObjectKey(clientId: string, epochId: string): string {
  if (!isRemoteId(clientId) || clientId === WORKSPACE_PARTITION) throw new RangeError('not a client id');
  if (!isEpochId(epochId)) throw new RangeError('not an epoch id');
  return `p/${clientId}/key/${epochId}.bin`;
}

/** The client and epoch a client-key wrap key names, or null. */
export function parseClientKeyWrapObjectKey(key: string): { client: string; epoch: string } | null {
  const match = /^p\/([^/]+)\/key\/([0-9a-f]{16})\.bin$/.exec(key);
  if (match === null || !isRemoteId(match[1]) || match[1] === WORKSPACE_PARTITION) return null;
  return { client: match[1] as string, epoch: match[2] as string };
}

/** Throws RangeError unless `place` names a valid segment position. */
export function checkPlace(place: SegmentPlace): void {
  if (!isRemoteId(place.partition)) throw new RangeError(`${show(place.partition)} is not a partition id`);
  if (!isRemoteId(place.device)) throw new RangeError(`${show(place.device)} is not a device id`);
  if (!Number.isSafeInteger(place.seq) || place.seq < 1) throw new RangeError(`segment seq must be a positive integer, got ${place.seq}`);
}

function show(value: unknown): string {
  return (typeof value === 'string' ? JSON.stringify(value) : String(value)).slice(0, 80);
}
