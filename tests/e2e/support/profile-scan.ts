/** Looks for a string in every file of a browser profile, in the encodings Chromium stores text in. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

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
  /** `path (encoding)` of each hit. */
  hits: string[];
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

/** Every occurrence of any of `needles` in any file under `dir`. */
export async function scanFolder(dir: string, needles: readonly string[]): Promise<ScanResult> {
  const patterns = needles.flatMap((needle) => encodings(needle).map((e) => ({ ...e, needle })));
  const result: ScanResult = { files: 0, bytes: 0, hits: [] };
  for (const path of await listFiles(dir)) {
    const content = await readFile(path).catch(() => null);
    if (!content) continue;
    result.files++;
    result.bytes += content.length;
    for (const p of patterns) if (content.includes(p.bytes)) result.hits.push(`${path.slice(dir.length)} (${p.name}: ${p.needle})`);
  }
  return result;
}
