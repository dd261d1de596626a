/**
 * Canary on disk, in real Chromium: records written through the real repositories carry a unique
 * marker in every sensitive field of every table (and so in the change log); once the browser is
 * closed, no file of the profile's IndexedDB folder may contain the marker, as UTF-8 or as UTF-16LE
 * (how V8 stores a string that is not Latin-1). Two controls keep the test honest:
 * - bytes of the vault's own ciphertexts must be found in those files: the data did reach the disk;
 * - the same repository calls on a plain Dexie (no middleware) in the same profile must leave the
 *   marker in the files, in both encodings: the scan does see plaintext when there is some.
 *
 * Runs against the store harness page (tests/browser), not the app: no `app` fixture, no build.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorePage, startStorePageServer } from '../browser/harness.ts';
import { expect, test } from './support/fixtures.ts';

/** Every entity table; the change log is checked separately. */
const ENTITY_TABLES = ['clients', 'expenses', 'experiments', 'invoices', 'killSwitches', 'phases', 'projects', 'settings', 'timeBlocks'];

interface Scan {
  files: number;
  bytes: number;
  /** Files (relative) where each needle was found. */
  hits: Map<string, string[]>;
}

/** Reads every file under `dir` and looks for each needle. */
async function scan(dir: string, needles: ReadonlyMap<string, Buffer>): Promise<Scan> {
  const result: Scan = { files: 0, bytes: 0, hits: new Map([...needles.keys()].map((name) => [name, []])) };
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const content = await readFile(path);
    result.files++;
    result.bytes += content.length;
    for (const [name, needle] of needles) if (content.includes(needle)) result.hits.get(name)?.push(path.slice(dir.length + 1));
  }
  return result;
}

function canaryNeedles(canary: string): Map<string, Buffer> {
  return new Map([
    ['UTF-8', Buffer.from(canary, 'utf8')],
    ['UTF-16LE', Buffer.from(canary, 'utf16le')],
  ]);
}

test('no sensitive value of any table reaches the IndexedDB files in clear; plain Dexie in the same profile does', async ({ shell }, testInfo) => {
  test.skip(shell === 'electron', 'the store canary drives Chromium with the store harness page; the Electron shell adds nothing to it');
  const canary = `CANARY-${randomBytes(16).toString('hex')}`;
  const profileDir = await mkdtemp(join(tmpdir(), 'caravan-canary-profile-'));
  const indexedDbDir = join(profileDir, 'Default', 'IndexedDB');
  const server = await startStorePageServer();
  try {
    // 1. The vault: every record through the repositories, encrypted; then close the browser.
    const vault = await openStorePage(server, { profileDir });
    const written = await vault.call('writeCanary', 'vault', 'caravan-canary-vault', canary).finally(() => vault.close());
    // The marker really is in every table and in the change log (read back through the middleware).
    expect(written.tablesWithCanary).toEqual(ENTITY_TABLES);
    expect(written.changesWithCanary).toBeGreaterThanOrEqual(ENTITY_TABLES.length);
    for (const table of [...ENTITY_TABLES, 'changes', 'clientKeys']) expect(written.storedRows[table], table).toBeGreaterThan(0);
    expect(written.canaryInStoredRows).toBe(false);
    // One ciphertext sample per encrypted table plus a wrapped client key.
    expect(written.ciphertextSamples).toHaveLength(ENTITY_TABLES.length + 2);

    const ciphertexts = new Map(written.ciphertextSamples.map((hex, i) => [`ciphertext ${i}`, Buffer.from(hex, 'hex')]));
    const afterVault = await scan(indexedDbDir, new Map([...canaryNeedles(canary), ...ciphertexts]));
    expect(afterVault.files).toBeGreaterThan(0);
    for (const name of ciphertexts.keys()) expect(afterVault.hits.get(name), `${name} on disk (the data was flushed)`).not.toEqual([]);
    expect(afterVault.hits.get('UTF-8'), 'canary as UTF-8 in the IndexedDB files').toEqual([]);
    expect(afterVault.hits.get('UTF-16LE'), 'canary as UTF-16LE in the IndexedDB files').toEqual([]);
    // Nor anywhere else in the profile (caches, session state, logs).
    const wholeProfile = await scan(profileDir, canaryNeedles(canary));
    expect([...wholeProfile.hits.values()].flat(), 'canary anywhere in the profile').toEqual([]);

    // 2. Control: the same repository calls on a plain Dexie in the same profile and origin.
    const control = await openStorePage(server, { profileDir });
    const plain = await control.call('writeCanary', 'plain', 'caravan-canary-control', canary).finally(() => control.close());
    expect(plain.canaryInStoredRows).toBe(true);
    const afterControl = await scan(indexedDbDir, canaryNeedles(canary));
    expect(afterControl.hits.get('UTF-8'), 'the control leaves the canary as UTF-8').not.toEqual([]);
    expect(afterControl.hits.get('UTF-16LE'), 'the control leaves the canary as UTF-16LE (a non-Latin-1 note)').not.toEqual([]);

    const summary =
      `vault: scanned ${afterVault.files} files, ${afterVault.bytes} bytes under Default/IndexedDB ` +
      `(${wholeProfile.files} files, ${wholeProfile.bytes} bytes in the whole profile), canary absent, ` +
      `${ciphertexts.size} ciphertext samples found in ${[...new Set([...ciphertexts.keys()].flatMap((n) => afterVault.hits.get(n) ?? []))].join(', ')}; ` +
      `control: ${afterControl.files} files, ${afterControl.bytes} bytes, canary found as UTF-8 in ${afterControl.hits.get('UTF-8')?.join(', ')} ` +
      `and as UTF-16LE in ${afterControl.hits.get('UTF-16LE')?.join(', ')}`;
    testInfo.annotations.push({ type: 'scan', description: summary });
    console.log(summary);
  } finally {
    await server.close();
    await rm(profileDir, { recursive: true, force: true });
  }
});
