/**
 * One device's replica of one partition: its merge state (merge-state.ts), the version vector of
 * the segments it has applied with in-order delivery (version-vector.ts), and the quarantine of
 * changes from the far future (quarantine.ts). Pure logic: the caller moves segments (encoded,
 * signed and encrypted elsewhere) and persists what it needs.
 *
 * - Local writes: `write` / `remove` stamp one HLC per call with `tick` and apply at once; `flush`
 *   seals everything written since the last flush into the next segment `{ device, seq, changes }`
 *   (seq 1, 2, 3, ... per device and partition).
 * - Remote segments: `receiveSegment` drops duplicates, holds a segment beyond a gap until the gap
 *   is filled, and applies each device's segments in that device's order. Within an applied
 *   segment, a change more than the clock's `maxDriftMs` (5 min) ahead of the local wall clock is
 *   quarantined; `receiveSegment` and `releaseQuarantine` apply the ones local time has caught up
 *   with. After applying, the HLC `receive`s the highest applied stamp, so later local writes
 *   order after everything seen.
 *
 * A segment is validated as a whole before anything happens: a malformed one throws MergeError
 * and is not recorded, so its device's later segments wait behind it (the log is signed, so this
 * means a broken writer, not a network error).
 *
 * The clock is the device's one HLC, shared by the replicas of all its partitions. Mutable.
 */
import { HlcError } from '../hlc/errors.ts';
import { type Clock, decode, encode, receive, tick } from '../hlc/hlc.ts';
import type { Change, DeleteChange, EntityTableName } from '../../vault/store/rows.ts';
import {
  applyChange,
  cloneState,
  createState,
  type Materialized,
  materialize,
  MergeError,
  type MergeState,
  readRecord,
  type RecordView,
  validateChange,
} from './merge-state.ts';
import { Quarantine, type QuarantinedChange } from './quarantine.ts';
import { lastSeq, type OfferStatus, type Released, SegmentSequencer, type VersionVector } from './version-vector.ts';

/** The changes one device wrote to one partition between two flushes. */
export interface Segment {
  readonly device: string;
  /** 1, 2, 3, ... per device (and partition). */
  readonly seq: number;
  readonly changes: readonly Change[];
}

/** Where a replica starts from: a new device, or what a previous run persisted. */
export interface ReplicaOptions {
  /** This device's id, the writer of its segments. */
  readonly device: string;
  /** This device's HLC (one per device, shared by all partitions). */
  readonly clock: Clock;
  /** Persisted merge state; taken over, not copied. */
  readonly state?: MergeState;
  /** Persisted version vector; its entry for `device` is the last segment this device sealed. */
  readonly vector?: VersionVector;
  /** Persisted quarantine. */
  readonly quarantined?: Iterable<QuarantinedChange>;
}

/** What `receiveSegment` did. */
export interface ReceiveResult {
  /** The offered segment: 'ready' (applied), 'pending' (behind a gap) or 'duplicate' (ignored). */
  readonly status: OfferStatus;
  /** Segments applied by this call, in order: the offered one and any it unblocked. */
  readonly applied: ReadonlyArray<{ readonly device: string; readonly seq: number }>;
  /** Changes (from segments or released quarantine) that changed the state. */
  readonly changed: number;
  /** Changes quarantined by this call. */
  readonly quarantined: number;
  /** Quarantined changes released and applied by this call. */
  readonly released: number;
}

/** One device's replica of one partition. */
export class Replica {
  readonly device: string;
  readonly clock: Clock;
  readonly #state: MergeState;
  readonly #sequencer: SegmentSequencer<readonly Change[]>;
  readonly #quarantine: Quarantine;
  #unsent: Change[] = [];

  constructor(options: ReplicaOptions) {
    if (typeof options.device !== 'string' || options.device === '') throw new MergeError('A replica needs a device id.');
    this.device = options.device;
    this.clock = options.clock;
    this.#state = options.state ?? createState();
    this.#sequencer = new SegmentSequencer(options.vector);
    this.#quarantine = new Quarantine(options.clock.maxDriftMs, options.quarantined);
  }

  /** Segments applied, per device: the contiguous prefix (own sealed segments included). */
  get vector(): VersionVector {
    return this.#sequencer.vector;
  }

  /**
   * The vector it is safe to acknowledge for compaction when the quarantine is NOT persisted:
   * `vector`, lowered per device to just before the first segment with a change still held.
   */
  ackVector(): VersionVector {
    const out: Array<[string, number]> = [];
    for (const device of Object.keys(this.vector)) {
      const applied = lastSeq(this.vector, device);
      const held = this.#quarantine.oldestSeq(device);
      out.push([device, held === undefined ? applied : Math.min(applied, held - 1)]);
    }
    return Object.freeze(Object.fromEntries(out));
  }

  /** Segments waiting behind a gap. */
  get pendingCount(): number {
    return this.#sequencer.pendingCount;
  }

  /** Changes held in quarantine (a copy). */
  quarantined(): QuarantinedChange[] {
    return this.#quarantine.entries();
  }

  /** The earliest wall time at which `releaseQuarantine` will apply something; undefined when empty. */
  nextReleaseAt(): number | undefined {
    return this.#quarantine.nextReleaseAt();
  }

  /** Local changes not yet sealed into a segment. */
  get unsentCount(): number {
    return this.#unsent.length;
  }

  /** A copy of the merge state (e.g. to persist). */
  snapshotState(): MergeState {
    return cloneState(this.#state);
  }

  /** The live records. */
  materialize(): Materialized {
    return materialize(this.#state);
  }

  /** One record: live, deleted or absent. */
  read(table: EntityTableName, id: string): RecordView {
    return readRecord(this.#state, table, id);
  }

  /**
   * A local write of some fields of one record, under one new HLC: a `set` per defined value, an
   * `unset` per field given as `undefined`. Applied at once and queued for the next segment.
   * Returns the changes (none, and no HLC used, for an empty `fields`).
   */
  write(table: EntityTableName, id: string, fields: Readonly<Record<string, unknown>>): Change[] {
    const names = Object.keys(fields);
    if (names.length === 0) return [];
    const hlc = encodeNow(this.clock);
    const changes = names.map((field): Change => {
      const value = fields[field];
      return value === undefined ? { op: 'unset', table, id, field, hlc } : { op: 'set', table, id, field, value, hlc };
    });
    for (const change of changes) validateChange(change);
    this.#local(changes);
    return changes;
  }

  /** A local delete of one record under a new HLC; applied at once and queued. */
  remove(table: EntityTableName, id: string): DeleteChange {
    const change: DeleteChange = { op: 'delete', table, id, hlc: encodeNow(this.clock) };
    validateChange(change);
    this.#local([change]);
    return change;
  }

  /** Seals the unsent local changes into this device's next segment; undefined when there are none. */
  flush(): Segment | undefined {
    if (this.#unsent.length === 0) return undefined;
    const segment: Segment = { device: this.device, seq: lastSeq(this.vector, this.device) + 1, changes: this.#unsent };
    this.#unsent = [];
    // Own changes are already applied; the offer only advances the vector (and, after a restore
    // that lost local state, releases own segments that came back from the remote meanwhile).
    const { ready } = this.#sequencer.offer(segment.device, segment.seq, segment.changes);
    this.#applyReleased(ready.slice(1), this.clock.now());
    return segment;
  }

  /**
   * Receives a segment (own segments coming back are duplicates). `now` is the local wall time
   * the quarantine compares against; it defaults to the clock's. Throws MergeError for a malformed
   * segment, changing nothing.
   */
  receiveSegment(segment: Segment, now: number = this.clock.now()): ReceiveResult {
    const checked = validateSegment(segment);
    const { status, ready } = this.#sequencer.offer(checked.device, checked.seq, checked.changes);
    const fromSegments = this.#applyReleased(ready, now);
    const fromQuarantine = this.#release(now);
    this.#catchUpClock(maxHlc(fromSegments.maxHlc, fromQuarantine.maxHlc));
    return {
      status,
      applied: ready.map(({ device, seq }) => ({ device, seq })),
      changed: fromSegments.changed + fromQuarantine.changed,
      quarantined: fromSegments.quarantined,
      released: fromQuarantine.released,
    };
  }

  /** Applies the quarantined changes local time has caught up with; returns how many. */
  releaseQuarantine(now: number = this.clock.now()): number {
    const { released, maxHlc: max } = this.#release(now);
    this.#catchUpClock(max);
    return released;
  }

  #local(changes: Change[]): void {
    for (const change of changes) applyChange(this.#state, change);
    this.#unsent.push(...changes);
  }

  #applyReleased(ready: ReadonlyArray<Released<readonly Change[]>>, now: number): { changed: number; quarantined: number; maxHlc: string } {
    let changed = 0;
    let quarantined = 0;
    let max = '';
    for (const { device, seq, item } of ready) {
      const admitted = device === this.device ? item : this.#quarantine.admit(item, device, seq, now);
      quarantined += item.length - admitted.length;
      for (const change of admitted) {
        if (applyChange(this.#state, change)) changed++;
        if (change.hlc > max) max = change.hlc;
      }
    }
    return { changed, quarantined, maxHlc: max };
  }

  #release(now: number): { changed: number; released: number; maxHlc: string } {
    let changed = 0;
    let max = '';
    const released = this.#quarantine.release(now);
    for (const { change } of released) {
      if (applyChange(this.#state, change)) changed++;
      if (change.hlc > max) max = change.hlc;
    }
    return { changed, released: released.length, maxHlc: max };
  }

  /**
   * Moves the HLC past the highest applied stamp. The drift check already passed for it; should
   * `receive` still refuse (the wall clock stepped back meanwhile, or the counter is exhausted),
   * the clock stays where it is: the change is applied either way, only the causal order of the
   * next local write is lost, never convergence.
   */
  #catchUpClock(max: string): void {
    if (max === '') return;
    try {
      receive(this.clock, decode(max));
    } catch (error) {
      if (!(error instanceof HlcError)) throw error;
    }
  }
}

/** Checks a received segment's shape and every change in it; throws MergeError. */
export function validateSegment(segment: unknown): Segment {
  if (typeof segment !== 'object' || segment === null) throw new MergeError('A segment is not an object.');
  const s = segment as Record<string, unknown>;
  if (typeof s['device'] !== 'string' || s['device'] === '') throw new MergeError('A segment has no device id.');
  const seq = s['seq'];
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) {
    throw new MergeError(`Segment seq ${String(seq)} is not a positive integer.`);
  }
  if (!Array.isArray(s['changes'])) throw new MergeError('A segment has no change list.');
  for (const change of s['changes']) validateChange(change, { newerTables: true });
  return segment as Segment;
}

function encodeNow(clock: Clock): string {
  return encode(tick(clock));
}

function maxHlc(a: string, b: string): string {
  return a > b ? a : b;
}
