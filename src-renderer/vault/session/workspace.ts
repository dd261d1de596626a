/**
 * The open workspace of an unlocked session: the encrypted store, its key ring and the write
 * clock, as one `RepoContext` for the repositories. Opened right after the vault key is known and
 * closed on lock, which wipes every key it held (the vault key copy, the records subkey and each
 * client's data key) and closes Dexie so a stray query fails instead of reopening it.
 */
import { VaultError } from '../crypto/errors.ts';
import { readySodium } from '../crypto/sodium.ts';
import { startIntegrity, type SealSinks } from '../integrity/integrity-session.ts';
import { IntegrityTracker } from '../integrity/tracker.ts';
import type { IntegrityCheck } from '../integrity/verify.ts';
import { createClock, decode, encode, receive, tick, type Clock } from '../../sync/hlc/hlc.ts';
import type { RepoContext } from '../repos/context.ts';
import type { UnreadableRow } from '../store/encryption-middleware.ts';
import { type ClientKeyFailure, VaultKeyRing } from '../store/key-ring.ts';
import { closeVaultStore, openVaultStore } from '../store/open-store.ts';
import type { VaultDb } from '../store/schema.ts';
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
   * Where the store's integrity seals are kept (vault/integrity/). Given: the store is checked
   * against the last seal at unlock (rollback on disk) and every write is sealed. Absent: neither.
   */
  integrity?: SealSinks;
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
  /** The unlock check: the store against this device's last seal; null when not checked (no sinks). */
  readonly integrity: IntegrityCheck | null;
  /** Hands main the newest seal if it refused it before its guard held this vault open. */
  resendSeal(): void;
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
  const tracker = options.integrity ? new IntegrityTracker(readySodium(), keyRing.integrityKey(), session.vaultId) : undefined;
  let db: VaultDb | undefined;
  try {
    db = await openVaultStore(vaultDbName(session.vaultId), keyRing, {
      onUnreadable: options.onUnreadable ?? (() => {}),
      ...(tracker ? { middleware: [tracker.middleware()] } : {}),
      ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
      ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
    });
    const keyFailures = await keyRing.loadClientKeys(db);
    if (options.untrustedKey && keyFailures.length > 0 && keyFailures.length === (await db.clientKeys.count())) {
      throw new VaultError('key-unwrap-failed', 'the key kept on this device does not open this vault; unlock with your passphrase');
    }
    // Before any write: the scan must see the store as it was found.
    const integrity = tracker && options.integrity ? await startIntegrity(db, tracker, keyRing, session.vaultId, options.integrity) : null;
    const now = options.now ?? Date.now;
    const clock = await resumeClock(db, options.nodeId, now);
    const opened = db;
    let closed = false;
    return {
      ctx: { db: opened, keyRing, clock: { next: () => encode(tick(clock)), observe: (hlc) => void receive(clock, decode(hlc)) }, now },
      keyRing,
      keyFailures,
      integrity: integrity?.check ?? null,
      resendSeal: () => integrity?.resend(),
      audit: { publicKey: () => keyRing.auditPublicKey(), open: (box) => keyRing.openAuditBox(box) },
      close: () => {
        if (closed) return;
        closed = true;
        tracker?.onSeal(undefined);
        closeVaultStore(opened);
        keyRing.wipe();
      },
    };
  } catch (error) {
    if (db) closeVaultStore(db);
    keyRing.wipe();
    throw error;
  }
}

/** A clock whose `last` is the newest readable change in the log (seq order is HLC order). */
async function resumeClock(db: VaultDb, nodeId: string, now: () => number): Promise<Clock> {
  const newest = await db.changes.orderBy('seq').reverse().first();
  if (newest === undefined) return createClock(nodeId, now);
  const last = decode(newest.hlc);
  return createClock(nodeId, now, { last: { ms: last.ms, counter: last.counter, node: nodeId } });
}
