/**
 * The open workspace of an unlocked session: the encrypted store, its key ring and the write
 * clock, as one `RepoContext` for the repositories. Opened right after the vault key is known and
 * closed on lock, which wipes every key it held (the vault key copy, the records subkey and each
 * client's data key) and closes Dexie so a stray query fails instead of reopening it.
 */
import { VaultError } from '../crypto/errors.ts';
import { createClock, decode, encode, receive, tick, type Clock } from '../../sync/hlc/hlc.ts';
import type { RepoContext } from '../repos/context.ts';
import type { UnreadableRow } from '../store/encryption-middleware.ts';
import { type ClientKeyFailure, VaultKeyRing } from '../store/key-ring.ts';
import { closeVaultStore, openVaultStore } from '../store/open-store.ts';
import type { VaultDb } from '../store/schema.ts';
import type { KdfParams } from '../crypto/kdf.ts';
import type { KeyRingHost } from '../store/key-ring.ts';
import type { MetaStore } from './meta-store.ts';
import { migrateToV2, type MigrationStep } from './migrate-v2.ts';
import type { VaultSession } from './vault-service.ts';

/** The IndexedDB database holding one vault's records. */
export function vaultDbName(vaultId: string): string {
  return `caravan-vault-${vaultId}`;
}

/** What {@link openWorkspace} needs besides the session. */
export interface WorkspaceOptions {
  /** This device's HLC node id (16 hex characters), kept in the meta store. */
  nodeId: string;
  /** Told about each row that does not open (ids only); the UI counts them and shows a banner. */
  onUnreadable?: (row: UnreadableRow) => void;
  /**
   * The vault key came from somewhere that does not authenticate it (the OS store behind "unlock on
   * this device"): refuse it when the vault has client keys and none of them opens with it, rather
   * than writing new records under a wrong key.
   */
  untrustedKey?: boolean;
  /**
   * The meta store and Argon2id: with them the key ring holds this device's epoch store (and a
   * version 1 vault is migrated first); without (tests of the store alone), a ring of epoch 0 only.
   */
  meta?: MetaStore;
  deriveKek?: (passphrase: string, params: KdfParams) => Promise<Uint8Array>;
  /** Tests crash the migration between its steps. */
  afterMigrationStep?: (step: MigrationStep) => void | Promise<void>;
  /** Wall clock, UTC epoch ms; tests inject one. */
  now?: () => number;
  /** IndexedDB implementation and its key range; the page's by default (tests pass fake-indexeddb's). */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

/** An unlocked workspace. */
export interface Workspace {
  readonly ctx: RepoContext;
  /** Client keys that did not open at unlock; those clients' rows are reported unreadable. */
  readonly keyFailures: readonly ClientKeyFailure[];
  /** The session's key ring (sync seals segments with it, and adopts client keys from other devices). */
  readonly keyRing: VaultKeyRing;
  /** The audit key pair's uses: main seals the locality audit log to the public key; only this session opens it. */
  readonly audit: { publicKey(): Uint8Array; open(box: Uint8Array): Uint8Array | null };
  /** Closes the store and wipes every key. Safe to call twice. */
  close(): void;
}

/**
 * Opens the store of `session`'s vault. The write clock resumes after the newest change this
 * device logged, so a write after a restart (or after the wall clock was set back) never gets a
 * smaller HLC than one already written.
 */
export async function openWorkspace(session: VaultSession, options: WorkspaceOptions): Promise<Workspace> {
  const keyRing = await VaultKeyRing.create(session.vaultKey, session.vaultId);
  let db: VaultDb | undefined;
  try {
    db = await openVaultStore(vaultDbName(session.vaultId), keyRing, {
      onUnreadable: options.onUnreadable ?? (() => {}),
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    const now = options.now ?? Date.now;
    if (options.meta) await attachEpochs(keyRing, db, session, options.meta, options, now);
    const keyFailures = await keyRing.loadClientKeys(db);
    // Rows of an earlier epoch (a crash during an adoption) or of version 1 move to the current one.
    if (keyRing.hasEpochs()) await keyRing.rewrapClientRows(db);
    if (options.untrustedKey && keyFailures.length > 0 && keyFailures.length === (await db.clientKeys.count())) {
      throw new VaultError('key-unwrap-failed', 'the key kept on this device does not open this vault; unlock with your passphrase');
    }
    const clock = await resumeClock(db, options.nodeId, now);
    const opened = db;
    let closed = false;
    return {
      ctx: { db: opened, keyRing, clock: { next: () => encode(tick(clock)), observe: (hlc) => void receive(clock, decode(hlc)) }, now },
      keyRing,
      keyFailures,
      audit: { publicKey: () => keyRing.auditPublicKey(), open: (box) => keyRing.openAuditBox(box) },
      close: () => {
        if (closed) return;
        closed = true;
        closeVaultStore(opened);
        keyRing.wipe();
      },
    };
  } catch (error) {
    if (db) closeVaultStore(db);
    keyRing.wipe();
    throw error;
  } finally {
    // The ring keeps its own copies; the session keeps only R (for "unlock on this device"), and a
    // second open of it must never run a migration with a wiped KEK.
    session.epoch?.key.fill(0);
    session.migration?.kek.fill(0);
    delete session.epoch;
    delete session.migration;
  }
}

/** Migrates a version 1 vault if the session says so, then gives the ring this device's epochs. */
async function attachEpochs(
  keyRing: VaultKeyRing,
  db: VaultDb,
  session: VaultSession,
  meta: MetaStore,
  options: WorkspaceOptions,
  now: () => number,
): Promise<void> {
  const host: KeyRingHost = {
    loadEpochStore: () => meta.epochStore(session.vaultId),
    saveEpochStore: (sealed) => meta.setEpochStore(session.vaultId, sealed),
    headerText: () => meta.headerText(),
    saveHeader: (text) => meta.saveHeader(text),
    deriveKek: options.deriveKek ?? (() => Promise.reject(new Error('no key derivation here'))),
    now,
  };
  let fromHeader = session.epoch ?? null;
  if (session.migration) {
    fromHeader = await migrateToV2(meta, db, session.vaultKey, session.migration, {
      now,
      ...(options.afterMigrationStep ? { afterStep: options.afterMigrationStep } : {}),
    });
  }
  try {
    await keyRing.attachEpochs(host, fromHeader);
  } finally {
    if (fromHeader !== session.epoch) fromHeader?.key.fill(0);
  }
}

/** A clock whose `last` is the newest readable change in the log (seq order is HLC order). */
async function resumeClock(db: VaultDb, nodeId: string, now: () => number): Promise<Clock> {
  const newest = await db.changes.orderBy('seq').reverse().first();
  if (newest === undefined) return createClock(nodeId, now);
  const last = decode(newest.hlc);
  return createClock(nodeId, now, { last: { ms: last.ms, counter: last.counter, node: nodeId } });
}
