/**
 * Version vectors over device ids, and in-order delivery of each device's log segments.
 *
 * Every device numbers the segments it writes to a partition 1, 2, 3, ... A version vector maps a
 * device id to the last seq of that device applied CONTIGUOUSLY: `{ A: 4 }` means A's segments
 * 1..4 have all been applied, and says nothing about 6. A missing device means 0 (nothing).
 * Vectors are immutable plain objects (frozen), so they can be stored, compared and hashed as JSON.
 *
 * `SegmentSequencer` holds a segment whose seq is beyond last + 1 until the gap is filled, so a
 * delayed or reordered delivery still applies each device's segments in that device's order, and
 * drops one that is already applied or already waiting (a duplicate).
 */

/** Device id → last contiguous seq applied. Immutable. */
export type VersionVector = Readonly<Record<string, number>>;

/** How two vectors relate: a happened before b, after it, the same, or neither. */
export type VectorOrder = 'before' | 'after' | 'equal' | 'concurrent';

/** The empty vector (nothing applied). */
export const EMPTY_VECTOR: VersionVector = Object.freeze({});

/** The last contiguous seq of `device` in `vv` (0 when absent). */
export function lastSeq(vv: VersionVector, device: string): number {
  return Object.hasOwn(vv, device) ? (vv[device] ?? 0) : 0;
}

/** Has segment `seq` of `device` been applied (is it within the contiguous prefix)? */
export function covers(vv: VersionVector, device: string, seq: number): boolean {
  return seq <= lastSeq(vv, device);
}

/**
 * `vv` with `device` advanced to `seq`. Idempotent: a covered seq returns `vv` itself. Throws
 * RangeError for a gap (seq > last + 1) or a seq that is not a positive integer: a vector only
 * ever records a contiguous prefix.
 */
export function advance(vv: VersionVector, device: string, seq: number): VersionVector {
  checkSeq(seq);
  const last = lastSeq(vv, device);
  if (seq <= last) return vv;
  if (seq !== last + 1) throw new RangeError(`Segment ${seq} of device ${device} would skip ${last + 1}..${seq - 1}.`);
  return freeze({ ...vv, [device]: seq });
}

/** Pointwise maximum: everything either vector has applied. */
export function merge(a: VersionVector, b: VersionVector): VersionVector {
  const devices = new Set([...Object.keys(a), ...Object.keys(b)]);
  // fromEntries defines own properties, so no device id can reach a prototype.
  return freeze(Object.fromEntries([...devices].map((d) => [d, Math.max(lastSeq(a, d), lastSeq(b, d))])));
}

/** Partial order of two vectors (a missing device counts as 0). */
export function compare(a: VersionVector, b: VersionVector): VectorOrder {
  let less = false;
  let greater = false;
  for (const device of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = lastSeq(a, device);
    const y = lastSeq(b, device);
    if (x < y) less = true;
    else if (x > y) greater = true;
  }
  if (less && greater) return 'concurrent';
  if (less) return 'before';
  if (greater) return 'after';
  return 'equal';
}

/** What `SegmentSequencer.offer` did with a segment. */
export type OfferStatus =
  /** Already applied, or already waiting: ignored. */
  | 'duplicate'
  /** Beyond a gap: kept until the missing segments arrive. */
  | 'pending'
  /** Next in line: released, possibly with waiting segments it unblocked. */
  | 'ready';

/** A segment released in its device's order. */
export interface Released<T> {
  readonly device: string;
  readonly seq: number;
  readonly item: T;
}

/**
 * Per-device in-order delivery on top of a version vector. `offer` returns the items to apply
 * now, in order; the vector advances as they are released, so the caller must apply what it gets
 * (validate a segment BEFORE offering it). Mutable; `vector` is an immutable snapshot.
 */
export class SegmentSequencer<T> {
  #vector: VersionVector;
  readonly #pending = new Map<string, Map<number, T>>();

  constructor(vector: VersionVector = EMPTY_VECTOR) {
    this.#vector = vector;
  }

  /** The contiguous prefix released so far. */
  get vector(): VersionVector {
    return this.#vector;
  }

  /** How many segments wait behind a gap. */
  get pendingCount(): number {
    let n = 0;
    for (const waiting of this.#pending.values()) n += waiting.size;
    return n;
  }

  /** Seqs waiting behind a gap, per device, ascending. */
  pendingSeqs(): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    for (const [device, waiting] of this.#pending) out[device] = [...waiting.keys()].sort((x, y) => x - y);
    return out;
  }

  /** Offers segment `seq` of `device`; see OfferStatus. `ready` is empty unless status is 'ready'. */
  offer(device: string, seq: number, item: T): { status: OfferStatus; ready: Array<Released<T>> } {
    checkSeq(seq);
    const last = lastSeq(this.#vector, device);
    let waiting = this.#pending.get(device);
    if (seq <= last || waiting?.has(seq) === true) return { status: 'duplicate', ready: [] };
    if (seq > last + 1) {
      if (waiting === undefined) {
        waiting = new Map();
        this.#pending.set(device, waiting);
      }
      waiting.set(seq, item);
      return { status: 'pending', ready: [] };
    }
    const ready: Array<Released<T>> = [{ device, seq, item }];
    let next = seq + 1;
    if (waiting !== undefined) {
      while (waiting.has(next)) {
        ready.push({ device, seq: next, item: waiting.get(next) as T });
        waiting.delete(next);
        next++;
      }
      if (waiting.size === 0) this.#pending.delete(device);
    }
    this.#vector = freeze({ ...this.#vector, [device]: next - 1 });
    return { status: 'ready', ready };
  }
}

function checkSeq(seq: number): void {
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`A segment seq must be a positive integer, got ${seq}.`);
}

function freeze(vv: Record<string, number>): VersionVector {
  return Object.freeze(vv);
}
