/**
 * Opening and closing the vault's database. The unlock session calls `openVaultStore` after the
 * vault key is known, then `keyRing.loadClientKeys(db)`; on lock, `closeVaultStore` and
 * `keyRing.wipe()`.
 */
import { Dexie, type DBCore, type DexieOptions, type Middleware } from 'dexie';
import { getSodium } from '../crypto/sodium.ts';
import { encryptionMiddleware, type UnreadableHandler } from './encryption-middleware.ts';
import type { KeyRing } from './key-ring.ts';
import { STORE_VERSION, STORES, STORES_V1, STORES_V2, type VaultDb } from './schema.ts';

/** Options of {@link openVaultStore}. */
export interface VaultStoreOptions {
  /** Told about every row that does not decrypt; see encryption-middleware.ts for when. */
  onUnreadable: UnreadableHandler;
  /** IndexedDB implementation; defaults to the page's. Tests pass fake-indexeddb's. */
  indexedDB?: IDBFactory;
  /** IDBKeyRange matching `indexedDB`. */
  IDBKeyRange?: typeof IDBKeyRange;
  /** Further DBCore middleware, e.g. the integrity tracker (vault/integrity/), which sits below the encryption. */
  middleware?: readonly Middleware<DBCore>[];
}

/** The Dexie schema without encryption, for migrations and for tests that inspect stored rows. */
export function defineVaultSchema(db: Dexie): void {
  // Every version stays declared: Dexie upgrades an older database step by step.
  db.version(1).stores(STORES_V1);
  db.version(2).stores(STORES_V2);
  db.version(STORE_VERSION).stores(STORES);
}

/**
 * Opens (creating or upgrading) the vault database `dbName` with the encryption middleware.
 * Resolves once libsodium is loaded, since the middleware encrypts synchronously.
 */
export async function openVaultStore(dbName: string, keyRing: KeyRing, options: VaultStoreOptions): Promise<VaultDb> {
  await getSodium();
  const deps: DexieOptions = {};
  if (options.indexedDB !== undefined) deps.indexedDB = options.indexedDB;
  if (options.IDBKeyRange !== undefined) deps.IDBKeyRange = options.IDBKeyRange;
  // No auto-open: a locked vault must fail loudly, not reopen itself on the next query.
  const db = new Dexie(dbName, { ...deps, autoOpen: false });
  defineVaultSchema(db);
  db.use(encryptionMiddleware(keyRing, options.onUnreadable));
  for (const middleware of options.middleware ?? []) db.use(middleware);
  await db.open();
  return db as VaultDb;
}

/** Closes the database; later queries fail with Dexie's DatabaseClosedError. Wipe the key ring too. */
export function closeVaultStore(db: VaultDb): void {
  db.close({ disableAutoOpen: true });
}
