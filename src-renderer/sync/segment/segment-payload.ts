/**
 * The plaintext of a segment: the canonical JSON of its change list, deflated since format
 * version 2 (docs/sync-layout.md, "A segment, byte by byte"). A change list repeats table, id,
 * field names and HLC prefixes per change, which deflate removes (docs/performance.md, Sync, has
 * the bytes on the wire before and after).
 *
 * Compressing before encrypting lets the ciphertext's length depend on the contents. That is
 * acceptable here for the reason given for snapshots (snapshot-payload.ts): a segment is written
 * by its device and then sits at rest, and nobody who reads the target can place chosen text
 * beside secret text in it and watch the length change, so CRIME/BREACH-style attacks do not apply.
 */
import { deflate, inflateExactly } from '../../platform/deflate.ts';
import { SegmentError } from './errors.ts';
import type { Change } from '../../vault/store/rows.ts';
import { MergeError, validateChange } from '../merge/merge-state.ts';

/** The most plaintext (canonical JSON of the change list) one segment may carry: 1 MiB, inflated. */
export const MAX_SEGMENT_PLAINTEXT_BYTES = 1024 * 1024;

/**
 * zlib's compressBound: the most a zlib stream of `length` bytes can take when the data does not
 * compress (stored blocks, the zlib header and the Adler-32 trailer).
 */
export function deflateBound(length: number): number {
  return length + (length >>> 12) + (length >>> 14) + (length >>> 25) + 13;
}

/** The longest deflated payload a reader accepts: 1 MiB that did not compress. 1 048 909 bytes. */
export const MAX_SEGMENT_PACKED_BYTES = deflateBound(MAX_SEGMENT_PLAINTEXT_BYTES);

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Deflates a change list's canonical JSON (zlib format). */
export function packChanges(plaintext: Uint8Array): Promise<Uint8Array> {
  return deflate(plaintext);
}

/**
 * Inflates a version-2 payload that must come to exactly `size` bytes: SegmentError
 * 'bad-payload' otherwise. It stops reading as soon as the output would exceed `size`, so a small
 * authentic object cannot expand into gigabytes.
 */
export async function unpackChanges(packed: Uint8Array, size: number, where: string): Promise<Uint8Array> {
  const result = await inflateExactly(packed, size);
  if (result.ok) return result.bytes;
  if (result.problem === 'too-long') throw new SegmentError('bad-payload', `${where}: inflates to more than the ${size} bytes its header declares`);
  if (result.problem === 'not-deflated') throw new SegmentError('bad-payload', `${where}: the payload is not deflated data`, { cause: result.cause });
  throw new SegmentError('bad-payload', `${where}: inflates to ${result.length} bytes, the header declares ${size}`);
}

/** The changes of a segment's plaintext; SegmentError 'bad-payload' unless it is a list of `count` valid changes. */
export function parseChanges(plaintext: Uint8Array, count: number, where: string): Change[] {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(plaintext));
  } catch (cause) {
    throw new SegmentError('bad-payload', `${where}: not UTF-8 JSON`, { cause });
  }
  if (!Array.isArray(value)) throw new SegmentError('bad-payload', `${where}: not a list of changes`);
  if (value.length !== count) throw new SegmentError('bad-payload', `${where}: ${value.length} changes, the header says ${count}`);
  try {
    return value.map((change) => validateChange(change, { newerTables: true }));
  } catch (error) {
    if (error instanceof MergeError) throw new SegmentError('bad-payload', `${where}: ${error.message}`, { cause: error });
    throw error;
  }
}
