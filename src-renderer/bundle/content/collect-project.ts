/**
 * The changes that recreate one project elsewhere: from the client partition's merge state, every
 * winning field write (value and HLC) of the client record, the project and the project's phases,
 * time blocks, experiments, expenses and kill switches, plus each record's tombstone when it was
 * deleted and later written again (so an older copy elsewhere stays hidden). Records deleted for
 * good are not carried: their tombstones no longer say which project they belonged to.
 */
import { readRecord, type MergeState, type RecordState } from '../../sync/merge/merge-state.ts';
import type { Change, EntityTableName } from '../../vault/store/rows.ts';
import { PROJECT_TABLES } from './project-content.ts';

export class ProjectNotFoundError extends Error {
  override readonly name = 'ProjectNotFoundError';
}

function changesOf(table: EntityTableName, id: string, record: RecordState, withTombstone: boolean): Change[] {
  const out: Change[] = [];
  if (withTombstone && record.tombstone !== undefined) out.push({ op: 'delete', table, id, hlc: record.tombstone });
  for (const [field, write] of [...record.fields].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.push(write.op === 'set' ? { op: 'set', table, id, field, value: write.value, hlc: write.hlc } : { op: 'unset', table, id, field, hlc: write.hlc });
  }
  return out;
}

/** Does the live record belong to the project? The client by id, the project itself, children by `projectId`. */
function belongs(table: EntityTableName, id: string, record: RecordState, clientId: string, projectId: string): boolean {
  if (table === 'clients') return id === clientId;
  if (table === 'projects') return id === projectId;
  const link = record.fields.get('projectId');
  return link?.op === 'set' && link.value === projectId;
}

export interface CollectOptions {
  /** Carry tombstones of records deleted and written again (full bundles; a hand-off has no history to hide). */
  tombstones: boolean;
}

/** Throws ProjectNotFoundError when the project or its client is not live in `state`. */
export function collectProjectChanges(state: MergeState, clientId: string, projectId: string, options: CollectOptions): Change[] {
  if (readRecord(state, 'clients', clientId).status !== 'live') throw new ProjectNotFoundError('The client of this project is not in the vault any more.');
  if (readRecord(state, 'projects', projectId).status !== 'live') throw new ProjectNotFoundError('This project is not in the vault any more.');
  const changes: Change[] = [];
  for (const table of PROJECT_TABLES) {
    const records = state.tables.get(table);
    if (!records) continue;
    for (const [id, record] of records) {
      if (readRecord(state, table, id).status !== 'live' || !belongs(table, id, record, clientId, projectId)) continue;
      changes.push(...changesOf(table, id, record, options.tombstones));
    }
  }
  return changes;
}
