/**
 * Quarantine of remote changes from the far future. A change whose HLC wall-clock part is more
 * than `maxDriftMs` (default `DEFAULT_MAX_DRIFT_MS`, 5 min, the same bound as hlc.ts `receive`)
 * ahead of the RECEIVING device's wall clock is held back, not applied: applying it would drag
 * this device's HLC (and through it everyone's) into the future. It is released, and then applied,
 * once local time has caught up to within the bound. The test is exactly `receive`'s:
 * `hlc.ms - floor(wall) > maxDriftMs`, so a released change never makes `receive` throw
 * 'clock-drift' at the same wall time.
 *
 * Holding a change back never loses it and never changes the result: the merge is order-free
 * (merge-state.ts), so applying it late gives the state applying it early would have.
 * A quarantine is part of the replica's state: persist it with the version vector, or do not
 * acknowledge the segments it came from (`Replica.ackVector`).
 */
import { decode, DEFAULT_MAX_DRIFT_MS } from '../hlc/hlc.ts';
import type { Change } from '../../vault/store/rows.ts';

/** A change set aside, with where it came from. */
export interface QuarantinedChange {
  readonly change: Change;
  /** Wall-clock part of the change's HLC, epoch ms. */
  readonly ms: number;
  /** Device and segment seq it arrived in. */
  readonly device: string;
  readonly seq: number;
}

/** How far `hlc` (encoded) is ahead of the wall time `wallMs`, in ms (negative when behind). */
export function driftOf(hlc: string, wallMs: number): number {
  return decode(hlc).ms - Math.floor(wallMs);
}

/** Must a change stamped `hlc` be quarantined by a device whose wall clock reads `wallMs`? */
export function isTooFarAhead(hlc: string, wallMs: number, maxDriftMs: number = DEFAULT_MAX_DRIFT_MS): boolean {
  return driftOf(hlc, wallMs) > maxDriftMs;
}

/** The quarantined changes of one replica. Mutable. */
export class Quarantine {
  readonly maxDriftMs: number;
  #held: QuarantinedChange[] = [];

  constructor(maxDriftMs: number = DEFAULT_MAX_DRIFT_MS, held: Iterable<QuarantinedChange> = []) {
    if (!(maxDriftMs >= 0)) throw new RangeError(`maxDriftMs must be >= 0, got ${maxDriftMs}`);
    this.maxDriftMs = maxDriftMs;
    this.#held = [...held];
  }

  /** Number of changes held. */
  get size(): number {
    return this.#held.length;
  }

  /** The held changes (a copy), e.g. to persist or to show the user. */
  entries(): QuarantinedChange[] {
    return [...this.#held];
  }

  /**
   * Splits the changes of segment `seq` of `device`: holds those too far ahead of `wallMs`,
   * returns the others (to apply now), in their original order.
   */
  admit(changes: readonly Change[], device: string, seq: number, wallMs: number): Change[] {
    const now: Change[] = [];
    const wall = Math.floor(wallMs);
    for (const change of changes) {
      const ms = decode(change.hlc).ms;
      if (ms - wall > this.maxDriftMs) this.#held.push({ change, ms, device, seq });
      else now.push(change);
    }
    return now;
  }

  /** Removes and returns the held changes that are no longer too far ahead of `wallMs`. */
  release(wallMs: number): QuarantinedChange[] {
    const wall = Math.floor(wallMs);
    const released: QuarantinedChange[] = [];
    const kept: QuarantinedChange[] = [];
    for (const entry of this.#held) (entry.ms - wall > this.maxDriftMs ? kept : released).push(entry);
    this.#held = kept;
    return released;
  }

  /** The earliest wall time at which `release` will return something; undefined when empty. */
  nextReleaseAt(): number | undefined {
    let min: number | undefined;
    for (const entry of this.#held) if (min === undefined || entry.ms < min) min = entry.ms;
    return min === undefined ? undefined : min - this.maxDriftMs;
  }

  /** Lowest segment seq of `device` with a change still held; undefined when none. */
  oldestSeq(device: string): number | undefined {
    let min: number | undefined;
    for (const entry of this.#held) if (entry.device === device && (min === undefined || entry.seq < min)) min = entry.seq;
    return min;
  }
}
