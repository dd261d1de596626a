/**
 * How far this device has synced with one target, kept in the meta store
 * (ids and numbers only; see docs/threat-model.md):
 * - per partition, the last local change-log seq pushed and the last segment seq written, plus a
 *   segment in flight (its seq is reserved before the upload, so a retry after a crash re-sends
 *   the same changes under the same key and never reuses a seq for different content);
 * - per partition, the version vector of remote segments applied;
 * - which partitions' wrapped client keys and whether this device's roster entry were uploaded;
 * - per partition, the last acknowledgement written, and the snapshots seen on the target (their
 *   verified header's writer, time and vector, and when this device first saw them: compaction's
 *   safety margin counts from the later of the two), and the snapshots it refused (not fetched again);
 * - per partition, the deletion guard's decisions not yet carried out (device ids and seq numbers);
 * - per partition, the highest HLC of each segment this device sent (a time and a node id each).
 */
import type { VersionVector } from '../merge/version-vector.ts';

export interface PushPosition {
  /** Last local change-log seq included in a written segment. */
  changeSeq: number;
  /** Last segment seq written by this device for the partition. */
  segSeq: number;
  /** A segment being written: its seq and the last change-log seq it holds. */
  inFlight?: { seq: number; toChangeSeq: number };
}

/** A snapshot this device has verified on the target (by object key). */
export interface SeenSnapshot {
  device: string;
  /** `at` from its signed header. */
  at: number;
  /** This device's clock when it first verified it. */
  seen: number;
  vector: VersionVector;
}

/** A snapshot this device refused (by object key), so it is not downloaded again every round. */
export interface RejectedSnapshot {
  /** The SnapshotError code. */
  code: string;
  /** Its size in the listing when refused: another size means the object was replaced, and is read again. */
  size: number;
  /** Devices in the roster then: an unknown writer is retried once the roster has grown. */
  roster: number;
  /** Its vector, when known (refused for a removal): compaction deletes it once a valid snapshot covers it. */
  vector?: VersionVector;
  /** Its format version byte, when refused as newer than this code reads: read again once it is not. */
  format?: number;
  /** The roster device that signed it, when refused as newer and the signature verified (for the Sync screen). */
  writer?: string;
}

/**
 * The person's answer to a paused batch: device `device`'s segments `fromSeq..toSeq` of one
 * partition, applied as reviewed (`apply`), or applied after the records they would delete were
 * written again here (`keep`). Bound to that range: segments after it meet the guard afresh.
 */
export interface GuardDecision {
  device: string;
  fromSeq: number;
  toSeq: number;
  choice: 'apply' | 'keep';
}

/** A device removal seen on the target, kept so that deleting the object does not undo it (kept-removals.ts). */
export interface KeptRemoval {
  /** The removed key, base64. */
  publicKey: string;
  removedAt: number;
  lastSeq: Record<string, number>;
}

export interface SyncProgress {
  version: 1;
  pushed: Record<string, PushPosition>;
  vectors: Record<string, VersionVector>;
  keysPushed: Record<string, true>;
  rosterPublished: boolean;
  /** SHA-256 (hex) of the vault header last uploaded as `vault.json`. */
  headerHash?: string;
  /** Erasure markers written to this target, by client id. */
  erasuresPublished?: Record<string, true>;
  /** Per client partition, the key epoch whose `p/<client>/key/<epoch>.bin` this device has put. */
  epochKeysPushed?: Record<string, string>;
  /**
   * Clients whose key here differs from the one this target carries (client-key.ts): held back in
   * every later epoch too, so this key never becomes a new epoch's; cleared when the key is adopted.
   */
  keyConflicts?: Record<string, true>;
  /** Per partition: the last acknowledgement this device wrote (`p/<partition>/ack/<device>/<n>.json`). */
  acks?: Record<string, { n: number; vector: VersionVector }>;
  /** Per snapshot object key. */
  snapshots?: Record<string, SeenSnapshot>;
  /** Per snapshot object key: snapshots refused here (not fetched again while unchanged). */
  rejectedSnapshots?: Record<string, RejectedSnapshot>;
  /**
   * Devices whose newer kinds of data this code kept without showing them (newer-version.ts), so
   * the Sync screen keeps saying so after the round that received them. `reader` names what this
   * code reads; another version (an update) starts afresh.
   */
  newerKept?: { reader: string; devices: string[] };
  /** Per partition: deletion-guard decisions not yet carried out. */
  guard?: Record<string, GuardDecision[]>;
  /** Per partition: this device's segments as sent, [seq, highest HLC] (conflicts.ts), the newest 512. */
  sent?: Record<string, [number, string][]>;
  /** Device removals seen on this target, by device: never forgotten. */
  removals?: Record<string, KeptRemoval>;
  /** Per epoch: the `removed` and `erased` lists of its record as this device verified it on this target (epochs.ts). */
  epochRecords?: Record<string, { removed: string[]; erased: string[] }>;
}

export function emptyProgress(): SyncProgress {
  return { version: 1, pushed: {}, vectors: {}, keysPushed: {}, rosterPublished: false };
}

/** A stored progress, or an empty one when absent or unreadable (a full resync is always safe: merging is idempotent). */
export function readProgress(value: unknown): SyncProgress {
  if (typeof value !== 'object' || value === null) return emptyProgress();
  const v = value as Partial<SyncProgress>;
  if (v.version !== 1 || typeof v.pushed !== 'object' || typeof v.vectors !== 'object') return emptyProgress();
  return {
    version: 1,
    pushed: { ...v.pushed },
    vectors: { ...v.vectors },
    keysPushed: { ...(v.keysPushed ?? {}) },
    rosterPublished: v.rosterPublished === true,
    ...(typeof v.headerHash === 'string' ? { headerHash: v.headerHash } : {}),
    erasuresPublished: { ...(v.erasuresPublished ?? {}) },
    epochKeysPushed: { ...(v.epochKeysPushed ?? {}) },
    keyConflicts: { ...(v.keyConflicts ?? {}) },
    acks: { ...(v.acks ?? {}) },
    snapshots: { ...(v.snapshots ?? {}) },
    rejectedSnapshots: { ...(v.rejectedSnapshots ?? {}) },
    ...(isNewerKept(v.newerKept) ? { newerKept: { reader: v.newerKept.reader, devices: [...v.newerKept.devices] } } : {}),
    guard: { ...(v.guard ?? {}) },
    sent: { ...(v.sent ?? {}) },
    removals: keptRemovals(v.removals),
    epochRecords: seenRecords(v.epochRecords),
  };
}

function seenRecords(value: unknown): Record<string, { removed: string[]; erased: string[] }> {
  const out: Record<string, { removed: string[]; erased: string[] }> = {};
  if (typeof value !== 'object' || value === null) return out;
  const strings = (list: unknown): list is string[] => Array.isArray(list) && list.every((d) => typeof d === 'string');
  for (const [epoch, raw] of Object.entries(value as Record<string, unknown>)) {
    const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    if (strings(r['removed']) && strings(r['erased'])) out[epoch] = { removed: [...r['removed']], erased: [...r['erased']] };
  }
  return out;
}

function keptRemovals(value: unknown): Record<string, KeptRemoval> {
  const out: Record<string, KeptRemoval> = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [device, raw] of Object.entries(value as Record<string, unknown>)) {
    if (typeof raw !== 'object' || raw === null) continue;
    const r = raw as Record<string, unknown>;
    const lastSeq = r['lastSeq'];
    if (typeof r['publicKey'] !== 'string' || !Number.isSafeInteger(r['removedAt']) || typeof lastSeq !== 'object' || lastSeq === null) continue;
    const seqs = Object.entries(lastSeq as Record<string, unknown>).filter((e): e is [string, number] => Number.isSafeInteger(e[1]) && (e[1] as number) >= 0);
    out[device] = { publicKey: r['publicKey'], removedAt: r['removedAt'] as number, lastSeq: Object.fromEntries(seqs) };
  }
  return out;
}

function isNewerKept(value: unknown): value is { reader: string; devices: string[] } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['reader'] === 'string' && Array.isArray(v['devices']) && v['devices'].every((d) => typeof d === 'string');
}
