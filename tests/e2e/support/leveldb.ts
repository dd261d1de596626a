/**
 * Chromium's LevelDB files (IndexedDB, Local and Session Storage, and others) as a scan must see
 * them. A table (`.ldb`, `.sst`) stores blocks that are usually Snappy-compressed and keys that
 * share prefixes with the key before them, so text in it is not on disk as written; a log
 * (`.log`) splits records into 32 KiB blocks, each with a header. These readers return every key
 * and value of a file as plain bytes (entries separated by a zero byte) for a byte search.
 *
 * Format: leveldb's doc/table_format.md and doc/log_format.md. Snappy: `snappyjs`, a maintained
 * pure-JS implementation (MIT, ~3 M downloads a month) with a compressor too, which the tests'
 * positive control uses to plant a compressed table; a decoder of our own would need its own
 * encoder to be tested against, and getting Snappy's copy offsets wrong would hide hits.
 */
import { uncompress } from 'snappyjs';

/** The footer's last 8 bytes, little-endian 0xdb4775248b80fb57. */
const TABLE_MAGIC = Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]);
const FOOTER_BYTES = 48;
const TRAILER_BYTES = 5;
const BLOCK_NONE = 0;
const BLOCK_SNAPPY = 1;
/** A block larger than this is not a block Chromium wrote (its blocks are ~4 KiB). */
const MAX_BLOCK_BYTES = 64 * 1024 * 1024;

export class LevelDbFormatError extends Error {}

interface Handle {
  offset: number;
  size: number;
}

/** Reads a varint (up to 64 bits, as a safe number) at `at`; returns the value and the next position. */
function varint(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = at; i < bytes.length && i < at + 10; i++) {
    const byte = bytes[i]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, i + 1];
    scale *= 128;
  }
  throw new LevelDbFormatError(`truncated varint at ${at}`);
}

function readHandle(bytes: Uint8Array, at: number): [Handle, number] {
  const [offset, next] = varint(bytes, at);
  const [size, end] = varint(bytes, next);
  return [{ offset, size }, end];
}

/** A block's contents, decompressed, checked against the file's bounds. */
function readBlock(file: Uint8Array, { offset, size }: Handle): Uint8Array {
  if (size > MAX_BLOCK_BYTES || offset + size + TRAILER_BYTES > file.length)
    throw new LevelDbFormatError(`block at ${offset} (${size} bytes) is outside the file`);
  const raw = file.subarray(offset, offset + size);
  const type = file[offset + size];
  if (type === BLOCK_NONE) return raw;
  if (type === BLOCK_SNAPPY) return uncompress(raw, MAX_BLOCK_BYTES);
  throw new LevelDbFormatError(`block at ${offset} uses compression ${type}, which this scan cannot read`);
}

/** The entries of a block: keys rebuilt from their shared prefixes, with their values. */
function blockEntries(block: Uint8Array): { key: Uint8Array; value: Uint8Array }[] {
  if (block.length < 4) throw new LevelDbFormatError('block shorter than its restart count');
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const restarts = view.getUint32(block.length - 4, true);
  const limit = block.length - 4 - restarts * 4;
  if (limit < 0) throw new LevelDbFormatError('restart array larger than the block');
  const entries: { key: Uint8Array; value: Uint8Array }[] = [];
  let previous: Uint8Array = new Uint8Array();
  let at = 0;
  while (at < limit) {
    const [shared, a] = varint(block, at);
    const [unshared, b] = varint(block, a);
    const [valueLength, c] = varint(block, b);
    if (shared > previous.length || c + unshared + valueLength > limit) throw new LevelDbFormatError(`entry at ${at} runs past its block`);
    const key = new Uint8Array(shared + unshared);
    key.set(previous.subarray(0, shared));
    key.set(block.subarray(c, c + unshared), shared);
    entries.push({ key, value: block.subarray(c + unshared, c + unshared + valueLength) });
    previous = key;
    at = c + unshared + valueLength;
  }
  return entries;
}

function joined(entries: { key: Uint8Array; value: Uint8Array }[]): Buffer {
  return Buffer.concat(entries.flatMap(({ key, value }) => [key, Buffer.from([0]), value, Buffer.from([0])]));
}

/** Every key and value of a table file (`.ldb`, `.sst`), decompressed. Throws LevelDbFormatError for what is not a table. */
export function tableContents(file: Uint8Array): Buffer {
  if (file.length < FOOTER_BYTES || !Buffer.from(file.subarray(file.length - 8)).equals(TABLE_MAGIC))
    throw new LevelDbFormatError('not a LevelDB table (no footer magic)');
  const footer = file.subarray(file.length - FOOTER_BYTES);
  const [metaindex, next] = readHandle(footer, 0);
  const [index] = readHandle(footer, next);
  const indexEntries = blockEntries(readBlock(file, index));
  const blocks = [...indexEntries, ...blockEntries(readBlock(file, metaindex))].map(({ value }) => blockEntries(readBlock(file, readHandle(value, 0)[0])));
  return Buffer.concat([joined(indexEntries), ...blocks.map(joined)]);
}

const LOG_BLOCK_BYTES = 32 * 1024;
const LOG_HEADER_BYTES = 7;
const FULL = 1;
const FIRST = 2;
const LAST = 4;

/** Every record of a log file (`.log`, MANIFEST), its fragments joined across 32 KiB blocks. */
export function logContents(file: Uint8Array): Buffer {
  const records: Buffer[] = [];
  let pending: Buffer[] = [];
  let at = 0;
  while (at + LOG_HEADER_BYTES <= file.length) {
    const left = LOG_BLOCK_BYTES - (at % LOG_BLOCK_BYTES);
    if (left < LOG_HEADER_BYTES) {
      at += left; // the block's tail is padding
      continue;
    }
    const length = file[at + 4]! | (file[at + 5]! << 8);
    const type = file[at + 6]!;
    const data = Buffer.from(file.subarray(at + LOG_HEADER_BYTES, Math.min(file.length, at + LOG_HEADER_BYTES + length)));
    at += LOG_HEADER_BYTES + length;
    if (type === 0 && length === 0) continue; // preallocated zeros
    if (type === FULL) records.push(data);
    else if (type === FIRST) pending = [data];
    else {
      pending.push(data);
      if (type === LAST) {
        records.push(Buffer.concat(pending));
        pending = [];
      }
    }
  }
  if (pending.length > 0) records.push(Buffer.concat(pending));
  return Buffer.concat(records.flatMap((r) => [r, Buffer.from([0])]));
}
