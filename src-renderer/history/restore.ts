/**
 * Restore: puts records back as they were, as NEW writes (a fresh HLC per record, logged like any
 * edit), so the restore wins on every device and syncs as ordinary changes. Nothing in the change
 * log is removed or rewritten. A record created since is deleted (a new delete); one deleted since
 * is written back whole; one changed since gets the fields that differ.
 *
 * All items go in one transaction: parents are written before their children and deletes run
 * children first, and a child whose parent would be missing stops the whole restore with nothing
 * written. Undo is a restore too, of only what the restore changed: a field changed again since
 * (an edit, a sync, a billing) keeps its newer value, and a record deleted or brought back since is
 * left as it is now.
 */
import { Dexie, type Table } from 'dexie';
import type { MaterializedRecord } from '../sync/merge/merge-state.ts';
import { readRecord } from '../sync/merge/merge-state.ts';
import type { RepoContext } from '../vault/repos/context.ts';
import { ENTITY_DEFS } from '../vault/repos/defs.ts';
import { fieldChanges, jsonEqual } from '../vault/repos/change-log.ts';
import { compact, type EntityDef, keepNewer, toRecord, writeTx } from '../vault/repos/entity-repo.ts';
import { fitRecord, RECORD_VERSION_FIELD } from '../sync/engine/newer-records.ts';
import { RepoError } from '../vault/repos/errors.ts';
import type { EntityTableName, LiveRow, NewerFields, Partition } from '../vault/store/rows.ts';
import { ENCRYPTED_TABLES } from '../vault/store/schema.ts';
import type { RecordDiff } from './as-of.ts';
import { readAsOf } from './read-history.ts';

/** One record to put back: `target` is how it should be, undefined for "should not exist". */
export interface RestoreItem {
  partition: Partition;
  table: EntityTableName;
  id: string;
  target: MaterializedRecord | undefined;
}

/** What a restore did; `first` (the HLC of its first write) is what its undo goes back before. */
export interface RestoreOutcome {
  written: number;
  unchanged: number;
  first: string | undefined;
  /** The records it wrote, each with what it wrote (undefined: a delete), for its undo. */
  touched: Array<{ partition: Partition; table: EntityTableName; id: string; wrote?: MaterializedRecord }>;
}

/** Parents before children (deletes run the other way round). */
const RANK: Readonly<Record<EntityTableName, number>> = {
  settings: 0,
  trips: 0,
  presenceDays: 0,
  clients: 0,
  projects: 1,
  invoices: 2,
  phases: 2,
  experiments: 3,
  timeBlocks: 4,
  expenses: 4,
  killSwitches: 4,
};

/**
 * Why a difference cannot be restored here, in words; null when it can. Settings hold the invoice
 * register and sync's own marks, whose going back would reuse numbers; an issued invoice never
 * changes; billed marks and residency policies have their own paths.
 */
export function notRestorable(diff: Pick<RecordDiff, 'table' | 'kind' | 'then' | 'now'>): string | null {
  if (diff.table === 'settings') return 'Settings are not restored from history: some of them number your invoices.';
  // This code would read it with the old meaning of its fields (newer-records.ts).
  const version = ENCRYPTED_TABLES[diff.table].version;
  const newer = (r: MaterializedRecord | undefined) => typeof r?.[RECORD_VERSION_FIELD] === 'number' && (r[RECORD_VERSION_FIELD] as number) > version;
  if (newer(diff.then) || newer(diff.now)) return 'A newer version of Caravan wrote it; update Caravan here to restore it.';
  if (diff.table === 'invoices' && (diff.then?.['state'] === 'issued' || diff.now?.['state'] === 'issued')) {
    return 'An issued invoice never changes; issue a credit note instead.';
  }
  // The billed mark follows the invoices: history must not unbill what an invoice bills, or mark billed what none does.
  if (
    (diff.table === 'timeBlocks' || diff.table === 'expenses') &&
    (diff.now?.['billed'] === true || (diff.then?.['billed'] ?? false) !== (diff.now?.['billed'] ?? false))
  ) {
    return 'It is billed on an invoice (now or then); its billing follows the invoices, not history.';
  }
  // A residency policy goes to main through the client's form, which checks it against the targets
  // and asks before anything is weakened; history writes only the vault, so it leaves policies alone.
  if (diff.table === 'clients' && (diff.kind === 'deleted' || !jsonEqual(diff.then?.['residency'], diff.now?.['residency']))) {
    return diff.kind === 'deleted'
      ? 'A deleted client is not brought back from history: its residency policy must be set again in Clients.'
      : 'Its residency policy changed since; change that in the client’s form, where Caravan checks it against your targets.';
  }
  return null;
}

/** The restore items of `diffs` (those that can be restored). */
export function restoreItems(diffs: readonly RecordDiff[]): RestoreItem[] {
  return diffs.filter((d) => notRestorable(d) === null).map((d) => ({ partition: d.partition, table: d.table, id: d.id, target: d.then }));
}

type AnyDef = EntityDef<EntityTableName>;
type Rows = Table<Record<string, unknown>, string>;

function rowsOf(ctx: RepoContext, table: EntityTableName): Rows {
  return ctx.db[table] as unknown as Rows;
}

function isLive(row: Record<string, unknown> | undefined): row is LiveRow<Record<string, unknown>> {
  return row !== undefined && row['deleted'] !== true;
}

/** The records an upsert of `record` needs live: its client, project, phase, experiment. */
function parentsOf(table: EntityTableName, record: Readonly<Record<string, unknown>>): Array<{ table: EntityTableName; id: string }> {
  const out: Array<{ table: EntityTableName; id: string }> = [];
  const ref = (t: EntityTableName, field: string) => {
    const id = record[field];
    if (typeof id === 'string') out.push({ table: t, id });
  };
  if (table === 'projects' || table === 'invoices') ref('clients', 'clientId');
  if (RANK[table] >= 2 && table !== 'invoices') {
    ref('projects', 'projectId');
    ref('phases', 'phaseId');
    ref('experiments', 'experimentId');
    const trigger = record['trigger'] as { kind?: string; experimentId?: string } | undefined;
    if (table === 'killSwitches' && trigger?.kind === 'metric' && typeof trigger.experimentId === 'string')
      out.push({ table: 'experiments', id: trigger.experimentId });
  }
  return out;
}

/** Children that would be left without their parent when `table`/`id` is deleted. */
async function liveChildren(ctx: RepoContext, table: EntityTableName, id: string): Promise<number> {
  const count = async (t: EntityTableName, index: string) => {
    const rows = (await rowsOf(ctx, t).where(index).equals(id).toArray()) as Array<Record<string, unknown>>;
    return rows.filter(isLive).length;
  };
  if (table === 'clients') return (await count('projects', 'clientId')) + (await count('invoices', 'clientId'));
  if (table === 'projects') {
    const blocks = (await ctx.db.timeBlocks.where('[projectId+day]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray()).filter(
      (r) => r.deleted !== true,
    ).length;
    let others = 0;
    for (const t of ['phases', 'experiments', 'expenses', 'killSwitches'] as const) others += await count(t, 'projectId');
    return blocks + others;
  }
  return 0;
}

/**
 * Whether `record` (or a stored row, live or a tombstone) lives in `partition`. A row is keyed by id
 * alone and a device holding one client's key can log any id under that client: history of one
 * partition must never write or delete another's record (apply-remote.ts checks the same).
 */
function belongs(def: AnyDef, record: Readonly<Record<string, unknown>>, partition: Partition): boolean {
  return def.partition(record as never) === partition;
}

/** Writes `items` as new writes, in one transaction; RepoError with a message in words when it cannot. */
export async function restoreRecords(ctx: RepoContext, items: readonly RestoreItem[], options: { keepParentsInUse?: boolean } = {}): Promise<RestoreOutcome> {
  const upserts = items.filter((i) => i.target !== undefined).sort((a, b) => RANK[a.table] - RANK[b.table]);
  const deletes = items.filter((i) => i.target === undefined).sort((a, b) => RANK[b.table] - RANK[a.table]);
  const tables = Object.keys(ENTITY_DEFS) as EntityTableName[];
  const outcome: RestoreOutcome = { written: 0, unchanged: 0, first: undefined, touched: [] };
  if (items.length === 0) return outcome;
  const kept = new Set<RestoreItem>();
  await writeTx(ctx, 'restore', tables, async (log) => {
    const stamp = () => {
      const hlc = ctx.clock.next();
      outcome.first ??= hlc;
      return hlc;
    };
    // One table at a time, in bulk: thousands of blocks are read and written in a few requests.
    for (const group of groups(upserts)) {
      const def = ENTITY_DEFS[group[0]!.table] as AnyDef;
      const current = await rowsOf(ctx, def.table).bulkGet(group.map((i) => i.id));
      const puts: Array<Record<string, unknown>> = [];
      for (const [n, item] of group.entries()) {
        // Fields a newer Caravan added are split off, not refused: they are not this version's to restore.
        const fit = fitRecord(def.schema, ENCRYPTED_TABLES[def.table].version, item.target ?? {});
        if (fit.kind !== 'record') {
          throw new RepoError('invalid-input', `A ${def.what} from that time no longer passes today's checks, so it cannot be restored; nothing was restored.`);
        }
        const record = compact(fit.record) as Record<string, unknown>;
        const row = current[n] as (Record<string, unknown> & { newer?: NewerFields }) | undefined;
        if (!belongs(def, record, item.partition) || (row !== undefined && !belongs(def, row, item.partition))) {
          outcome.unchanged++;
          continue;
        }
        const before = isLive(row) ? (toRecord(row) as Record<string, unknown>) : undefined;
        if (before !== undefined && jsonEqual(before, record)) {
          outcome.unchanged++;
          continue;
        }
        const hlc = stamp();
        log.add(def.partition(record as never), hlc, fieldChanges(def.table, item.id, before, record, hlc));
        puts.push({ ...record, hlc, ...keepNewer(isLive(row) ? row : undefined) });
        outcome.touched.push({ partition: item.partition, table: item.table, id: item.id, wrote: record });
      }
      await rowsOf(ctx, def.table).bulkPut(puts);
      outcome.written += puts.length;
    }
    await checkParents(ctx, upserts);
    for (const group of groups(deletes)) {
      const def = ENTITY_DEFS[group[0]!.table] as AnyDef;
      const current = await rowsOf(ctx, def.table).bulkGet(group.map((i) => i.id));
      const puts: Array<Record<string, unknown>> = [];
      for (const [n, item] of group.entries()) {
        const row = current[n];
        if (!isLive(row) || !belongs(def, row, item.partition)) {
          outcome.unchanged++;
          continue;
        }
        // Undo: a client or project in use again since (records added under it) stays. Children go
        // first, so what is counted here is only what this call does not delete.
        if (
          options.keepParentsInUse === true &&
          (item.table === 'clients' || item.table === 'projects') &&
          (await liveChildren(ctx, item.table, item.id)) > 0
        ) {
          kept.add(item);
          outcome.unchanged++;
          continue;
        }
        const hlc = stamp();
        const record = toRecord(row) as never;
        log.add(def.partition(record), hlc, [{ op: 'delete', table: def.table, id: item.id, hlc }]);
        puts.push({ ...def.tombstone(record), hlc });
        outcome.touched.push({ partition: item.partition, table: item.table, id: item.id });
      }
      await rowsOf(ctx, def.table).bulkPut(puts);
      outcome.written += puts.length;
    }
    for (const item of deletes) {
      if ((item.table !== 'clients' && item.table !== 'projects') || kept.has(item)) continue;
      const left = await liveChildren(ctx, item.table, item.id);
      if (left > 0) {
        const what = ENTITY_DEFS[item.table].what;
        throw new RepoError(
          'has-dependents',
          `A ${what} created since still has ${left} record(s) under it that are not selected; select them too, or restore everything shown. Nothing was restored.`,
        );
      }
    }
  });
  return outcome;
}

/** After the upserts: every restored record's parents are live (restored in the same call, or there all along). */
async function checkParents(ctx: RepoContext, upserts: readonly RestoreItem[]): Promise<void> {
  const needed = new Map<string, { table: EntityTableName; id: string; child: EntityTableName }>();
  for (const item of upserts) for (const p of parentsOf(item.table, item.target ?? {})) needed.set(`${p.table}|${p.id}`, { ...p, child: item.table });
  const byTable = new Map<EntityTableName, Array<{ id: string; child: EntityTableName }>>();
  for (const p of needed.values()) byTable.set(p.table, [...(byTable.get(p.table) ?? []), p]);
  for (const [table, wanted] of byTable) {
    const rows = await rowsOf(ctx, table).bulkGet(wanted.map((w) => w.id));
    const missing = wanted.find((_, n) => !isLive(rows[n]));
    if (missing) {
      throw new RepoError(
        'parent-not-found',
        `Restoring a ${ENTITY_DEFS[missing.child].what} needs its ${ENTITY_DEFS[table].what}, which is deleted now: select that too, or restore everything shown. Nothing was restored.`,
      );
    }
  }
}

/** Items grouped by table, keeping the order given. */
function groups(items: readonly RestoreItem[]): RestoreItem[][] {
  const out: RestoreItem[][] = [];
  for (const item of items) {
    const last = out.at(-1);
    if (last && last[0]!.table === item.table) last.push(item);
    else out.push([item]);
  }
  return out;
}

/**
 * Undoes a restore: what it changed, as of just before its first write (a restore itself). Only
 * the restore's own work goes back: a field whose value is no longer what the restore wrote was
 * changed since and keeps that change, a record deleted or brought back since is left alone, and
 * what history never restores (a billed block, an issued invoice, a policy) is not touched.
 */
export async function undoRestore(ctx: RepoContext, restore: RestoreOutcome): Promise<RestoreOutcome> {
  if (restore.first === undefined || restore.touched.length === 0) return { written: 0, unchanged: 0, first: undefined, touched: [] };
  const partitions = [...new Set(restore.touched.map((t) => t.partition))];
  const asOf = await readAsOf(ctx.db, restore.first, { partitions, only: restore.touched });
  const live = (view: ReturnType<typeof readRecord> | undefined) => (view?.status === 'live' ? view.record : undefined);
  const items: RestoreItem[] = [];
  let left = 0;
  for (const { wrote, ...t } of restore.touched) {
    const states = asOf.states.get(t.partition);
    const before = live(states && readRecord(states.then, t.table, t.id));
    const now = live(states && readRecord(states.now, t.table, t.id));
    const target = undoTarget(before, wrote, now);
    if (target === 'keep') {
      left++;
      continue;
    }
    const kind = now === undefined ? 'deleted' : target === undefined ? 'created' : 'changed';
    if (notRestorable({ table: t.table, kind, then: target, now }) !== null) {
      left++;
      continue;
    }
    items.push({ ...t, target });
  }
  const outcome = await restoreRecords(ctx, items, { keepParentsInUse: true });
  return { ...outcome, unchanged: outcome.unchanged + left };
}

/**
 * What undo puts back for one record: `before` the restore, what it `wrote` (undefined: it deleted
 * the record) and how it is `now`; 'keep' to leave it as it is.
 */
function undoTarget(
  before: MaterializedRecord | undefined,
  wrote: MaterializedRecord | undefined,
  now: MaterializedRecord | undefined,
): MaterializedRecord | undefined | 'keep' {
  // The restore deleted it: back if still deleted; someone brought it back since, theirs stands.
  if (wrote === undefined) return now === undefined ? before : 'keep';
  // Deleted since the restore: that delete stands.
  if (now === undefined) return 'keep';
  const untouched = (field: string) => jsonEqual(now[field], wrote[field]);
  // It was deleted before the restore: delete it again only as the restore left it.
  if (before === undefined) return Object.keys({ ...now, ...wrote }).every(untouched) ? undefined : 'keep';
  const target: MaterializedRecord = {};
  for (const field of new Set([...Object.keys(before), ...Object.keys(wrote), ...Object.keys(now)])) {
    const value = untouched(field) ? before[field] : now[field];
    if (value !== undefined) target[field] = value;
  }
  return target;
}
