/**
 * The store's integrity seal, one file per vault (`integrity/<vault id>.seal` in the user's data
 * folder): out of reach of a rollback of the IndexedDB files, which is what it is there to notice.
 * Main keeps the renderer's text as it is (MAC'd by the vault's integrity key, which main never
 * has) and interprets none of it: it checks the vault id, the size and the characters.
 *
 * Writes come with every write to the vault; they are written in order, and of those that arrive
 * while one is being written only the newest is kept (each seal supersedes the last), so a burst
 * of writes costs two file writes, not one each.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { integritySealSchema } from '../../src-preload/contract/integrity.ts';
import { writeFileAtomic } from '../files/atomic-file.ts';
import { UserFacingError } from '../ipc/user-facing-error.ts';

export interface IntegritySealStore {
  read(vaultId: string): Promise<string | null>;
  /** Resolves once this seal, or a newer one, is on disk. */
  write(vaultId: string, text: string): Promise<void>;
}

/** `openVault`: the vault main's guard holds open (its audit key matched), or null. Only its seal may be written. */
export function createIntegritySealStore(folder: string, openVault: () => string | null): IntegritySealStore {
  // vaultId is validated as a UUID by the IPC schema; this is a second guard against path tricks.
  const fileFor = (vaultId: string) => {
    if (!/^[0-9a-f-]{36}$/.test(vaultId)) throw new RangeError('invalid vault id');
    return join(folder, `${vaultId}.seal`);
  };
  const writers = new Map<string, { running: Promise<void>; next: string | null; waiting: Promise<void> | null }>();

  const writeNow = (vaultId: string, text: string): Promise<void> => writeFileAtomic(fileFor(vaultId), text);

  return {
    async read(vaultId) {
      const path = fileFor(vaultId);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch {
        return null;
      }
      // A file that is not a seal (damaged, planted, oversized) reads as none; the renderer says so.
      return integritySealSchema.safeParse(text).success ? text : null;
    },
    write(vaultId, text) {
      try {
        fileFor(vaultId);
      } catch (error) {
        return Promise.reject(error as Error);
      }
      if (openVault() !== vaultId) {
        return Promise.reject(new UserFacingError('refused', 'Only the unlocked vault’s integrity record can be written; unlock it first.'));
      }
      if (!integritySealSchema.safeParse(text).success) return Promise.reject(new UserFacingError('invalid-argument', 'That is not an integrity record.'));
      const current = writers.get(vaultId);
      if (current === undefined) {
        const entry = { running: Promise.resolve(), next: null as string | null, waiting: null as Promise<void> | null };
        entry.running = writeNow(vaultId, text).finally(() => drain(vaultId));
        writers.set(vaultId, entry);
        return entry.running;
      }
      // One is being written: keep only the newest, written right after it.
      current.next = text;
      current.waiting ??= new Promise<void>((resolve, reject) => {
        void current.running
          .catch(() => undefined)
          .then(() => {
            const latest = current.next;
            current.next = null;
            current.waiting = null;
            if (latest === null) return resolve();
            current.running = writeNow(vaultId, latest).finally(() => drain(vaultId));
            current.running.then(resolve, reject);
          });
      });
      return current.waiting;
    },
  };

  function drain(vaultId: string): void {
    const entry = writers.get(vaultId);
    if (entry && entry.next === null && entry.waiting === null) writers.delete(vaultId);
  }
}
