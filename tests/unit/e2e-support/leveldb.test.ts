/**
 * The profile scan's LevelDB readers: text in a Snappy-compressed table block, or in a log record
 * split across 32 KiB blocks, is not on disk as written; the readers give it back.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LevelDbFormatError, logContents, tableContents } from '../../e2e/support/leveldb.ts';
import { snappyTable } from '../../e2e/support/leveldb-writer.ts';
import { scanFolder } from '../../e2e/support/profile-scan.ts';

const CANARY = 'canary3f9a2c';
const utf16 = (text: string) => Buffer.from(text, 'utf16le');
/** A value where the canary repeats, so Snappy stores its later copies as back-references. */
const value = utf16(`Next steps: ${CANARY} ${CANARY} ${CANARY} ${CANARY}`);

describe('tableContents', () => {
  it('finds text that is only in a Snappy-compressed block, not in the file as written', () => {
    const file = snappyTable([[Buffer.from('_chrome-extension://x\u0000\u0001key'), value]]);
    expect(file.includes(utf16(`${CANARY} ${CANARY}`))).toBe(false);
    expect(tableContents(file).includes(utf16(`${CANARY} ${CANARY}`))).toBe(true);
  });

  it('rebuilds keys that share a prefix with the key before them', () => {
    // Two keys written with prefix compression by hand: "prefix-canary3f9a2c" after "prefix-a".
    const entries = Buffer.concat([
      Buffer.from([0, 8, 1]),
      Buffer.from('prefix-a'),
      Buffer.from('1'),
      Buffer.from([7, CANARY.length, 1]),
      Buffer.from(CANARY),
      Buffer.from('2'),
    ]);
    const restarts = Buffer.alloc(8);
    restarts.writeUInt32LE(0, 0);
    restarts.writeUInt32LE(1, 4);
    const data = Buffer.concat([entries, restarts]);
    const handle = (o: number, s: number) => Buffer.from([o, s]);
    const emptyBlock = Buffer.from([0, 0, 0, 0]);
    const metaOffset = data.length + 5;
    const indexBlock = Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from('z'), handle(0, data.length), Buffer.from([0, 0, 0, 0, 1, 0, 0, 0])]);
    const indexOffset = metaOffset + emptyBlock.length + 5;
    const footer = Buffer.alloc(48);
    Buffer.concat([handle(metaOffset, emptyBlock.length), handle(indexOffset, indexBlock.length)]).copy(footer);
    Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb]).copy(footer, 40);
    const zero = Buffer.alloc(5);
    const file = Buffer.concat([data, zero, emptyBlock, zero, indexBlock, zero, footer]);
    expect(file.includes(Buffer.from(`prefix-${CANARY}`))).toBe(false);
    expect(tableContents(file).includes(Buffer.from(`prefix-${CANARY}`))).toBe(true);
  });

  it('refuses what is not a table, and a block outside the file', () => {
    expect(() => tableContents(Buffer.from('not a table at all, not at all, not at all, not at all'))).toThrow(LevelDbFormatError);
    const file = snappyTable([[Buffer.from('k'), value]]);
    file[file.length - 48] = 0x7f; // the metaindex now starts far past the end
    file[file.length - 47] = 0x7f;
    expect(() => tableContents(file)).toThrow(LevelDbFormatError);
  });
});

describe('logContents', () => {
  it('joins a record split across a 32 KiB block boundary', () => {
    // An empty FULL record (7 bytes), then a FIRST fragment that fills the block to its end with
    // the canary's first 4 characters, then the LAST fragment with the rest in the next block.
    const firstLength = 32 * 1024 - 7 - 7;
    const record = Buffer.concat([Buffer.alloc(firstLength - 4, 0x61), Buffer.from(CANARY)]);
    const first = record.subarray(0, firstLength);
    const last = record.subarray(firstLength);
    const header = (length: number, type: number) => Buffer.from([0, 0, 0, 0, length & 0xff, length >> 8, type]);
    const file = Buffer.concat([header(0, 1), header(first.length, 2), first, header(last.length, 4), last]);
    expect(file.includes(Buffer.from(CANARY))).toBe(false);
    expect(logContents(file).includes(Buffer.from(CANARY))).toBe(true);
  });
});

describe('scanFolder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'caravan-scan-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a hit only the LevelDB reader sees, and a table it cannot read', async () => {
    await mkdir(join(dir, 'Local Storage', 'leveldb'), { recursive: true });
    await writeFile(join(dir, 'Local Storage', 'leveldb', 'CURRENT'), 'MANIFEST-000001\n');
    await writeFile(join(dir, 'Local Storage', 'leveldb', '000005.ldb'), snappyTable([[Buffer.from('key'), value]]));
    await writeFile(join(dir, 'Local Storage', 'leveldb', '000006.ldb'), Buffer.from('garbage'));
    const result = await scanFolder(dir, [`${CANARY} ${CANARY}`]);
    expect(result.tables).toBe(1);
    // UTF-16BE matches too: it is the little-endian bytes one byte on.
    expect(result.hits).toContain('/Local Storage/leveldb/000005.ldb [leveldb] (utf-16le: canary3f9a2c canary3f9a2c)');
    expect(result.hits.every((hit) => hit.startsWith('/Local Storage/leveldb/000005.ldb [leveldb]'))).toBe(true);
    expect(result.unreadable).toEqual(['/Local Storage/leveldb/000006.ldb: not a LevelDB table (no footer magic)']);
  });
});
