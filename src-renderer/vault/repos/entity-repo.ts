/**
 * The machinery every entity repository shares: one read-write transaction per call, a fresh HLC
 * per written record, the row and its field-level changes written together, tombstones for
 * deletes, and errors translated to RepoError.
 *
 * Repositories read and write with get + put inside their own transaction rather than Dexie's
 * `Table.update` / `Collection.modify`: they need the old record to compute the field changes, and
 * that keeps every write on one path. (`update` does work on encrypted tables; see the middleware.)
 */
import type { Table } from 'dexie';
import type { z } from 'zod';
import type { EntityRecords, EntityRow, EntityTableName, LiveRow, NewerFields, Partition, Tombstone } from '../store/rows.ts';
import { ChangeLogWriter, fieldChanges, jsonEqual } from './change-log.ts';
import type { RepoContext } from './context.ts';
import { invalidInput, notFound, RepoError, toRepoError } from './errors.ts';

/** How one entity is stored: its table, schema, partition and tombstone. */
export interface EntityDef<K extends EntityTableName> {
  table: K;
  /** Singular noun for messages ("time block"). */
  what: string;
  /** The full record schema, cross-field rules included. */
  schema: z.ZodType<EntityRecords[K]>;
  /** Change log partition (and with it the key) of a record. */
  partition(record: EntityRecords[K]): Partition;
  /** What a delete leaves: the id and the owner that selects the key. */
  tombstone(record: EntityRecords[K]): Omit<Tombstone, 'hlc'>;
  /** The phase and experiment a record points to; they must exist and belong to its project. */
  refs?(record: EntityRecords[K]): ReadonlyArray<{ def: EntityDef<'phases' | 'experiments'>; id: string }>;
}

/** The Dexie table of an entity. */
export function tableOf<K extends EntityTableName>(ctx: RepoContext, def: EntityDef<K>): Table<EntityRow<EntityRecords[K]>, string> {
  return ctx.db[def.table] as unknown as Table<EntityRow<EntityRecords[K]>, string>;
}

/** A deep copy without `undefined` members, so stored, diffed and returned records agree with JSON. */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(compact) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) if (member !== undefined) out[key] = compact(member);
  return out as T;
}

/** Validates a whole record; 'invalid-input' with the issues otherwise. */
export function parseRecord<K extends EntityTableName>(def: EntityDef<K>, candidate: unknown): EntityRecords[K] {
  const result = def.schema.safeParse(candidate);
  if (!result.success) throw invalidInput(def.what, result.error);
  return compact(result.data);
}

/** Validates a patch against its schema (a strict partial of the mutable fields). */
export function parsePatch(what: string, schema: z.ZodType, patch: unknown): Record<string, unknown> {
  const result = schema.safeParse(patch);
  if (!result.success) throw invalidInput(what, result.error);
  // Keep explicit `undefined`s: they mean "remove this optional field".
  const given = patch as Record<string, unknown>;
  const parsed = result.data as Record<string, unknown>;
  return Object.fromEntries(Object.keys(given).map((key) => [key, parsed[key]]));
}

/** The record without its bookkeeping (and without the fields a newer Caravan wrote: never shown here). */
export function toRecord<T>(row: LiveRow<T>): T {
  const { hlc: _hlc, deleted: _deleted, newer: _newer, ...record } = row;
  return record as T;
}

/**
 * The fields a newer Caravan wrote to `row`, to spread into the row that replaces it: a write made
 * here never drops them (docs/sync-merge.md, "Newer devices"). Its change log entry does not name
 * them either, so the merge keeps them on every device.
 */
export function keepNewer(row: { newer?: NewerFields } | undefined): { newer?: NewerFields } {
  return row?.newer !== undefined ? { newer: row.newer } : {};
}

/** The live row with this id, undefined when absent or deleted; throws VaultError when it does not open. */
export async function readLive<K extends EntityTableName>(ctx: RepoContext, def: EntityDef<K>, id: string): Promise<LiveRow<EntityRecords[K]> | undefined> {
  const row = await tableOf(ctx, def).get(id);
  return row === undefined || row.deleted === true ? undefined : row;
}

/** Live records among rows (tombstones dropped), bookkeeping removed. */
export function liveRecords<T>(rows: ReadonlyArray<EntityRow<T>>): T[] {
  const out: T[] = [];
  for (const row of rows) if (row.deleted !== true) out.push(toRecord(row));
  return out;
}

/** Runs `body` in one read-write transaction over `tables` and the change log; errors become RepoErrors. */
export async function writeTx<R>(ctx: RepoContext, what: string, tables: readonly EntityTableName[], body: (log: ChangeLogWriter) => Promise<R>): Promise<R> {
  try {
    return await ctx.db.transaction('rw', [...tables, 'changes'], async () => {
      const log = new ChangeLogWriter(ctx.db);
      await log.begin();
      const result = await body(log);
      await log.flush();
      return result;
    });
  } catch (error) {
    throw toRepoError(error, what);
  }
}

/** Runs a read; a row that does not open becomes RepoError('unreadable'). */
export async function readTx<R>(what: string, body: () => Promise<R>): Promise<R> {
  try {
    return await body();
  } catch (error) {
    throw toRepoError(error, what);
  }
}

/** Stamps a validated new record and logs every field; the caller adds the returned row. */
export function stageInsert<K extends EntityTableName>(
  ctx: RepoContext,
  def: EntityDef<K>,
  log: ChangeLogWriter,
  record: EntityRecords[K],
): LiveRow<EntityRecords[K]> {
  const hlc = ctx.clock.next();
  log.add(def.partition(record), hlc, fieldChanges(def.table, record.id, undefined, record, hlc));
  return { ...record, hlc } as LiveRow<EntityRecords[K]>;
}

/** Inserts one new record (inside a write transaction). */
export async function insertOne<K extends EntityTableName>(
  ctx: RepoContext,
  def: EntityDef<K>,
  log: ChangeLogWriter,
  record: EntityRecords[K],
): Promise<EntityRecords[K]> {
  // add, not put: an existing id (even a deleted one) is refused with a ConstraintError.
  await tableOf(ctx, def).add(stageInsert(ctx, def, log, record));
  return record;
}

/**
 * Applies a validated patch to the live record `id` (inside a write transaction): validates the
 * result, logs only the fields that changed, and writes nothing when nothing changed.
 */
export async function patchOne<K extends EntityTableName>(
  ctx: RepoContext,
  def: EntityDef<K>,
  log: ChangeLogWriter,
  id: string,
  patch: Readonly<Record<string, unknown>>,
): Promise<EntityRecords[K]> {
  const row = await readLive(ctx, def, id);
  if (row === undefined) throw notFound(def.what, id);
  const before = toRecord(row) as EntityRecords[K] & Record<string, unknown>;
  const next = parseRecord(def, { ...before, ...patch }) as EntityRecords[K] & Record<string, unknown>;
  if (jsonEqual(before, next)) return before;
  await checkRefs(def, [next], new Parents(ctx));
  if ('updatedAt' in before) next['updatedAt'] = Math.max(ctx.now(), before['updatedAt'] as number);
  const hlc = ctx.clock.next();
  log.add(def.partition(next), hlc, fieldChanges(def.table, id, before, next, hlc));
  await tableOf(ctx, def).put({ ...next, hlc, ...keepNewer(row) } as LiveRow<EntityRecords[K]>);
  return next;
}

/** Replaces the live record `id` by its tombstone and logs the delete (inside a write transaction). */
export async function removeOne<K extends EntityTableName>(ctx: RepoContext, def: EntityDef<K>, log: ChangeLogWriter, id: string): Promise<EntityRecords[K]> {
  const row = await readLive(ctx, def, id);
  if (row === undefined) throw notFound(def.what, id);
  const record = toRecord(row);
  const hlc = ctx.clock.next();
  log.add(def.partition(record), hlc, [{ op: 'delete', table: def.table, id, hlc }]);
  await tableOf(ctx, def).put({ ...def.tombstone(record), hlc });
  return record;
}

/** The live record `id`, or RepoError 'not-found' / 'unreadable'. */
export function getOne<K extends EntityTableName>(ctx: RepoContext, def: EntityDef<K>, id: string): Promise<EntityRecords[K]> {
  return readTx(def.what, async () => {
    const row = await readLive(ctx, def, id);
    if (row === undefined) throw notFound(def.what, id);
    return toRecord(row);
  });
}

/** The live record `id` a new record points to, or RepoError 'parent-not-found'. */
export async function requireParent<K extends EntityTableName>(ctx: RepoContext, def: EntityDef<K>, id: string): Promise<EntityRecords[K]> {
  const row = await readLive(ctx, def, id);
  if (row === undefined) {
    throw new RepoError('parent-not-found', `The ${def.what} ${id} does not exist or was deleted; nothing was saved.`);
  }
  return toRecord(row);
}

/** Looks up the records a write points to, once per id for a whole batch. */
export class Parents {
  readonly #ctx: RepoContext;
  readonly #cache = new Map<string, Promise<unknown>>();

  constructor(ctx: RepoContext) {
    this.#ctx = ctx;
  }

  /** The live record `id` of `def`'s table, or RepoError 'parent-not-found'. */
  get<K extends EntityTableName>(def: EntityDef<K>, id: string): Promise<EntityRecords[K]> {
    const key = `${def.table}|${id}`;
    let found = this.#cache.get(key) as Promise<EntityRecords[K]> | undefined;
    if (found === undefined) {
      found = requireParent(this.#ctx, def, id);
      this.#cache.set(key, found);
    }
    return found;
  }
}

/**
 * Checks the references of `records` (see EntityDef.refs): one lookup per distinct reference, so a
 * bulk write of 100 000 blocks awaits a handful of times, not once per block. (Dexie follows a
 * transaction across native awaits only up to a limit; awaiting per row loses it mid-transaction.)
 */
export async function checkRefs<K extends EntityTableName>(def: EntityDef<K>, records: ReadonlyArray<EntityRecords[K]>, parents: Parents): Promise<void> {
  if (def.refs === undefined) return;
  const checked = new Set<string>();
  for (const record of records) {
    const { projectId } = record as { projectId?: string };
    for (const ref of def.refs(record)) {
      const key = `${ref.def.table}|${ref.id}|${projectId}`;
      if (checked.has(key)) continue;
      checked.add(key);
      const target = await parents.get(ref.def, ref.id);
      if (target.projectId !== projectId) {
        throw new RepoError('parent-not-found', `The ${ref.def.what} ${ref.id} belongs to another project; nothing was saved.`);
      }
    }
  }
}

/** A new record id. */
export function newId(): string {
  return crypto.randomUUID();
}
