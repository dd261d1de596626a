/**
 * Reads the local change log for history: in batches of a few hundred entries, yielding to the
 * event loop between them, so a client with 10 000 blocks never freezes the window, and telling
 * how far it got (entries read of entries in the log, counted from the keys, nothing decrypted).
 */
import { Dexie } from 'dexie';
import type { ChangeEntry, Partition } from '../vault/store/rows.ts';
import type { VaultDb } from '../vault/store/schema.ts';

/** Entries per read: large enough that the scan is not dominated by round trips, small enough to stay responsive. */
export const SCAN_BATCH = 400;

/** How far a scan got: entries read so far, of how many. */
export interface ScanProgress {
  done: number;
  total: number;
}

export interface ScanOptions {
  onProgress?: (progress: ScanProgress) => void;
  /** Stops the scan between two batches (the person closed the view). */
  signal?: AbortSignal;
  batch?: number;
}

/** The partitions with a log here: the workspace and every client with a row (deleted ones included: their history stays). */
export async function logPartitions(db: VaultDb): Promise<Partition[]> {
  const ids = (await db.clients.toCollection().primaryKeys()) as string[];
  return ['workspace', ...ids.map((id): Partition => `client:${id}`)];
}

/** Number of log entries of `partitions` (keys only). */
export async function countEntries(db: VaultDb, partitions: readonly Partition[]): Promise<number> {
  let total = 0;
  for (const p of partitions) total += await db.changes.where('[partition+seq]').between([p, Dexie.minKey], [p, Dexie.maxKey]).count();
  return total;
}

/** Calls `visit` for every entry of `partitions`, in log order per partition, batch by batch. */
export async function scanLog(db: VaultDb, partitions: readonly Partition[], visit: (entry: ChangeEntry) => void, options: ScanOptions = {}): Promise<void> {
  const size = options.batch ?? SCAN_BATCH;
  const total = options.onProgress ? await countEntries(db, partitions) : 0;
  let done = 0;
  options.onProgress?.({ done, total });
  for (const partition of partitions) {
    let after = 0;
    for (;;) {
      options.signal?.throwIfAborted();
      const batch = await db.changes.where('[partition+seq]').between([partition, after], [partition, Dexie.maxKey], false, true).limit(size).toArray();
      for (const entry of batch) visit(entry);
      done += batch.length;
      options.onProgress?.({ done, total: Math.max(total, done) });
      if (batch.length < size) break;
      after = (batch.at(-1) as ChangeEntry).seq;
      // A macrotask between batches lets the window paint and take input.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
}
