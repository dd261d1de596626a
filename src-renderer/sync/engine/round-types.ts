/**
 * The shapes a sync round and its helpers (snapshots, compaction, shared objects, client keys)
 * share: what a round is given and what it reports. Their own module, so the helpers that
 * sync-round.ts calls need not import it back for types.
 */
import type { VaultDb } from '../../vault/store/schema.ts';
import type { VaultKeyRing } from '../../vault/store/key-ring.ts';
import type { WriteClock } from '../../vault/repos/context.ts';
import type { SyncDevice } from './device-identity.ts';
import type { PartitionStates } from './partition-states.ts';
import type { Remote } from './remote.ts';
import type { SyncProgress } from './sync-progress.ts';
import type { DoomedRecord, GuardLimits } from './deletion-guard.ts';
import type { DetectedConflict } from './conflicts.ts';

/** Knobs of snapshots and compaction; tests lower them. */
export interface CompactionOptions {
  /** Segments applied here and covered by no snapshot before this device writes one. Default 256. */
  segmentsPerSnapshot?: number;
  /** A device lacking at least this many segments that a snapshot covers starts from it. Default 64. */
  catchUpFrom?: number;
  /** Overrides the safety margin (default 24 h on a folder, 4 h on WebDAV and S3). */
  marginMs?: number;
  /**
   * How far back history must reach (the person's setting, history/retention.ts): nothing is
   * deleted on the word of a snapshot younger than this, so every segment newer stays.
   */
  retentionMs?: number;
}

export interface RoundDeps {
  vaultId: string;
  db: VaultDb;
  keyRing: VaultKeyRing;
  clock: WriteClock;
  device: SyncDevice;
  remote: Remote;
  progress: SyncProgress;
  /** Persists `progress` (called after every step that changes it). */
  saveProgress(progress: SyncProgress): Promise<void>;
  /** Merge states kept across rounds while the vault is open. */
  states: PartitionStates;
  /** Wall clock, epoch ms. */
  now(): number;
  /**
   * The vault header (wrapped keys and KDF parameters), uploaded as `vault.json` so a new device
   * can join with the passphrase or the recovery kit. Absent: not uploaded.
   */
  headerText?: () => Promise<string | undefined>;
  /** Clients erased on this device, whose erasure every other device must learn (markers to write). */
  erasures?: readonly { clientId: string; erasedAt: number }[];
  /** A verified marker says a client this device still holds was erased elsewhere: erase it here. */
  onRemoteErasure?: (clientId: string) => Promise<void>;
  /** False while travelling: a client whose key has not arrived yet stays away until the trip ends. */
  adoptKeys?: boolean;
  /** Devices the person removed on this device: their removal is written to the target (once). */
  removals?: readonly string[];
  /** Remote partition ids not to pull (clients removed from the device while travelling). */
  skipPartitions?: ReadonlySet<string>;
  /** The kind of target, which sets compaction's safety margin (absent: the folder's, the longer). */
  targetKind?: 'folder' | 'webdav' | 's3';
  /** Snapshot and compaction knobs (tests lower them). */
  compaction?: CompactionOptions;
  /** Told how many remote segments this round has applied out of how many it found. */
  onProgress?: (done: number, total: number) => void;
  /** The deletion guard's limits (absent: the defaults, deletion-guard.ts). */
  guardLimits?: GuardLimits;
}

/**
 * Segments of one device that would delete too much of a partition: not applied, waiting for the
 * person's decision on exactly this range (`SyncProgress.guard`).
 */
export interface PausedBatch {
  partition: string;
  device: string;
  fromSeq: number;
  toSeq: number;
  /** Live records of the partition here before the batch. */
  live: number;
  /** The same, per table. */
  liveByTable: Record<string, number>;
  /** The live records the batch would delete, as they are here now. */
  doomed: DoomedRecord[];
  /** The highest HLC in the batch: a restore after it is applied must be stamped later. */
  newest: string;
}

/** A partition the guard kept off this target, with its reason. */
export interface HeldBack {
  partition: string;
  reason: string;
}

/** A segment that was not applied, and why. */
export interface Rejected {
  key: string;
  code: string;
  message: string;
}

/** A device running a newer Caravan than this one (newer-version.ts). */
export interface NewerDevice {
  /** Its id; absent when the object that showed it could not be tied to a device of the roster. */
  device?: string;
  /** Its log (or snapshot) is in a format this version cannot read: it waits until this device is updated. */
  waiting: boolean;
}

export interface RoundResult {
  pushedSegments: number;
  pushedChanges: number;
  bytesSent: number;
  appliedSegments: number;
  appliedChanges: number;
  heldBack: HeldBack[];
  rejected: Rejected[];
  /** Changes from the future, held until this device's clock catches up. */
  quarantined: number;
  /** Merged records that did not validate and were not written. */
  incomplete: number;
  /** Records a newer Caravan wrote, kept and passed on but not (wholly) shown here. */
  newer: number;
  /** Devices that run a newer Caravan, once each: their data is kept, or waits for an update here. */
  newerDevices: NewerDevice[];
  /** Records written into the vault from other devices. */
  recordsWritten: number;
  /** Clients whose residency policy changed by this round's segments, with the device each change came from. */
  policyFrom: Record<string, string>;
  /** Client partitions whose key has not arrived (or was erased): their segments wait. */
  missingKeys: string[];
  /** The devices of this vault on this target, as its roster says. */
  devices: { id: string; addedAt?: number; removed: boolean }[];
  /** Snapshots merged to catch up (a join, or segments gone from the target). */
  snapshotsApplied: number;
  snapshotsWritten: number;
  /** Segments, snapshots and acknowledgements compaction deleted. */
  deletedObjects: number;
  /** Partitions the deletion guard paused this round, waiting for the person. */
  paused: PausedBatch[];
  /** Records re-asserted because the person chose to keep them over a reviewed batch's deletes. */
  kept: number;
  /** Concurrent edits of one field, this device's and another's, met this round (conflicts.ts). */
  conflicts: DetectedConflict[];
  /** The key epoch this device writes in after the round ('legacy' before key epochs). */
  epoch?: string;
  /** Set when this device left the target's vault header alone because it cannot read it (vault-header.ts): what to tell the person. */
  headerKept?: string;
  /** Set when the current key epoch still reaches a removed device or an erased client: what to tell the person (rotating needs the passphrase). */
  rotationNeeded?: string;
}
