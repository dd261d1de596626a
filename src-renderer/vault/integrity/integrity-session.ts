/**
 * The unlock check and the seals of one unlocked session: scans the store, compares it with the
 * newest valid seal from main and the meta store, then seals every write from here on.
 *
 * Main gets every seal, posted before the write's request goes down (IPC messages keep their
 * order and main handles them even if the page dies right after); the meta store gets committed
 * seals, the newest only. Neither is awaited by a write: the write path stays the store's.
 */
import { Dexie } from 'dexie';
import { readySodium } from '../crypto/sodium.ts';
import type { VaultKeyRing } from '../store/key-ring.ts';
import type { IntegrityTracker } from './tracker.ts';
import { writeSeal } from './seal.ts';
import { checkStore, newestSeal, type IntegrityCheck } from './verify.ts';

/** Where seals are kept: main's file (out of reach of an IndexedDB rollback) and the meta store. */
export interface SealStore {
  read(vaultId: string): Promise<string | null>;
  /** 'refused': main takes seals only while its guard holds this vault open (after unlock); `resend` then. */
  write(vaultId: string, text: string): Promise<'kept' | 'refused'>;
}

/** The unlock check's outcome, and a way to hand main the newest seal once it accepts it. */
export interface IntegrityStarted {
  check: IntegrityCheck;
  /** Sends main the newest seal again if it refused it (the guard opens after the store). */
  resend(): void;
}

export interface SealSinks {
  /** Absent where there is no main (Node tests of other features); the check is then as strong as the meta store. */
  main?: SealStore;
  meta: SealStore;
  /** A seal that could not be kept (main refused, the disk is full): logged, never thrown into a write. */
  onError(where: 'main' | 'meta', error: unknown): void;
}

/** Runs the unlock check, then keeps sealing. Call after the store opened, before any write. */
export async function startIntegrity(
  db: Dexie,
  tracker: IntegrityTracker,
  keyRing: VaultKeyRing,
  vaultId: string,
  sinks: SealSinks,
): Promise<IntegrityStarted> {
  const sodium = readySodium();
  const key = keyRing.integrityKey();
  const scanned = await tracker.scan(db);
  const [mainText, metaText] = await Promise.all([
    sinks.main ? sinks.main.read(vaultId).catch((error: unknown) => (sinks.onError('main', error), null)) : Promise.resolve(null),
    sinks.meta.read(vaultId).catch((error: unknown) => (sinks.onError('meta', error), null)),
  ]);
  const { seal, unusable } = newestSeal(sodium, key, vaultId, [
    { source: 'main', text: mainText },
    { source: 'meta', text: metaText },
  ]);
  const check = checkStore(scanned, seal, unusable);
  tracker.continueAfter(seal?.counter ?? 0);

  const meta = latestOnly(
    (text) => sinks.meta.write(vaultId, text).then(() => undefined),
    (error) => sinks.onError('meta', error),
  );
  const main = sinks.main;
  let newest: string | null = null;
  let refused: string | null = null;
  const toMain = (text: string): void => {
    if (!main) return;
    newest = text;
    main.write(vaultId, text).then(
      (outcome) => {
        if (text === newest) refused = outcome === 'refused' ? text : null;
      },
      (error: unknown) => sinks.onError('main', error),
    );
  };
  tracker.onSeal((next, inFlight) => {
    const text = writeSeal(sodium, key, next);
    // Seals are emitted inside the write's transaction; their IPC and meta-store writes must not
    // run in its zone (under the Electron preload, a contextBridge promise awaited there made
    // Dexie end the write with "Transaction committed too early").
    Dexie.ignoreTransaction(() => {
      toMain(text);
      if (!inFlight) meta(text);
    });
  });
  // What is on disk now is the baseline: the person saw the report; later writes are checked against it.
  tracker.sealNow();
  return {
    check,
    resend: () => {
      if (refused !== null) toMain(refused);
    },
  };
}

/** One write at a time, and of those queued meanwhile only the newest: each seal supersedes the last. */
function latestOnly(write: (text: string) => Promise<void>, onError: (error: unknown) => void): (text: string) => void {
  let running = false;
  let queued: string | null = null;
  const run = (text: string): void => {
    running = true;
    write(text)
      .catch(onError)
      .finally(() => {
        running = false;
        const next = queued;
        queued = null;
        if (next !== null) run(next);
      });
  };
  return (text) => {
    if (running) queued = text;
    else run(text);
  };
}
