/**
 * Writes the outcome of remote changes into the vault: the changes go into
 * the merge state, every record they touched is read back from it (per field,
 * the highest HLC won) and written, and the changes are logged with their
 * origin so the state can be rebuilt after a restart. One transaction: either
 * all of a segment lands, or none of it.
 *
 * A merged record is written only if it validates against its schema and
 * belongs to the partition it came in (a client's record under that client's
 * id, only the workspace tables, settings and the presence ledger, in the
 * workspace); otherwise it is left as it was and
 * counted as incomplete.
 *
 * What a newer Caravan wrote is kept, never dropped (docs/sync-merge.md, "Newer devices"): changes
 * to a table this version does not know go into the merge state and the log but no local table;
 * fields it does not know are stored beside the record (`newer-records.ts`); a record of a newer
 * schema version stays in the merge state only. All of it is counted as `newer`, not incomplete.
 */
import { applyChange, isKnownTable, issueFirst, readRecord, type FieldWrite } from '../merge/merge-state.ts';
import { canonicalJson } from '../segment/canonical-json.ts';
import { fitRecord, RECORD_VERSION_FIELD } from './newer-records.ts';
import type { PartitionStates } from './partition-states.ts';
import { ChangeLogWriter } from '../../vault/repos/change-log.ts';
import type { WriteClock } from '../../vault/repos/context.ts';
import { ENTITY_DEFS as DEFS, WORKSPACE_TABLES } from '../../vault/repos/defs.ts';
import type { EntityDef } from '../../vault/repos/entity-repo.ts';
import type { Change, EntityTableName, Partition } from '../../vault/store/rows.ts';
import { ENCRYPTED_TABLES, type VaultDb } from '../../vault/store/schema.ts';

export interface ApplyInput {
  db: VaultDb;
  partition: Partition;
  /** The partition's merge state, caught up with the change log inside the write transaction. */
  states: PartitionStates;
  changes: readonly Change[];
  /**
   * The device the changes came from: logged with it so they are never pushed again as this
   * device's own. Undefined for changes that are new to this vault (a bundle import): logged as
   * local writes, so sync sends them on to this vault's other devices.
   */
  origin: string | undefined;
  clock: WriteClock;
}

export interface ApplyOutcome {
  records: number;
  incomplete: number;
  /** Records whose newer part (a table, field or record version this code does not know) these changes wrote: kept, not (wholly) shown. */
  newer: number;
  /** A change to the client's residency policy won the merge: main is told which device it came from. */
  residencyChanged: boolean;
  /**
   * Remote field writes that met a different value this device wrote, as the field's winner here:
   * either side may have won. Whether they were concurrent is the caller's question (conflicts.ts).
   */
  contested: Contest[];
}

/** A remote write and this device's write of one field, with different values. */
export interface Contest {
  table: EntityTableName;
  id: string;
  field: string;
  local: FieldWrite;
  remote: FieldWrite;
  remoteWon: boolean;
}

/** Bookkeeping every edit rewrites: two edits always differ there, and no one edited it. */
const BOOKKEEPING = new Set(['updatedAt', 'createdAt']);

function sameValue(a: FieldWrite, b: FieldWrite): boolean {
  if (a.op !== b.op) return false;
  return a.op === 'unset' || canonicalJson(a.value) === canonicalJson((b as { value: unknown }).value);
}

/** The client a record must belong to in this partition (undefined: the workspace). */
function ownerOf(partition: Partition): string | undefined {
  return partition === 'workspace' ? undefined : partition.slice('client:'.length);
}

/** True when no row has this id, or the row there belongs to `owner`; false too when it cannot be read. */
async function ownedBy(rows: { get(id: string): Promise<unknown> }, table: EntityTableName, id: string, owner: string): Promise<boolean> {
  let existing: Record<string, unknown> | undefined;
  try {
    existing = (await rows.get(id)) as Record<string, unknown> | undefined;
  } catch {
    return false;
  }
  if (existing === undefined) return true;
  return table === 'clients' ? existing['id'] === owner : existing['clientId'] === owner;
}

export async function applyRemoteChanges(input: ApplyInput): Promise<ApplyOutcome> {
  const { db, partition, states, changes, origin, clock } = input;
  const owner = ownerOf(partition);
  // Only the tables a partition may hold: the workspace tables in the workspace, client records in a
  // client's. An invoice's issue before everything else (merge-state.ts, the invoice rule).
  const known = changes.filter((c) => isKnownTable(c.table));
  const fitting = issueFirst(known).filter((c) => (owner === undefined) === WORKSPACE_TABLES.has(c.table as EntityTableName));
  const newerTables = changes.filter((c) => !isKnownTable(c.table));
  let incomplete = known.length - fitting.length;
  let newer = new Set(newerTables.map((c) => `${c.table}|${c.id}`)).size;
  // Fields these changes write: a record counts as newer only when they wrote its newer part (an
  // older device editing a known field of such a record is not itself newer).
  const written = new Set(fitting.flatMap((c) => (c.op === 'delete' ? [] : [`${c.table}|${c.id}|${c.field}`])));
  const wroteAny = (table: string, id: string, fields: Iterable<string>) => [...fields].some((f) => written.has(`${table}|${id}|${f}`));
  const tables = [...new Set(fitting.map((c) => c.table as EntityTableName))];
  const byHlc = new Map<string, Change[]>();
  for (const change of changes) byHlc.set(change.hlc, [...(byHlc.get(change.hlc) ?? []), change]);
  let records = 0;
  let residencyChanged = false;
  const contested: Contest[] = [];
  await db.transaction('rw', [...tables, 'changes'], async () => {
    // Caught up here, inside the transaction: a local edit made while this round was on the network
    // is in the state before the merged records are written, so it is never overwritten.
    const state = await states.forPartition(db, partition);
    const touched = new Map<string, { table: EntityTableName; id: string }>();
    for (const change of fitting) {
      const record = state.tables.get(change.table)?.get(change.id);
      const before = change.op === 'delete' ? undefined : record?.fields.get(change.field);
      const applied = applyChange(state, change);
      if (
        before !== undefined &&
        change.op !== 'delete' &&
        !BOOKKEEPING.has(change.field) &&
        before.hlc !== change.hlc &&
        states.writtenHere(partition, before.hlc)
      ) {
        const remote: FieldWrite = change.op === 'set' ? { hlc: change.hlc, op: 'set', value: change.value } : { hlc: change.hlc, op: 'unset' };
        // A remote write hidden by a tombstone lost to the delete, not to this device's value.
        const hidden = !applied && record?.tombstone !== undefined && change.hlc <= record.tombstone;
        if (!hidden && !sameValue(before, remote)) {
          contested.push({ table: change.table as EntityTableName, id: change.id, field: change.field, local: before, remote, remoteWon: applied });
        }
      }
      if (!applied) continue;
      touched.set(`${change.table}|${change.id}`, { table: change.table as EntityTableName, id: change.id });
      if (change.table === 'clients' && change.op !== 'delete' && change.field === 'residency') residencyChanged = true;
    }
    // Kept in the state (as a restart's replay of the log would), written to no local table.
    for (const change of newerTables) applyChange(state, change);
    const log = new ChangeLogWriter(db);
    await log.begin();
    for (const [hlc, group] of [...byHlc].sort(([a], [b]) => (a < b ? -1 : 1))) log.add(partition, hlc, group, origin);
    for (const { table, id } of touched.values()) {
      const def = DEFS[table] as EntityDef<EntityTableName>;
      const view = readRecord(state, table, id);
      const rows = db[table] as unknown as { put(row: unknown): Promise<unknown>; get(id: string): Promise<unknown>; delete(id: string): Promise<void> };
      if (view.status === 'live') {
        const fit = fitRecord(def.schema, ENCRYPTED_TABLES[table].version, view.record);
        if (fit.kind === 'newer-version') {
          // This code would read its fields with their old meaning, and an edit here would write
          // that over the newer device's work: the local copy goes (the merge state keeps it all).
          if (owner === undefined || (await ownedBy(rows, table, id, owner))) await rows.delete(id);
          if (wroteAny(table, id, [RECORD_VERSION_FIELD])) newer++;
          continue;
        }
        const record = fit.kind === 'record' ? fit.record : undefined;
        const belongs =
          record !== undefined && record['id'] === id && (owner === undefined || (table === 'clients' ? record['id'] === owner : record['clientId'] === owner));
        if (!record || !belongs) {
          incomplete++;
          continue;
        }
        if (fit.kind === 'record' && fit.newer !== undefined && wroteAny(table, id, Object.keys(fit.newer))) newer++;
        await rows.put({ ...record, hlc: view.hlc, ...(fit.kind === 'record' && fit.newer !== undefined ? { newer: fit.newer } : {}) });
        records++;
      } else if (view.status === 'deleted') {
        // A row is keyed by id alone: a tombstone must not land on another client's record.
        if (owner !== undefined && !(await ownedBy(rows, table, id, owner))) {
          incomplete++;
          continue;
        }
        const clientId = table === 'clients' || WORKSPACE_TABLES.has(table) ? {} : { clientId: owner };
        await rows.put({ id, deleted: true, hlc: view.hlc, ...clientId });
        records++;
      }
    }
    await log.flush();
  });
  const newest = changes.reduce((max, c) => (c.hlc > max ? c.hlc : max), '');
  if (newest) clock.observe?.(newest);
  return { records, incomplete, newer, residencyChanged, contested };
}
