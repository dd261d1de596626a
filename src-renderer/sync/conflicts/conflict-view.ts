/**
 * The conflicts list grouped by record, each with the record as it is now (for its label): what
 * the Conflicts view draws. Reads each partition's merge state once, from the change log.
 */
import { readRecord, type MaterializedRecord } from '../merge/merge-state.ts';
import { PartitionStates } from '../engine/partition-states.ts';
import type { VaultDb } from '../../vault/store/schema.ts';
import { listConflicts, type ConflictStore, type StoredConflict } from './conflict-store.ts';

export interface ConflictGroup {
  key: string;
  table: string;
  id: string;
  /** The record as it is here now; undefined when it has been deleted since. */
  record: MaterializedRecord | undefined;
  conflicts: StoredConflict[];
}

export async function loadConflictGroups(db: VaultDb, store: ConflictStore): Promise<ConflictGroup[]> {
  const open = await listConflicts(store);
  const states = new PartitionStates();
  const groups = new Map<string, ConflictGroup>();
  for (const c of open) {
    const key = `${c.partition}|${c.table}|${c.id}`;
    let group = groups.get(key);
    if (!group) {
      const state = await states.forPartition(db, c.partition === 'workspace' ? 'workspace' : `client:${c.partition}`);
      const view = readRecord(state, c.table, c.id);
      group = { key, table: c.table, id: c.id, record: view.status === 'live' ? view.record : undefined, conflicts: [] };
      groups.set(key, group);
    }
    group.conflicts.push(c);
  }
  return [...groups.values()];
}
