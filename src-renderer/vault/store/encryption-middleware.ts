/**
 * The DBCore middleware that keeps every encrypted table's rows as `{ <clear fields>, v, ct }` on
 * disk and hands decrypted records to everything above it.
 *
 * It sits at Dexie's default level (10), above Dexie's own layers (hooks, cache, observability),
 * so those only ever see stored rows: Dexie's module-level liveQuery cache, which outlives
 * `db.close()`, holds ciphertext, never plaintext.
 *
 * Writes (add, put): every value is sealed synchronously in one loop, then one request goes down.
 * `updates` and `changeSpec` (plaintext field values Dexie attaches to modify/upsert requests for
 * sync add-ons) are dropped; the full new values are always present and are what gets stored.
 * delete and deleteRange carry keys only and pass through.
 *
 * Reads. A row that does not open is never returned as data; it is reported through
 * `onUnreadable(table, key, error)` and then:
 * - get: throws the VaultError (a direct read of one record must not look like "not found");
 * - getMany (bulkGet, and Collection.modify / Table.update, which read through it): throws the
 *   first VaultError after reporting all, so a modify never rewrites or deletes a row it could not read;
 * - query and cursors with values (toArray, each, filter, first, limit, offset): the row is left
 *   out; a limited query reads further so that it still returns `limit` readable rows when they exist;
 * - keys-only reads (primaryKeys, keys, count) do not decrypt and include such rows: keys and index
 *   values are stored in clear anyway, and this is what lets a client's rows be deleted by index
 *   after its key was destroyed. So `count()` can exceed `toArray().length` by exactly the rows reported.
 */
import type { DBCore, DBCoreGetManyRequest, DBCoreMutateRequest, DBCoreQueryRequest, DBCoreQueryResponse, DBCoreTable, Middleware } from 'dexie';
import { VaultError } from '../crypto/errors.ts';
import type { KeyRing } from './key-ring.ts';
import { type Opened, readableCursor } from './readable-cursor.ts';
import { openRow, sealRow } from './row-codec.ts';
import { ENCRYPTED_TABLES, type EncryptedTableSpec } from './schema.ts';

/** A stored row that did not open, as reported to the UI (ids only, never content). */
export interface UnreadableRow {
  table: string;
  /** Primary key of the row. */
  key: unknown;
  /** 'record-corrupt' (damaged, moved, relabelled) or 'record-key-missing' (key destroyed or not loaded). */
  error: VaultError;
}

/** Called once per unreadable row per read. It must not throw; the UI typically counts and shows a banner. */
export type UnreadableHandler = (row: UnreadableRow) => void;

/** Name under which the middleware is registered (`db.unuse` takes it). */
export const ENCRYPTION_MIDDLEWARE = 'caravan-encryption';

/** The middleware for `db.use()`; `tables` defaults to the vault's (tests pass others). */
export function encryptionMiddleware(
  keyRing: KeyRing,
  onUnreadable: UnreadableHandler,
  tables: Readonly<Record<string, EncryptedTableSpec>> = ENCRYPTED_TABLES,
): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: ENCRYPTION_MIDDLEWARE,
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        const spec = Object.hasOwn(tables, name) ? tables[name] : undefined;
        return spec === undefined ? table : encryptedTable(table, spec, keyRing, report(onUnreadable));
      },
    }),
  };
}

function report(onUnreadable: UnreadableHandler): UnreadableHandler {
  return (row) => {
    try {
      onUnreadable(row);
    } catch (error) {
      // A broken handler must not turn a read into a failure, nor be swallowed: rethrow it out of band.
      queueMicrotask(() => {
        throw error;
      });
    }
  };
}

function encryptedTable(down: DBCoreTable, spec: EncryptedTableSpec, keyRing: KeyRing, onUnreadable: UnreadableHandler): DBCoreTable {
  const name = down.name;

  /** Opens a stored row, or reports it (once per `seen` set) and says it did not open. */
  function open(stored: unknown, key: unknown, seen?: Set<unknown>): Opened & { error?: VaultError } {
    try {
      return { ok: true, value: openRow(name, spec, stored, keyRing) };
    } catch (error) {
      if (!(error instanceof VaultError)) throw error;
      if (seen === undefined || !seen.has(key)) {
        seen?.add(key);
        onUnreadable({ table: name, key, error });
      }
      return { ok: false, error };
    }
  }

  function mutate(req: DBCoreMutateRequest) {
    if (req.type !== 'add' && req.type !== 'put') return down.mutate(req);
    let values: unknown[];
    try {
      values = req.values.map((value) => sealRow(name, spec, value, keyRing));
    } catch (error) {
      return Promise.reject(error);
    }
    return req.type === 'add' ? down.mutate({ ...req, values }) : down.mutate({ ...req, values, updates: undefined, changeSpec: undefined });
  }

  function getMany(req: DBCoreGetManyRequest) {
    return down.getMany(req).then((rows) => {
      let failure: VaultError | undefined;
      const result = rows.map((row, i) => {
        if (row === undefined) return undefined;
        const opened = open(row, req.keys[i]);
        if (opened.ok) return opened.value;
        failure ??= opened.error;
        return undefined;
      });
      if (failure !== undefined) throw failure;
      return result;
    });
  }

  function query(req: DBCoreQueryRequest): Promise<DBCoreQueryResponse> {
    if (!req.values) return down.query(req);
    const wanted = req.limit !== undefined && Number.isFinite(req.limit) ? req.limit : undefined;
    const seen = new Set<unknown>();
    const primaryKey = down.schema.primaryKey;
    const attempt = (limit: number | undefined): Promise<DBCoreQueryResponse> =>
      down.query(limit === undefined ? req : { ...req, limit }).then(({ result: rows }) => {
        const result: unknown[] = [];
        for (const row of rows) {
          const opened = open(row, primaryKey.extractKey?.(row), seen);
          if (opened.ok) result.push(opened.value);
        }
        if (wanted === undefined || limit === undefined) return { result };
        // A full page with rows left out: readable rows may follow, so read a longer page
        // (doubling, so that a long run of unreadable rows costs a few re-reads, not one each).
        if (result.length < wanted && rows.length === limit) return attempt(Math.max(2 * limit, limit + wanted - result.length));
        return { result: result.length > wanted ? result.slice(0, wanted) : result };
      });
    return attempt(wanted);
  }

  return {
    ...down,
    mutate,
    get: (req) =>
      down.get(req).then((row) => {
        if (row === undefined) return undefined;
        const opened = open(row, req.key);
        if (!opened.ok) throw opened.error;
        return opened.value;
      }),
    getMany,
    query,
    openCursor: (req) =>
      req.values ? down.openCursor(req).then((cursor) => cursor && readableCursor(cursor, (value, key) => open(value, key))) : down.openCursor(req),
  };
}
