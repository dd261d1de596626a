/** A fresh encrypted vault store per test, on fake-indexeddb, plus raw access to what it stored. */
// Also installed as the global IndexedDB, for tests that need Dexie's liveQuery: it only runs when
// Dexie found a global IndexedDB when it loaded (import this before 'dexie' for that).
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { generateKey } from '../../../src-renderer/vault/crypto/keys.ts';
import { createClock, decode, encode, newNodeId, receive, tick } from '../../../src-renderer/sync/hlc/hlc.ts';
import type { UnreadableRow } from '../../../src-renderer/vault/store/encryption-middleware.ts';
import { VaultKeyRing } from '../../../src-renderer/vault/store/key-ring.ts';
import { closeVaultStore, defineVaultSchema, openVaultStore } from '../../../src-renderer/vault/store/open-store.ts';
import type { VaultDb } from '../../../src-renderer/vault/store/schema.ts';
import type { RepoContext } from '../../../src-renderer/vault/repos/context.ts';
import { createClient, type NewClient } from '../../../src-renderer/vault/repos/clients.ts';
import { createProject } from '../../../src-renderer/vault/repos/projects.ts';
import { RepoError } from '../../../src-renderer/vault/repos/errors.ts';

/** The IndexedDB implementation every test database lives in. */
export const idb = { indexedDB, IDBKeyRange };

/** 2025-06-15T12:00:00Z. */
export const T0 = Date.UTC(2025, 5, 15, 12);

/** A test vault: store, key ring, repository context, and what the middleware reported. */
export interface TestVault {
  name: string;
  db: VaultDb;
  keyRing: VaultKeyRing;
  ctx: RepoContext;
  unreadable: UnreadableRow[];
  /** The same database without the middleware: stored rows as they are on disk. */
  raw(): Promise<Dexie>;
  close(): Promise<void>;
}

let counter = 0;

/** Opens a new, empty vault store (unique database name). */
export async function openTestVault(options: { vaultKey?: Uint8Array; vaultId?: string; name?: string } = {}): Promise<TestVault> {
  const name = options.name ?? `vault-test-${process.pid}-${++counter}-${crypto.randomUUID()}`;
  const vaultKey = options.vaultKey ?? generateKey();
  const keyRing = await VaultKeyRing.create(vaultKey, options.vaultId ?? 'vault-1');
  const unreadable: UnreadableRow[] = [];
  const db = await openVaultStore(name, keyRing, { ...idb, onUnreadable: (row) => unreadable.push(row) });
  await keyRing.loadClientKeys(db);
  let time = T0;
  const clock = createClock(newNodeId(), () => time);
  const ctx: RepoContext = {
    db,
    keyRing,
    clock: { next: () => encode(tick(clock)), observe: (hlc: string) => void receive(clock, decode(hlc)) },
    now: () => (time += 1_000),
  };
  const raws: Dexie[] = [];
  return {
    name,
    db,
    keyRing,
    ctx,
    unreadable,
    raw: async () => {
      const raw = new Dexie(name, idb);
      defineVaultSchema(raw);
      await raw.open();
      raws.push(raw);
      return raw;
    },
    close: async () => {
      for (const raw of raws) raw.close();
      closeVaultStore(db);
      keyRing.wipe();
      await new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      });
    },
  };
}

/** A valid client input; override what the test cares about. */
export function clientInput(overrides: Partial<NewClient> = {}): NewClient {
  return {
    name: 'Acme GmbH',
    country: 'DE',
    timeZone: 'Europe/Berlin',
    currency: 'EUR',
    defaultRateMinor: 9_500,
    residency: { kind: 'zone', zone: 'EEA' },
    ...overrides,
  };
}

/** Every stored row of every table, read without the middleware. */
export async function rawRows(raw: Dexie): Promise<Record<string, Array<Record<string, unknown>>>> {
  const out: Record<string, Array<Record<string, unknown>>> = {};
  for (const table of raw.tables) out[table.name] = await table.toArray();
  return out;
}

/** A client with one hourly project, for tests that need a parent. */
export async function seedProject(ctx: RepoContext, clientOverrides: Partial<NewClient> = {}) {
  const client = await createClient(ctx, clientInput(clientOverrides));
  const project = await createProject(ctx, { clientId: client.id, name: 'Website relaunch', status: 'active' });
  return { client, project };
}

/** The RepoError code thrown (sync or async) by `run`; fails the test on anything else. */
export async function repoErrorCode(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof RepoError) {
      if (error.message.length < 20 || error.message.includes('\n    at ')) throw new Error(`bad message: ${error.message}`, { cause: error });
      return error.code;
    }
    throw error;
  }
  throw new Error('expected a RepoError, but nothing was thrown');
}
