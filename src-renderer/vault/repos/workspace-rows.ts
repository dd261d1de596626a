/**
 * Bulk upserts for the workspace tables keyed by the caller (trips restored under their id, presence
 * days whose id is their day): one read of every row concerned, one field-level change per record
 * that changed, one bulk write. Awaiting once per row instead would risk Dexie losing the
 * transaction mid-batch (entity-repo.ts, checkRefs), and a year of confirmed days is 365 rows.
 */
import type { Change, EntityRecords, LiveRow } from '../store/rows.ts';
import { fieldChanges, jsonEqual, type ChangeLogWriter } from './change-log.ts';

import type { RepoContext } from './context.ts';
import { keepNewer, parseRecord, tableOf, toRecord, type EntityDef } from './entity-repo.ts';

/** A record to write without its timestamps: the repository keeps `createdAt` and sets `updatedAt`. */
export type Untimed<T> = Omit<T, 'createdAt' | 'updatedAt'>;

/**
 * Writes each candidate over the row with its id (inside a write transaction): a live row is
 * changed field by field, a tombstone or no row is replaced by a new record (its HLC is later than
 * the delete's). Unchanged records write nothing. Returns the records as stored, in input order.
 * `together` names fields that only make sense as a set (a trip's from, to and country): when one
 * of them changes, all are logged, so a merge with another device's edit takes one device's set
 * whole instead of mixing them into a record that fails its schema on every device.
 */
export async function upsertRows<K extends 'trips' | 'presenceDays'>(
  ctx: RepoContext,
  def: EntityDef<K>,
  log: ChangeLogWriter,
  candidates: ReadonlyArray<Untimed<EntityRecords[K]>>,
  together: readonly string[] = [],
): Promise<Array<EntityRecords[K]>> {
  const table = tableOf(ctx, def);
  const existing = await table.bulkGet(candidates.map((c) => c.id));
  const out: Array<EntityRecords[K]> = [];
  const puts: Array<LiveRow<EntityRecords[K]>> = [];
  candidates.forEach((candidate, i) => {
    const row = existing[i];
    const before = row === undefined || row.deleted === true ? undefined : (toRecord(row) as EntityRecords[K]);
    const now = ctx.now();
    const next = parseRecord(def, { ...candidate, createdAt: before?.createdAt ?? now, updatedAt: before?.updatedAt ?? now });
    if (before !== undefined && jsonEqual(before, next)) {
      out.push(before);
      return;
    }
    if (before !== undefined) next.updatedAt = Math.max(now, before.updatedAt);
    const hlc = ctx.clock.next();
    log.add(def.partition(next), hlc, withTogether(fieldChanges(def.table, next.id, before, next, hlc), together, next, hlc));
    puts.push({ ...next, hlc, ...(row !== undefined && row.deleted !== true ? keepNewer(row) : {}) } as LiveRow<EntityRecords[K]>);
    out.push(next);
  });
  if (puts.length > 0) await table.bulkPut(puts);
  return out;
}

/** `changes` plus a 'set' of every field of `together` that is not already among them, once any of them is. */
function withTogether(changes: Change[], together: readonly string[], next: Readonly<Record<string, unknown>>, hlc: string): Change[] {
  const first = changes.find((c) => c.op === 'set' && together.includes(c.field));
  if (first === undefined || first.op !== 'set') return changes;
  const logged = new Set(changes.flatMap((c) => (c.op === 'set' ? [c.field] : [])));
  const extra: Change[] = together
    .filter((field) => !logged.has(field) && next[field] !== undefined)
    .map((field) => ({ op: 'set', table: first.table, id: first.id, field, value: next[field], hlc }));
  return [...changes, ...extra];
}
