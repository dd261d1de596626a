/**
 * Keeps the store digest (digest.ts) current as the vault writes, with no extra read: a DBCore
 * middleware below the encryption middleware sees each stored row as it goes down, and the hashes
 * of the rows already there are held in memory since the unlock scan (`scan`), which is also what
 * the unlock check compares with the seal.
 *
 * Crash safety. Before a write's request goes down, `onSeal` gets a seal naming both the committed
 * state and the state after every write in flight, so a crash at any point leaves on disk a state
 * the last seal accepts; when the transaction completes, the new committed state is sealed.
 * An aborted transaction or a failed request changes nothing.
 */
import {
  cmp,
  type DBCore,
  type Dexie,
  type DBCoreKeyRange,
  type DBCoreMutateRequest,
  type DBCoreMutateResponse,
  type DBCoreTable,
  type DBCoreTransaction,
  type Middleware,
} from 'dexie';
import type { Sodium } from '../crypto/sodium.ts';
import { copyDigest, emptyDigest, foldRow, keyText, rowHash, type TableDigest } from './digest.ts';
import { MAX_STATES_PER_TABLE, type Seal } from './seal.ts';

export const INTEGRITY_MIDDLEWARE = 'caravan-integrity';
/** Below the encryption middleware (10), above Dexie's own (0 to 2): sees rows as stored. */
const LEVEL = 5;
// DBCoreRangeType is a const enum, not importable under isolated modules.
const RANGE_EQUAL = 1;
const RANGE_ANY = 3;
const RANGE_NEVER = 4;

interface Row {
  key: unknown;
  hash: Uint8Array;
}

/** One row written (hash) or deleted (null). */
interface Op {
  k: string;
  key: unknown;
  hash: Uint8Array | null;
}

/** One mutate request in flight. */
interface Pending {
  trans: DBCoreTransaction;
  table: string;
  ops: Op[];
}

/** A seal being made: `inFlight` says whether writes were under way (for tests and the sinks). */
export type SealListener = (seal: Seal, inFlight: boolean) => void;

export class IntegrityTracker {
  readonly #sodium: Sodium;
  readonly #key: Uint8Array;
  readonly #vaultId: string;
  readonly #rows = new Map<string, Map<string, Row>>();
  readonly #digests = new Map<string, TableDigest>();
  #pending: Pending[] = [];
  readonly #watched = new WeakSet<object>();
  #counter = 0;
  #down: DBCore | undefined;
  #listener: SealListener | undefined;

  constructor(sodium: Sodium, integrityKey: Uint8Array, vaultId: string) {
    this.#sodium = sodium;
    this.#key = integrityKey;
    this.#vaultId = vaultId;
  }

  /** For `db.use()` before the database opens. */
  middleware(): Middleware<DBCore> {
    return {
      stack: 'dbcore',
      name: INTEGRITY_MIDDLEWARE,
      level: LEVEL,
      create: (down) => {
        this.#down = down;
        return { ...down, table: (name) => this.#table(down.table(name)) };
      },
    };
  }

  /**
   * Reads every row of every table as stored and makes that the committed state; returns the
   * digests. Call once, after open and before any write (the unlock check).
   */
  async scan(db: Dexie): Promise<ReadonlyMap<string, TableDigest>> {
    const down = this.#down;
    if (down === undefined) throw new Error('IntegrityTracker.scan() before the database opened');
    const names = down.schema.tables.map((t) => t.name);
    this.#rows.clear();
    this.#digests.clear();
    // In a Dexie transaction (Dexie's own middleware below expects one), reading below the encryption.
    await db.transaction('r', names, async (tx) => {
      const trans = (tx as unknown as { idbtrans: DBCoreTransaction }).idbtrans;
      for (const name of names) {
        const table = down.table(name);
        const { primaryKey } = table.schema;
        const { result } = await table.query({ trans, values: true, query: { index: primaryKey, range: { type: RANGE_ANY } as DBCoreKeyRange } });
        const rows = new Map<string, Row>();
        const digest = emptyDigest();
        for (const row of result) {
          const key = primaryKey.extractKey?.(row);
          const hash = rowHash(this.#sodium, this.#key, name, key, row);
          rows.set(keyText(key), { key, hash });
          foldRow(digest, hash, 1);
        }
        this.#rows.set(name, rows);
        this.#digests.set(name, digest);
      }
    });
    return this.committed();
  }

  /** The committed digests (copies). */
  committed(): ReadonlyMap<string, TableDigest> {
    return new Map([...this.#digests].map(([name, d]) => [name, copyDigest(d)]));
  }

  /** Seals from here on continue after `counter` (the newest seal found at unlock). */
  continueAfter(counter: number): void {
    this.#counter = Math.max(this.#counter, counter);
  }

  /** Told about every seal; the session writes them to main and to the meta store. */
  onSeal(listener: SealListener | undefined): void {
    this.#listener = listener;
  }

  /** Seals the current state now (after the unlock check). */
  sealNow(): Seal {
    return this.#emit();
  }

  #table(down: DBCoreTable): DBCoreTable {
    const name = down.name;
    return {
      ...down,
      mutate: (req) => {
        const pending: Pending = { trans: req.trans, table: name, ops: this.#ops(down, req) };
        if (pending.ops.length === 0) return down.mutate(req);
        this.#watch(req.trans);
        this.#pending.push(pending);
        // Sealed before the request goes down: whatever a crash leaves, the seal names it.
        this.#emit();
        return down.mutate(req).then(
          (res) => {
            this.#dropFailures(pending, req, res);
            return res;
          },
          (error: unknown) => {
            pending.ops = [];
            throw error;
          },
        );
      },
    };
  }

  #ops(down: DBCoreTable, req: DBCoreMutateRequest): Op[] {
    const name = down.name;
    switch (req.type) {
      case 'add':
      case 'put': {
        const extract = down.schema.primaryKey.extractKey;
        return req.values.map((value, i) => {
          const key = req.keys?.[i] ?? extract?.(value);
          return { k: keyText(key), key, hash: rowHash(this.#sodium, this.#key, name, key, value) };
        });
      }
      case 'delete':
        return req.keys.map((key) => ({ k: keyText(key), key, hash: null }));
      case 'deleteRange':
        return this.#keysIn(name, req.range).map((key) => ({ k: keyText(key), key, hash: null }));
    }
  }

  /** Keys of rows in a range, as this device knows them (committed, and written by writes in flight). */
  #keysIn(table: string, range: DBCoreKeyRange): unknown[] {
    if (range.type === RANGE_NEVER) return [];
    const keys = new Map<string, unknown>();
    for (const row of this.#rows.get(table)?.values() ?? []) keys.set(keyText(row.key), row.key);
    for (const p of this.#pending) if (p.table === table) for (const op of p.ops) if (op.hash) keys.set(op.k, op.key);
    return [...keys.values()].filter((key) => inRange(key, range));
  }

  /** Rows a request did not write (an `add` of an existing key) leave the committed state alone. */
  #dropFailures(pending: Pending, req: DBCoreMutateRequest, res: DBCoreMutateResponse): void {
    if (res.numFailures === 0 || req.type === 'deleteRange') return;
    pending.ops = pending.ops.filter((_, i) => !(i in res.failures));
  }

  #watch(trans: DBCoreTransaction): void {
    const target = trans as DBCoreTransaction & Partial<Pick<EventTarget, 'addEventListener'>>;
    if (this.#watched.has(trans) || typeof target.addEventListener !== 'function') return;
    this.#watched.add(trans);
    target.addEventListener('complete', () => this.#settle(trans, true));
    target.addEventListener('abort', () => this.#settle(trans, false));
  }

  #settle(trans: DBCoreTransaction, committed: boolean): void {
    const mine = this.#pending.filter((p) => p.trans === trans);
    this.#pending = this.#pending.filter((p) => p.trans !== trans);
    if (committed) for (const p of mine) this.#apply(p);
    this.#emit();
  }

  #apply(pending: Pending): void {
    let rows = this.#rows.get(pending.table);
    if (!rows) this.#rows.set(pending.table, (rows = new Map()));
    let digest = this.#digests.get(pending.table);
    if (!digest) this.#digests.set(pending.table, (digest = emptyDigest()));
    const committed = rows;
    applyOps(
      pending.ops,
      digest,
      (k) => committed.get(k),
      (k, row) => (row ? committed.set(k, row) : committed.delete(k)),
    );
  }

  /** The committed state, then for each table the states after each write in flight on it, in order. */
  #emit(): Seal {
    const tables = new Map<string, TableDigest[]>();
    for (const [name, digest] of this.#digests) tables.set(name, [copyDigest(digest)]);
    // Replayed on an overlay of the rows writes in flight touch: no copy of a whole table.
    const overlays = new Map<string, { rows: Map<string, Row | null>; digest: TableDigest }>();
    for (const p of this.#pending) {
      let overlay = overlays.get(p.table);
      if (!overlay) overlays.set(p.table, (overlay = { rows: new Map(), digest: copyDigest(this.#digests.get(p.table) ?? emptyDigest()) }));
      const { rows } = overlay;
      const committed = this.#rows.get(p.table);
      applyOps(
        p.ops,
        overlay.digest,
        (k) => (rows.has(k) ? (rows.get(k) ?? undefined) : committed?.get(k)),
        (k, row) => rows.set(k, row ?? null),
      );
      const states = tables.get(p.table) ?? [emptyDigest()];
      states.push(copyDigest(overlay.digest));
      // The committed state stays first; past the bound the oldest in-flight state goes.
      if (states.length > MAX_STATES_PER_TABLE) states.splice(1, 1);
      tables.set(p.table, states);
    }
    const seal: Seal = { vaultId: this.#vaultId, counter: ++this.#counter, tables };
    this.#listener?.(seal, this.#pending.length > 0);
    return seal;
  }
}

function applyOps(ops: readonly Op[], digest: TableDigest, get: (k: string) => Row | undefined, set: (k: string, row: Row | undefined) => void): void {
  for (const op of ops) {
    const old = get(op.k);
    if (old) foldRow(digest, old.hash, -1);
    if (op.hash) {
      const row = { key: op.key, hash: op.hash };
      set(op.k, row);
      foldRow(digest, op.hash, 1);
    } else set(op.k, undefined);
  }
}

function inRange(key: unknown, range: DBCoreKeyRange): boolean {
  if (range.type === RANGE_ANY) return true;
  if (range.type === RANGE_EQUAL) return cmp(key, range.lower) === 0;
  if (range.lower !== undefined) {
    const c = cmp(key, range.lower);
    if (c < 0 || (c === 0 && range.lowerOpen)) return false;
  }
  if (range.upper !== undefined) {
    const c = cmp(key, range.upper);
    if (c > 0 || (c === 0 && range.upperOpen)) return false;
  }
  return true;
}
