/**
 * The vault's Dexie schema and, beside it, what each table keeps in clear.
 *
 * A stored row is `{ <clear fields>, v, ct }`:
 * - clear fields: the primary key, foreign keys a query or the key choice needs, and coarse
 *   buckets for range queries, each justified in docs/threat-model.md ("Stored in clear");
 * - `v`: the schema version of the encrypted record, needed to rebuild the associated data
 *   before decrypting and to migrate old records later;
 * - `ct`: record-cipher.ts ciphertext of the whole record (clear fields included), with
 *   associated data `table|adId|v|keyId`.
 * On read the middleware recomputes the clear fields from the decrypted record and refuses the row
 * if they differ, so editing a clear field (moving a block to another project or day) is detected.
 *
 * The HLC is not stored in clear: it would give every row's last write time to the millisecond
 * (for time blocks, when the timer stopped), which the day bucket exists to avoid. No query needs it.
 */
import type { Dexie, Table } from 'dexie';
import { CLIENT_VERSION } from '../../domain/client.ts';
import { utcDay } from '../../domain/common.ts';
import { EXPERIMENT_VERSION } from '../../domain/experiment.ts';
import { EXPENSE_VERSION } from '../../domain/expense.ts';
import { INVOICE_VERSION } from '../../domain/invoice.ts';
import { KILL_SWITCH_VERSION } from '../../domain/kill-switch.ts';
import { PHASE_VERSION } from '../../domain/phase.ts';
import { PRESENCE_DAY_VERSION, TRIP_VERSION } from '../../domain/presence.ts';
import { PROJECT_VERSION } from '../../domain/project.ts';
import { SETTING_VERSION } from '../../domain/setting.ts';
import { TIME_BLOCK_VERSION } from '../../domain/time-block.ts';
import type { ChangeEntry, ClientKeyRow, EntityRecords, EntityRow, EntityTableName } from './rows.ts';

/**
 * Dexie (IndexedDB) version of the vault database: 2 added the `invoices` table, 3 the presence
 * ledger's `trips` and `presenceDays`.
 */
export const STORE_VERSION = 3;

/** Schema version of a change log entry's encrypted payload. */
export const CHANGE_LOG_VERSION = 1;

/**
 * Dexie index declarations, version 3 (version 2 without `trips` and `presenceDays`, version 1 also
 * without `invoices`). Only clear fields appear here.
 * - `clientId` on every client-owned table: erasing a client deletes its rows by index.
 * - `timeBlocks.day` (UTC day number of `start`): the Today view and the time table fetch a day
 *   range; `[projectId+day]` serves "blocks of a project" and "of a project in a range".
 * - `changes.seq` is allocated by the writer (not auto-increment) so that the ciphertext can bind
 *   it; `[partition+seq]` lets sync read one partition in order from a position.
 * - `clientKeys` holds wrapped keys, which are already ciphertext; it bypasses the middleware.
 */
export const STORES: Readonly<Record<EntityTableName | 'changes' | 'clientKeys', string>> = {
  clients: 'id',
  projects: 'id, clientId',
  phases: 'id, clientId, projectId',
  timeBlocks: 'id, clientId, day, [projectId+day]',
  experiments: 'id, clientId, projectId',
  expenses: 'id, clientId, projectId',
  killSwitches: 'id, clientId, projectId',
  invoices: 'id, clientId',
  // The ledger's: the id alone. A presence day's id is its day, so a range of days is a key range.
  trips: 'id',
  presenceDays: 'id',
  settings: 'id',
  changes: 'seq, [partition+seq]',
  clientKeys: 'clientId',
};

/**
 * Version 2's declarations, kept so that Dexie can upgrade a version 2 database: version 3 only
 * adds two tables, so, as for version 2, no row is rewritten and the upgrade needs no key.
 */
export const STORES_V2: Readonly<Record<Exclude<EntityTableName, 'trips' | 'presenceDays'> | 'changes' | 'clientKeys', string>> = {
  clients: 'id',
  projects: 'id, clientId',
  phases: 'id, clientId, projectId',
  timeBlocks: 'id, clientId, day, [projectId+day]',
  experiments: 'id, clientId, projectId',
  expenses: 'id, clientId, projectId',
  killSwitches: 'id, clientId, projectId',
  invoices: 'id, clientId',
  settings: 'id',
  changes: 'seq, [partition+seq]',
  clientKeys: 'clientId',
};

/**
 * Version 1's declarations, kept so that Dexie can upgrade a version 1 database: version 2 only
 * adds a table, so no row is rewritten (the upgrade opens no ciphertext and needs no key).
 */
export const STORES_V1: Readonly<Record<Exclude<EntityTableName, 'invoices' | 'trips' | 'presenceDays'> | 'changes' | 'clientKeys', string>> = {
  clients: 'id',
  projects: 'id, clientId',
  phases: 'id, clientId, projectId',
  timeBlocks: 'id, clientId, day, [projectId+day]',
  experiments: 'id, clientId, projectId',
  expenses: 'id, clientId, projectId',
  killSwitches: 'id, clientId, projectId',
  settings: 'id',
  changes: 'seq, [partition+seq]',
  clientKeys: 'clientId',
};

/** The key id of the workspace subkey; client keys are `client:<clientId>`. */
export const WORKSPACE_KEY_ID = 'workspace';

/** How one encrypted table splits a record into clear fields and ciphertext. */
export interface EncryptedTableSpec {
  /** Schema version written now; older stored versions are upgraded on read by `upgrade`. */
  readonly version: number;
  /**
   * Turns a record decrypted at an older schema version into one of `version`. Absent: older
   * versions are refused as damaged. The stored row keeps its old version (and the associated data
   * it was sealed with) until the record is next written.
   */
  upgrade?(record: Record<string, unknown>, fromVersion: number): Record<string, unknown>;
  /** Every field that may be stored in clear beside `v` and `ct`. */
  readonly clearFields: readonly string[];
  /** The clear fields of a record, computed from the full record; throws TypeError on a malformed one. */
  clear(record: Readonly<Record<string, unknown>>): ClearFields;
  /** Which key encrypts the row, from its clear fields (known before decrypting). */
  keyId(clear: Readonly<Record<string, unknown>>): string;
  /** The id bound into the associated data, from the clear fields. */
  adId(clear: Readonly<Record<string, unknown>>): string;
}

/** The clear part of a row: field name to index value. */
export type ClearFields = Partial<Record<string, string | number>>;

function text(record: Readonly<Record<string, unknown>>, field: string): string {
  const value = record[field];
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`${field} must be a non-empty string`);
  return value;
}

function isTombstone(record: Readonly<Record<string, unknown>>): boolean {
  return record['deleted'] === true;
}

const clientKey = (clear: Readonly<Record<string, unknown>>): string => `client:${text(clear, 'clientId')}`;
const byId = (clear: Readonly<Record<string, unknown>>): string => text(clear, 'id');

/** A table owned by a client through `clientId`, indexed by `projectId` while live. */
function projectChild(version: number): EncryptedTableSpec {
  return {
    version,
    clearFields: ['id', 'clientId', 'projectId'],
    clear: (r) =>
      isTombstone(r)
        ? { id: text(r, 'id'), clientId: text(r, 'clientId') }
        : { id: text(r, 'id'), clientId: text(r, 'clientId'), projectId: text(r, 'projectId') },
    keyId: clientKey,
    adId: byId,
  };
}

/** A workspace table found by id only: settings and the presence ledger. */
function workspaceTable(version: number): EncryptedTableSpec {
  return { version, clearFields: ['id'], clear: (r) => ({ id: text(r, 'id') }), keyId: () => WORKSPACE_KEY_ID, adId: byId };
}

/** Every table the middleware encrypts. */
export const ENCRYPTED_TABLES: Readonly<Record<EntityTableName | 'changes', EncryptedTableSpec>> = {
  clients: {
    version: CLIENT_VERSION,
    clearFields: ['id'],
    clear: (r) => ({ id: text(r, 'id') }),
    // A client row is encrypted under its own data key: erasing the client erases its name too.
    keyId: (clear) => `client:${text(clear, 'id')}`,
    adId: byId,
  },
  projects: {
    version: PROJECT_VERSION,
    clearFields: ['id', 'clientId'],
    clear: (r) => ({ id: text(r, 'id'), clientId: text(r, 'clientId') }),
    keyId: clientKey,
    adId: byId,
    // v2 added the project's terms (success metric, data requirements, IP, bias testing), all
    // optional: a v1 record is a valid v2 record as it is.
    upgrade: (record) => record,
  },
  phases: projectChild(PHASE_VERSION),
  timeBlocks: {
    version: TIME_BLOCK_VERSION,
    clearFields: ['id', 'clientId', 'projectId', 'day'],
    clear: (r) => {
      if (isTombstone(r)) return { id: text(r, 'id'), clientId: text(r, 'clientId') };
      const start = r['start'];
      if (typeof start !== 'number' || !Number.isSafeInteger(start)) throw new TypeError('start must be an integer');
      return { id: text(r, 'id'), clientId: text(r, 'clientId'), projectId: text(r, 'projectId'), day: utcDay(start) };
    },
    keyId: clientKey,
    adId: byId,
  },
  experiments: projectChild(EXPERIMENT_VERSION),
  // v2 added categories: a v1 record is a valid v2 record as it is.
  expenses: { ...projectChild(EXPENSE_VERSION), upgrade: (record) => record },
  killSwitches: projectChild(KILL_SWITCH_VERSION),
  // An invoice document names the client: under the client's key, found by client only. Its
  // number, dates, state and amounts stay encrypted (the register, a workspace setting, holds them
  // encrypted too); nothing here queries by them.
  invoices: {
    version: INVOICE_VERSION,
    clearFields: ['id', 'clientId'],
    clear: (r) => ({ id: text(r, 'id'), clientId: text(r, 'clientId') }),
    keyId: clientKey,
    adId: byId,
  },
  // The presence ledger is the person's own record, not a client's: workspace key, id in clear. A
  // trip's id is random; a presence day's id IS its day ('YYYY-MM-DD'), so which days were
  // corrected shows, but never where the person was (docs/threat-model.md).
  trips: workspaceTable(TRIP_VERSION),
  presenceDays: workspaceTable(PRESENCE_DAY_VERSION),
  settings: {
    version: SETTING_VERSION,
    clearFields: ['id'],
    clear: (r) => ({ id: text(r, 'id') }),
    keyId: () => WORKSPACE_KEY_ID,
    adId: byId,
  },
  changes: {
    version: CHANGE_LOG_VERSION,
    clearFields: ['seq', 'partition'],
    clear: (r) => {
      const seq = r['seq'];
      if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) throw new TypeError('seq must be a positive integer');
      return { seq, partition: partitionOf(r) };
    },
    keyId: (clear) => partitionOf(clear),
    adId: (clear) => String(clear['seq']),
  },
};

function partitionOf(record: Readonly<Record<string, unknown>>): string {
  const partition = text(record, 'partition');
  if (partition !== WORKSPACE_KEY_ID && !(partition.startsWith('client:') && partition.length > 'client:'.length)) {
    throw new TypeError(`unknown partition "${partition}"`);
  }
  return partition;
}

/** The vault database as the repositories see it: decrypted rows, typed per table. */
export type VaultDb = Dexie & { readonly [T in EntityTableName]: Table<EntityRow<EntityRecords[T]>, string> } & {
  readonly changes: Table<ChangeEntry, number>;
  readonly clientKeys: Table<ClientKeyRow, string>;
};
