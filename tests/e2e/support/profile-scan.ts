/**
 * Looks for a string in every file of a browser profile, in the encodings Chromium stores text in,
 * and inside LevelDB's own encodings: a table's Snappy-compressed blocks and prefix-shared keys, a
 * log's records split across blocks (see leveldb.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { logContents, tableContents } from './leveldb.ts';

/** UTF-8 (and Latin-1 for ASCII), UTF-16LE (V8's two-byte strings) and UTF-16BE (IndexedDB key encoding). */
export function encodings(text: string): Array<{ name: string; bytes: Buffer }> {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le);
  be.swap16();
  return [
    { name: 'utf-8', bytes: Buffer.from(text, 'utf8') },
    { name: 'utf-16le', bytes: le },
    { name: 'utf-16be', bytes: be },
  ];
}

export interface ScanResult {
  files: number;
  bytes: number;
  /** LevelDB tables read through their blocks (decompressed). */
  tables: number;
  /** `path (encoding)` of each hit; `path [leveldb] (encoding)` for a hit only the LevelDB reader saw. */
  hits: string[];
  /** LevelDB files the reader could not read, with why: the scan is blind there, so a test fails on them. */
  unreadable: string[];
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** The file's LevelDB contents when it is a table or a LevelDB log, else null. */
function levelDbView(path: string, content: Buffer): Buffer | null {
  if (/\.(ldb|sst)$/u.test(path)) return tableContents(content);
  const inLevelDb = existsSync(join(dirname(path), 'CURRENT'));
  if (inLevelDb && (/\.log$/u.test(path) || basename(path).startsWith('MANIFEST-'))) return logContents(content);
  return null;
}

/** Every occurrence of any of `needles` in any file under `dir`. */
export async function scanFolder(dir: string, needles: readonly string[]): Promise<ScanResult> {
  const patterns = needles.flatMap((needle) => encodings(needle).map((e) => ({ ...e, needle })));
  const result: ScanResult = { files: 0, bytes: 0, tables: 0, hits: [], unreadable: [] };
  for (const path of await listFiles(dir)) {
    const content = await readFile(path).catch(() => null);
    if (!content) continue;
    result.files++;
    result.bytes += content.length;
    const where = path.slice(dir.length);
    for (const p of patterns) if (content.includes(p.bytes)) result.hits.push(`${where} (${p.name}: ${p.needle})`);
    let view: Buffer | null = null;
    try {
      view = levelDbView(path, content);
    } catch (error) {
      result.unreadable.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!view) continue;
    if (/\.(ldb|sst)$/u.test(path)) result.tables++;
    for (const p of patterns) if (view.includes(p.bytes) && !content.includes(p.bytes)) result.hits.push(`${where} [leveldb] (${p.name}: ${p.needle})`);
  }
  return result;
}
