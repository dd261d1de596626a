/**
 * Hostile renderer, the store's integrity seal (issue 22 item 4): main keeps one file per vault,
 * `integrity/<vault id>.seal`, out of reach of a rollback of the IndexedDB files. From the page's
 * own `window.caravan`: it cannot write another vault's seal, put a file anywhere else, store more
 * than a seal takes, or make main interpret what it stores. Judged by effects: the files in main's
 * data folder and what main answers. The positive control shows the app's own seal is kept.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_INTEGRITY_SEAL_CHARS } from '../../../src-preload/contract/integrity.ts';
import { expect, test } from '../support/fixtures.ts';
import { ACME, testVault } from '../support/test-vault.ts';
import { call, unlockedVault, value } from './support.ts';

const OTHER_VAULT = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

/** The seal files main keeps, by name. */
async function sealFiles(dataDir: string): Promise<string[]> {
  return (await readdir(join(dataDir, 'integrity')).catch(() => [])).sort();
}

/** The open vault's id, from the one seal main keeps once the app has written to it. */
async function openVaultSeal(dataDir: string): Promise<{ vaultId: string; text: string }> {
  let files: string[] = [];
  await expect.poll(async () => (files = await sealFiles(dataDir)).length, { message: 'main keeps the open vault’s seal' }).toBe(1);
  const file = files[0]!;
  return { vaultId: file.replace(/\.seal$/, ''), text: await readFile(join(dataDir, 'integrity', file), 'utf8') };
}

test('positive control: the app keeps its store’s seal in main, ids and digests only, and reads it back', async ({ app }) => {
  const { page, dataDir } = app;
  await testVault(page, { clients: [ACME] });
  await unlockedVault(page);
  const { vaultId, text } = await openVaultSeal(dataDir);
  expect(JSON.parse(text)).toMatchObject({ format: 'caravan-integrity', v: 1, vaultId });
  expect(text).not.toContain(ACME.name);
  expect(await value(page, 'integrity.read', vaultId)).toBe(await readFile(join(dataDir, 'integrity', `${vaultId}.seal`), 'utf8'));
});

test('the page cannot write another vault’s seal, nor name a path, nor store more than a seal', async ({ app }) => {
  const { page, dataDir } = app;
  await testVault(page, { clients: [ACME] });
  await unlockedVault(page);
  const { vaultId, text: before } = await openVaultSeal(dataDir);

  const attempt = async (...args: unknown[]) => {
    const result = await call(page, 'integrity.write', ...args);
    return 'ok' in result && !result.ok ? result.error.code : JSON.stringify(result);
  };
  // Another vault (main's guard holds only the unlocked one).
  expect(await attempt(OTHER_VAULT, before)).toBe('refused');
  // Paths in place of a vault id.
  for (const id of ['../../escape', '..\\..\\escape', `${vaultId}/../../x`, '/etc/passwd']) expect(await attempt(id, before)).toBe('invalid-argument');
  // More than a seal takes; bytes that are not printable ASCII (a control character, a bidi override, NUL).
  expect(await attempt(vaultId, 'x'.repeat(MAX_INTEGRITY_SEAL_CHARS + 1))).toBe('invalid-argument');
  for (const text of ['a\nb', 'a\u202eb', 'a\u0000b', '']) expect(await attempt(vaultId, text)).toBe('invalid-argument');
  // Extra arguments.
  expect(await attempt(vaultId, before, 'extra')).toBe('invalid-argument');

  expect(await sealFiles(dataDir)).toEqual([`${vaultId}.seal`]);
  expect(await readdir(dataDir)).not.toContain('escape');
  expect(await call(page, 'integrity.read', OTHER_VAULT)).toEqual({ ok: true, value: null });
});

test('main stores what the page writes for the open vault verbatim, under its fixed name, and interprets none of it', async ({ app }) => {
  const { page, dataDir } = app;
  await testVault(page, { clients: [ACME] });
  await unlockedVault(page);
  const { vaultId } = await openVaultSeal(dataDir);
  // A "seal" that names another vault, a path and a prototype key: to main it is text.
  const planted = JSON.stringify({ format: 'caravan-integrity', v: 1, vaultId: OTHER_VAULT, file: '../../evil', ['__proto__']: { polluted: true } });
  expect(await value(page, 'integrity.write', vaultId, planted)).toBeUndefined();
  expect(await readFile(join(dataDir, 'integrity', `${vaultId}.seal`), 'utf8')).toBe(planted);
  expect(await sealFiles(dataDir)).toEqual([`${vaultId}.seal`]);
  expect(await readdir(dataDir)).not.toContain('evil');
  // Main still answers, and nothing it holds was polluted.
  expect(await page.evaluate(async () => (await window.caravan.app.info()).ok)).toBe(true);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
});
