/**
 * The vault "as of" an instant, by exactly the merge rule (sync/merge/merge-state.ts): per field
 * the write with the highest HLC among those stamped before the bound, deletes hiding what came
 * at or before them. And its differences from now: records changed, created and deleted since.
 *
 * Pure: the caller feeds log entries (history/log-scan.ts reads them); no Dexie here.
 */
import { applyChanges, createState, isKnownTable, type MaterializedRecord, type MergeState, readRecord } from '../sync/merge/merge-state.ts';
import { encode, MAX_MS } from '../sync/hlc/hlc.ts';
import { jsonEqual } from '../vault/repos/change-log.ts';
import { WORKSPACE_TABLES } from '../vault/repos/defs.ts';
import type { Change, ChangeEntry, EntityTableName, Partition } from '../vault/store/rows.ts';

/**
 * The HLC bound that keeps every write stamped at or before `instant` (epoch ms) and nothing
 * later: the smallest HLC of the next millisecond. Bounds are exclusive ("strictly before").
 */
export function boundAfter(instant: number): string {
  return encode({ ms: Math.min(Math.max(0, Math.floor(instant) + 1), MAX_MS), counter: 0, node: '0000000000000000' });
}

/** One partition then (writes below the bound) and now (every write). */
export interface PartitionStates {
  then: MergeState;
  now: MergeState;
}

/** Builds both states of every partition from log entries given in any order. */
export class AsOfBuilder {
  readonly before: string;
  readonly partitions = new Map<Partition, PartitionStates>();
  /** Only these records, when set (an undo looks at the records one restore wrote). */
  readonly #only: ReadonlySet<string> | undefined;

  constructor(before: string, only?: Iterable<{ table: string; id: string }>) {
    this.before = before;
    this.#only = only === undefined ? undefined : new Set([...only].map((k) => `${k.table}|${k.id}`));
  }

  add(entry: ChangeEntry): void {
    let states = this.partitions.get(entry.partition);
    if (states === undefined) {
      states = { then: createState(), now: createState() };
      this.partitions.set(entry.partition, states);
    }
    const only = this.#only;
    const changes = only === undefined ? entry.changes : entry.changes.filter((c) => only.has(`${c.table}|${c.id}`));
    if (changes.length === 0) return;
    applyChanges(states.now, changes);
    const early = changes.filter((c: Change) => c.hlc < this.before);
    if (early.length > 0) applyChanges(states.then, early);
  }
}

/** How a record differs between then and now. */
export type DiffKind = 'changed' | 'created' | 'deleted';

export interface RecordDiff {
  partition: Partition;
  table: EntityTableName;
  id: string;
  kind: DiffKind;
  /** The record as it was (absent for one created since). */
  then?: MaterializedRecord;
  /** The record as it is (absent for one deleted since). */
  now?: MaterializedRecord;
  /** Fields whose value differs (every field of a created or deleted record). */
  fields: string[];
}

/** The records of this version's tables that differ between then and now, partition by partition, in a stable order. */
export function diffStates(partitions: ReadonlyMap<Partition, PartitionStates>): RecordDiff[] {
  const out: RecordDiff[] = [];
  for (const [partition, { then, now }] of partitions) {
    const keys = new Set<string>();
    // A table a newer Caravan added is kept in the log for sync, never shown here: this version has
    // no words, checks or local table for it (restoring it would write nowhere).
    for (const state of [then, now]) {
      for (const [table, records] of state.tables) {
        // Only the tables this partition holds (apply-remote.ts): a workspace table under a client is no one's record.
        if (!isKnownTable(table) || WORKSPACE_TABLES.has(table) !== (partition === 'workspace')) continue;
        for (const id of records.keys()) keys.add(`${table}|${id}`);
      }
    }
    for (const key of [...keys].sort()) {
      const split = key.indexOf('|');
      const table = key.slice(0, split) as EntityTableName;
      const id = key.slice(split + 1);
      const a = readRecord(then, table, id);
      const b = readRecord(now, table, id);
      const was = a.status === 'live' ? a.record : undefined;
      const is = b.status === 'live' ? b.record : undefined;
      if (was === undefined && is === undefined) continue;
      if (was !== undefined && is !== undefined) {
        const fields = changedFields(was, is);
        if (fields.length > 0) out.push({ partition, table, id, kind: 'changed', then: was, now: is, fields });
      } else if (was !== undefined) out.push({ partition, table, id, kind: 'deleted', then: was, fields: Object.keys(was).sort() });
      else if (is !== undefined) out.push({ partition, table, id, kind: 'created', now: is, fields: Object.keys(is).sort() });
    }
  }
  return out;
}

/** Fields present in either record whose values differ. */
export function changedFields(a: MaterializedRecord, b: MaterializedRecord): string[] {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].filter((f) => !jsonEqual(a[f], b[f])).sort();
}
