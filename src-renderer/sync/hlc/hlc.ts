/**
 * Hybrid logical clock (Kulkarni et al., "Logical Physical Clocks", 2014):
 * 48-bit wall-clock milliseconds, a 16-bit counter for events within the same
 * millisecond (or while the wall clock lags a remote one), and a 64-bit node id
 * that breaks ties, so every change in the workspace has a distinct, totally
 * ordered timestamp. Sync merges per field by the highest HLC.
 *
 * Drift policy: `receive` THROWS HlcError('clock-drift') for a remote timestamp
 * more than `maxDriftMs` (default 5 min) ahead of local wall time and leaves the
 * clock untouched. Throwing rather than returning a flag makes it impossible to
 * merge such a change by forgetting to look; sync catches it and quarantines
 * the change. Letting it in would drag this clock, and through it every
 * device's, into the future.
 */
import { HlcError } from './errors.ts';

/** One timestamp. Immutable. */
export interface Hlc {
  /** Wall-clock part, UTC epoch milliseconds, 0..2^48-1. */
  readonly ms: number;
  /** Logical part, 0..65535. */
  readonly counter: number;
  /** Writer's node id: 16 lowercase hex characters (64 bits). */
  readonly node: string;
}

/** Largest `ms` (year 10889). */
export const MAX_MS = 2 ** 48 - 1;
/** Largest `counter`. */
export const MAX_COUNTER = 0xffff;
/** Remote timestamps further ahead of local time than this are refused. */
export const DEFAULT_MAX_DRIFT_MS = 5 * 60_000;
/** Length of `encode`'s output: 12 hex ms + 4 hex counter + 16 hex node. */
export const ENCODED_LENGTH = 32;

const NODE_RE = /^[0-9a-f]{16}$/;
const ENCODED_RE = /^[0-9a-f]{32}$/;

/**
 * A device's clock. `last` is the latest timestamp issued or seen; only `tick`
 * and `receive` change it. Persist `last` and pass it back to `createClock` on
 * start so the clock stays monotonic even if the wall clock was set back.
 */
export interface Clock {
  readonly node: string;
  /** Wall-clock source, epoch ms; injected for tests. */
  readonly now: () => number;
  readonly maxDriftMs: number;
  last: Hlc;
}

/** Options for `createClock`. */
export interface ClockOptions {
  /** Default `DEFAULT_MAX_DRIFT_MS`. */
  maxDriftMs?: number;
  /** The persisted `last` of a previous run. */
  last?: Hlc;
}

/** A random 64-bit node id, for a new device. */
export function newNodeId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** A validated timestamp; throws HlcError('invalid-timestamp'). */
export function makeHlc(ms: number, counter: number, node: string): Hlc {
  if (!Number.isSafeInteger(ms) || ms < 0 || ms > MAX_MS) throw invalid(`ms ${ms} is outside 0..2^48-1`);
  if (!Number.isInteger(counter) || counter < 0 || counter > MAX_COUNTER) throw invalid(`counter ${counter} is outside 0..65535`);
  if (!NODE_RE.test(node)) throw invalid(`node id "${node}" is not 16 lowercase hex characters`);
  return { ms, counter, node };
}

/** A clock for this device; `now` defaults to `Date.now`. */
export function createClock(nodeId: string, now: () => number = Date.now, options: ClockOptions = {}): Clock {
  const maxDriftMs = options.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS;
  if (!(maxDriftMs >= 0)) throw new RangeError(`maxDriftMs must be >= 0, got ${maxDriftMs}`);
  const restored = options.last;
  const last = restored === undefined ? makeHlc(0, 0, nodeId) : makeHlc(restored.ms, restored.counter, nodeId);
  return { node: nodeId, now, maxDriftMs, last };
}

/** Timestamp for a local event (a write); strictly greater than every earlier one. */
export function tick(clock: Clock): Hlc {
  const wall = physicalNow(clock);
  const last = clock.last;
  const next = wall > last.ms ? makeHlc(wall, 0, clock.node) : { ms: last.ms, counter: bump(last.counter), node: clock.node };
  clock.last = next;
  return next;
}

/**
 * Merges a remote timestamp into the clock and returns the new local timestamp,
 * greater than both the previous local one and `remote`.
 * Throws HlcError 'clock-drift' (see the module comment), 'counter-overflow'
 * or 'invalid-timestamp'; the clock is unchanged when it throws.
 */
export function receive(clock: Clock, remote: Hlc): Hlc {
  makeHlc(remote.ms, remote.counter, remote.node); // validate what came off the wire
  const wall = physicalNow(clock);
  const drift = remote.ms - wall;
  if (drift > clock.maxDriftMs) {
    throw new HlcError(
      'clock-drift',
      `A change from device ${remote.node} is stamped ${Math.round(drift / 1000)} s in the future; ` +
        "one of the two devices' clocks is wrong. It was set aside, not applied.",
      drift,
    );
  }
  const last = clock.last;
  const ms = Math.max(wall, last.ms, remote.ms);
  let counter: number;
  if (ms === last.ms && ms === remote.ms) counter = bump(Math.max(last.counter, remote.counter));
  else if (ms === last.ms) counter = bump(last.counter);
  else if (ms === remote.ms) counter = bump(remote.counter);
  else counter = 0;
  const next = makeHlc(ms, counter, clock.node);
  clock.last = next;
  return next;
}

/** How far `remote` is ahead of local wall time, in ms (negative when behind). */
export function driftOf(clock: Clock, remote: Hlc): number {
  return remote.ms - physicalNow(clock);
}

/** Total order: ms, then counter, then node id. */
export function compare(a: Hlc, b: Hlc): -1 | 0 | 1 {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  if (a.node !== b.node) return a.node < b.node ? -1 : 1;
  return 0;
}

/** Fixed-width lowercase hex; string order equals `compare` order, so it can be an index key. */
export function encode(hlc: Hlc): string {
  const { ms, counter, node } = makeHlc(hlc.ms, hlc.counter, hlc.node);
  return ms.toString(16).padStart(12, '0') + counter.toString(16).padStart(4, '0') + node;
}

/** Inverse of `encode`; only the canonical (lowercase, 32-character) form is accepted. */
export function decode(text: string): Hlc {
  if (!ENCODED_RE.test(text)) throw invalid(`"${text}" is not a ${ENCODED_LENGTH}-character lowercase hex timestamp`);
  return makeHlc(Number.parseInt(text.slice(0, 12), 16), Number.parseInt(text.slice(12, 16), 16), text.slice(16));
}

function physicalNow(clock: Clock): number {
  const wall = Math.floor(clock.now());
  if (!Number.isSafeInteger(wall) || wall < 0 || wall > MAX_MS) throw invalid(`the system clock reads ${wall}`);
  return wall;
}

function bump(counter: number): number {
  if (counter >= MAX_COUNTER) {
    throw new HlcError('counter-overflow', 'Too many changes in one millisecond (or a remote clock far ahead); wait a moment and try again.');
  }
  return counter + 1;
}

function invalid(detail: string): HlcError {
  return new HlcError('invalid-timestamp', `Invalid clock timestamp: ${detail}.`);
}
