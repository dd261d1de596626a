/**
 * The packed body of a project bundle (docs/bundle-format.md, "The packed body"):
 *
 *   [0..4)  "CRVZ"
 *   [4..8)  J, the length of the JSON once inflated, u32 big-endian, at most 1 GiB
 *   [8..)   exactly one zlib (RFC 1950) stream that inflates to exactly J bytes, and nothing after it
 *
 * "Nothing after it" is this file's rule, not the platform's: the Compression Streams standard
 * makes DecompressionStream refuse bytes after the end of the stream, and Node 24 and Chromium do,
 * but a runtime that did not would otherwise let a body carry bytes no reader looks at. So the
 * runtime is asked once (a tiny stream with one byte after it); where it does not refuse them,
 * the body is inflated a second time without its last byte, which only a body whose stream ends
 * before the last byte survives.
 */
import { deflate, inflateExactly } from '../../platform/deflate.ts';
import { BundleContentError } from './content-error.ts';

/** "CRVZ". */
export const PACKED_MAGIC = new Uint8Array([0x43, 0x52, 0x56, 0x5a]);
/** Magic and the u32 length. */
export const PACKED_PREFIX_BYTES = 8;
/** The largest JSON a bundle may inflate to (the codec's own body limit). */
export const MAX_CONTENT_JSON_BYTES = 1024 * 1024 * 1024;

/** Inflates to exactly `expected` bytes (platform/deflate.ts); injectable so tests can stand in for another runtime. */
export type InflateExactly = typeof inflateExactly;

/** The JSON bytes packed as a bundle body. Throws BundleContentError('content-too-large') above 1 GiB. */
export async function packJson(json: Uint8Array): Promise<Uint8Array> {
  if (json.length > MAX_CONTENT_JSON_BYTES) {
    throw new BundleContentError('This project is too large for one bundle (over 1 GiB of records).', {
      code: 'content-too-large',
      detail: `${json.length} bytes of JSON`,
    });
  }
  const packed = await deflate(json);
  const out = new Uint8Array(PACKED_PREFIX_BYTES + packed.length);
  out.set(PACKED_MAGIC, 0);
  new DataView(out.buffer).setUint32(4, json.length, false);
  out.set(packed, PACKED_PREFIX_BYTES);
  return out;
}

/** True when the body starts with the packed magic (the CLI writes other bodies as they are). */
export function isPacked(bytes: Uint8Array): boolean {
  return bytes.length >= PACKED_MAGIC.length && PACKED_MAGIC.every((b, i) => bytes[i] === b);
}

/**
 * The JSON inside a packed body. Throws BundleContentError: 'not-a-project' (no magic or fewer
 * than 8 bytes), 'content-too-large' (J above 1 GiB, before inflating), 'bad-packing' (anything
 * but one zlib stream of exactly J bytes: not zlib, corrupt, cut, more or fewer bytes, bytes after it).
 */
export async function unpackContent(bytes: Uint8Array, inflate: InflateExactly = inflateExactly): Promise<Uint8Array> {
  if (bytes.length < PACKED_PREFIX_BYTES || !isPacked(bytes)) {
    throw new BundleContentError('The bundle opened, but its content is not a Caravan project. It was not made by Caravan, or by a newer version.', {
      code: 'not-a-project',
      detail: bytes.length < PACKED_PREFIX_BYTES ? `${bytes.length} bytes` : 'no CRVZ magic',
    });
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, false);
  if (length > MAX_CONTENT_JSON_BYTES) {
    throw new BundleContentError('The bundle says its content is larger than 1 GiB, more than Caravan reads.', {
      code: 'content-too-large',
      detail: `${length} bytes stated`,
    });
  }
  const stream = bytes.subarray(PACKED_PREFIX_BYTES);
  const inflated = await inflate(stream, length);
  if (!inflated.ok) {
    const why =
      inflated.problem === 'not-deflated'
        ? `not one zlib stream${inflated.cause instanceof Error ? `: ${inflated.cause.message}` : ''}`
        : `inflates to ${inflated.problem === 'too-long' ? 'more' : 'fewer'} than the ${length} bytes it states`;
    throw badPacking(why);
  }
  if (!(await refusesTrailingBytes(inflate)) && (await inflate(stream.subarray(0, stream.length - 1), length)).ok) {
    throw badPacking('bytes after the end of the zlib stream');
  }
  return inflated.bytes;
}

function badPacking(detail: string): BundleContentError {
  return new BundleContentError(
    'The bundle opened, but its content is damaged: the Caravan that made it has a fault. Nothing was imported; ask the sender to export it again.',
    {
      code: 'bad-packing',
      detail,
    },
  );
}

/** zlib of no bytes (78 9c 03 00, Adler-32 00 00 00 01), then one byte more. */
const TRAILING_PROBE = new Uint8Array([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00]);
const probed = new WeakMap<InflateExactly, Promise<boolean>>();

/** Whether `inflate` refuses bytes after the end of a stream; asked once per inflater. */
function refusesTrailingBytes(inflate: InflateExactly): Promise<boolean> {
  let answer = probed.get(inflate);
  if (answer === undefined) {
    answer = inflate(TRAILING_PROBE, 0).then((result) => !result.ok);
    probed.set(inflate, answer);
  }
  return answer;
}
