/**
 * Writes a LevelDB table with one Snappy-compressed data block, as Chromium's LevelDB writes
 * them: for the positive control that shows a scan finds text only a decompressing reader sees.
 * CRCs are left zero (the readers here do not check them; Chromium never opens this file).
 */
import { compress } from 'snappyjs';

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

/** A block of sorted entries, each key stored whole (one restart point per entry). */
function block(entries: readonly [Uint8Array, Uint8Array][]): Buffer {
  const parts: Buffer[] = [];
  const restarts: number[] = [];
  let length = 0;
  for (const [key, value] of entries) {
    restarts.push(length);
    const entry = Buffer.concat([Buffer.from([...varint(0), ...varint(key.length), ...varint(value.length)]), key, value]);
    parts.push(entry);
    length += entry.length;
  }
  const tail = Buffer.alloc(4 * (restarts.length + 1));
  restarts.forEach((r, i) => tail.writeUInt32LE(r, 4 * i));
  tail.writeUInt32LE(restarts.length, 4 * restarts.length);
  return Buffer.concat([...parts, tail]);
}

function handle(offset: number, size: number): Buffer {
  return Buffer.from([...varint(offset), ...varint(size)]);
}

/** A `.ldb` file holding `entries` (sorted by key) in one data block, compressed with Snappy. */
export function snappyTable(entries: readonly [Uint8Array, Uint8Array][]): Buffer {
  const data = Buffer.from(compress(block(entries)));
  const dataTrailer = Buffer.from([1, 0, 0, 0, 0]);
  const meta = block([]);
  const metaOffset = data.length + 5;
  const lastKey = entries.at(-1)?.[0] ?? new Uint8Array();
  const index = block([[lastKey, handle(0, data.length)]]);
  const indexOffset = metaOffset + meta.length + 5;
  const footer = Buffer.alloc(48);
  Buffer.concat([handle(metaOffset, meta.length), handle(indexOffset, index.length)]).copy(footer);
  Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]).copy(footer, 40);
  return Buffer.concat([data, dataTrailer, meta, Buffer.from([0, 0, 0, 0, 0]), index, Buffer.from([0, 0, 0, 0, 0]), footer]);
}
