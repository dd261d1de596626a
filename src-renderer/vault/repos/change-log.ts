/**
 * The local change log: every write appends the field-level changes it made, under its HLC, to the
 * `changes` table (encrypted under the partition's key). Sync ships it later; nothing here merges.
 *
 * Granularity: one entry per written record, `field` = a top-level property. Nested values
 * (contact, billing, residency, a kill switch's trigger) change whole, so a merge never mixes
 * halves of two writes.
 */
import { Dexie } from 'dexie';
import type { Change, ChangeEntry, EntityTableName, Partition } from '../store/rows.ts';
import type { VaultDb } from '../store/schema.ts';
import { emitLocalWrite } from './write-events.ts';

/** Structural equality of two JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((k) => left[k] !== undefined);
  if (keys.length !== Object.keys(right).filter((k) => right[k] !== undefined).length) return false;
  return keys.every((k) => Object.hasOwn(right, k) && jsonEqual(left[k], right[k]));
}

/**
 * The changes turning `before` (absent for a create) into `after`: a `set` per field whose value
 * differs, an `unset` per field that disappeared. Fields are compared as JSON values.
 */
export function fieldChanges(
  table: EntityTableName,
  id: string,
  before: Readonly<Record<string, unknown>> | undefined,
  after: Readonly<Record<string, unknown>>,
  hlc: string,
): Change[] {
  const changes: Change[] = [];
  for (const [field, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (before === undefined || !jsonEqual(before[field], value)) changes.push({ op: 'set', table, id, field, value, hlc });
  }
  if (before !== undefined) {
    for (const [field, value] of Object.entries(before)) {
      if (value !== undefined && after[field] === undefined) changes.push({ op: 'unset', table, id, field, hlc });
    }
  }
  return changes;
}

/**
 * Collects the entries of one write transaction and appends them with consecutive sequence
 * numbers. `begin()` must be the transaction's first request, before any HLC is stamped: every
 * write transaction includes the `changes` table, IndexedDB runs overlapping read-write
 * transactions one after the other, so from that point this transaction has the log to itself.
 * That makes reading the last seq race-free and keeps HLC order equal to log order across
 * concurrent writes.
 */
export class ChangeLogWriter {
  readonly #db: VaultDb;
  readonly #pending: Array<Omit<ChangeEntry, 'seq'>> = [];
  #last: number | undefined;

  constructor(db: VaultDb) {
    this.#db = db;
  }

  /** Reads the last sequence number (keys only: the middleware does not decrypt for this). */
  async begin(): Promise<void> {
    const last = await this.#db.changes.orderBy('seq').lastKey();
    this.#last = typeof last === 'number' ? last : 0;
  }

  /** Queues one entry; entries without changes are dropped. `origin`: the device sync received them from. */
  add(partition: Partition, hlc: string, changes: Change[], origin?: string): void {
    if (changes.length > 0) this.#pending.push({ partition, hlc, changes, ...(origin !== undefined ? { origin } : {}) });
  }

  /** Writes the queued entries. */
  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    if (this.#last === undefined) throw new Error('ChangeLogWriter.flush() before begin()');
    let seq = this.#last;
    const entries = this.#pending.splice(0).map((entry) => ({ seq: ++seq, ...entry }));
    this.#last = seq;
    await this.#db.changes.bulkAdd(entries);
    // Told when the transaction is done, not before: a round started now must see the entries.
    if (entries.some((e) => e.origin === undefined)) {
      const tx = Dexie.currentTransaction;
      if (tx) tx.on('complete', emitLocalWrite);
      else emitLocalWrite();
    }
  }
}

/** Entries of `partition` with a sequence number above `afterSeq`, oldest first (for sync and tests). */
export function readChanges(db: VaultDb, partition: Partition, afterSeq = 0): Promise<ChangeEntry[]> {
  return db.changes.where('[partition+seq]').between([partition, afterSeq], [partition, Dexie.maxKey], false, true).toArray();
}
