/**
 * The fixed byte layout of a `.caravan` bundle (docs/bundle-format.md, "Byte layout"):
 *
 *   [0..4)      magic "CRVB"
 *   [4]         format version = 1
 *   [5..9)      header length H, u32 big-endian, 2..65536
 *   [9..9+H)    header: canonical JSON, UTF-8 (header.ts)
 *   [+24)       crypto_secretstream_xchacha20poly1305 header
 *   [+...)      n chunks: every chunk but the last holds 65 536 plaintext bytes, the last 0..65 536;
 *               each is its plaintext length + 17 bytes (1 tag byte, 16 MAC bytes)
 *   [+64)       Ed25519 signature (signature.ts)
 *
 * Chunk boundaries are not written in the file: they follow from `bodyBytes` in the header, so
 * the exact file length is known from the header alone, and a cut or an appendage is reported as
 * such before any cryptography.
 */

/** The first four bytes of every bundle, as ASCII. Segments use "CRVS"; each signed object has its own. */
export const BUNDLE_MAGIC_TEXT = 'CRVB';
export const BUNDLE_MAGIC = new Uint8Array([0x43, 0x52, 0x56, 0x42]);
/** The format version byte this code writes and reads. */
export const BUNDLE_FORMAT_VERSION = 1;

/** Magic, version byte and the u32 header length. */
export const PREFIX_BYTES = 9;
/** Shortest header the length field may announce ("{}"; a real header is 400+ bytes). */
export const MIN_HEADER_BYTES = 2;
/** Longest header accepted: 64 recipients and 64 attestations fit with room to spare. */
export const MAX_HEADER_BYTES = 65_536;

/** Plaintext bytes per secretstream chunk; the last chunk holds the remainder (possibly 0). */
export const CHUNK_BYTES = 65_536;
/** crypto_secretstream_xchacha20poly1305_HEADERBYTES. */
export const STREAM_HEADER_BYTES = 24;
/** crypto_secretstream_xchacha20poly1305_ABYTES: one encrypted tag byte and a 16-byte Poly1305 MAC. */
export const CHUNK_OVERHEAD_BYTES = 17;
/** crypto_sign_BYTES. */
export const SIGNATURE_BYTES = 64;

/**
 * The most content one bundle may carry: 1 GiB. A year of heavy use is well under 100 MB of JSON;
 * the cap keeps a hostile header from announcing a body the decoder would try to allocate.
 */
export const MAX_BODY_BYTES = 1024 * 1024 * 1024;

/** Number of chunks for a body: at least one, so that even empty content ends with a FINAL tag. */
export function chunkCountFor(bodyBytes: number): number {
  return bodyBytes === 0 ? 1 : Math.ceil(bodyBytes / CHUNK_BYTES);
}

/** Where each part of a bundle with this header length and body size starts, and its total length. */
export interface BundleLayout {
  readonly headerBytes: number;
  readonly bodyBytes: number;
  readonly chunkCount: number;
  /** Offset of the secretstream header; bytes [0, streamHeaderAt) are the chunk-0 associated data. */
  readonly streamHeaderAt: number;
  /** Offset of chunk 0's ciphertext. */
  readonly chunksAt: number;
  /** Offset of the signature; the signature covers bytes [0, signatureAt). */
  readonly signatureAt: number;
  /** Exact file length. */
  readonly totalBytes: number;
}

export function layoutFor(headerBytes: number, bodyBytes: number): BundleLayout {
  const chunkCount = chunkCountFor(bodyBytes);
  const streamHeaderAt = PREFIX_BYTES + headerBytes;
  const chunksAt = streamHeaderAt + STREAM_HEADER_BYTES;
  const signatureAt = chunksAt + bodyBytes + chunkCount * CHUNK_OVERHEAD_BYTES;
  return { headerBytes, bodyBytes, chunkCount, streamHeaderAt, chunksAt, signatureAt, totalBytes: signatureAt + SIGNATURE_BYTES };
}

/** Plaintext length of chunk `index` (0-based) of a body of `bodyBytes`. */
export function chunkPlainBytes(bodyBytes: number, index: number): number {
  return Math.min(CHUNK_BYTES, bodyBytes - index * CHUNK_BYTES);
}
