/**
 * A fresh vault for specs that need one but do not test how it is made. Creating it through
 * first run measures the machine (one or more Argon2id derivations at 256 MiB) and derives
 * again: 7–11 s a test on the busy 2-core CI machine, in every one of some 200 tests. Here the
 * header is made in Node by the app's own `createVault` at the KDF floor (a cost the app itself
 * picks on a slow machine), written where the app keeps it, and the app is reloaded onto its
 * unlock screen. Each call makes a new vault (its own id and keys), as first run would.
 * First run itself is tested in vault.spec.ts, through the UI.
 */
import type { Page } from '@playwright/test';
import { KDF_FLOOR } from '../../../src-renderer/vault/crypto/kdf.ts';
import { serializeHeader } from '../../../src-renderer/vault/crypto/header.ts';
import { createVault } from '../../../src-renderer/vault/crypto/vault-keys.ts';
import { META_DB_NAME } from '../../../src-renderer/vault/session/meta-store.ts';
import { NO_THROTTLE } from '../../../src-renderer/vault/session/unlock-throttle.ts';
import { PASSPHRASE } from './vault-page.ts';

/** What first run's commit stores in the meta database, for a vault made here. */
async function metaRows(passphrase: string): Promise<{ key: string; value: unknown }[]> {
  const created = await createVault(passphrase, KDF_FLOOR);
  created.vaultKey.fill(0);
  return [
    { key: 'header', value: serializeHeader(created.header) },
    { key: 'throttle', value: NO_THROTTLE },
    // The unlock progress bar's estimate; a floor-cost derivation takes about this long here.
    { key: 'kdfMillis', value: 300 },
  ];
}

/**
 * Puts a new vault under `passphrase` into the app shown on `page`, which must be on first run
 * (so the app has made its meta database and holds no vault), and reloads it: the app then shows
 * its unlock screen.
 */
export async function seedVault(page: Page, passphrase = PASSPHRASE): Promise<void> {
  const rows = await metaRows(passphrase);
  const written = await page.evaluate(
    async ({ name, rows }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error(`opening ${name}: ${String(request.error)}`));
      });
      try {
        if (!db.objectStoreNames.contains('meta')) return `${name} has no "meta" store: is the app on first run?`;
        const tx = db.transaction('meta', 'readwrite');
        const store = tx.objectStore('meta');
        const existing = await new Promise<unknown>((resolve) => {
          const get = store.get('header');
          get.onsuccess = () => resolve(get.result);
        });
        if (existing !== undefined) return 'this profile already holds a vault';
        for (const row of rows) store.put(row);
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(new Error(`writing ${name}: ${String(tx.error)}`));
        });
        return 'ok';
      } finally {
        db.close();
      }
    },
    { name: META_DB_NAME, rows },
  );
  if (written !== 'ok') throw new Error(`Could not seed a vault: ${written}`);
  await page.reload();
}
