/**
 * The shapes the vault's Dexie tables hold *above* the encryption middleware, i.e. what
 * `db.<table>.get()` returns and `put()` takes. Below the middleware every row is
 * `{ <clear fields>, v, ct }` (see schema.ts); nothing here is ever stored in clear unless
 * schema.ts says so.
 */
import type { Client } from '../../domain/client.ts';
import type { Experiment } from '../../domain/experiment.ts';
import type { Expense } from '../../domain/expense.ts';
import type { Invoice } from '../../domain/invoice.ts';
import type { KillSwitch } from '../../domain/kill-switch.ts';
import type { Phase } from '../../domain/phase.ts';
import type { PresenceDay, Trip } from '../../domain/presence.ts';
import type { Project } from '../../domain/project.ts';
import type { Setting } from '../../domain/setting.ts';
import type { TimeBlock } from '../../domain/time-block.ts';

/** Bookkeeping the repositories add to every record; encrypted with it. */
export interface RowMeta {
  /** Encoded HLC (32 hex characters) of the last write to this row. */
  hlc: string;
}

/** A record as stored: the domain record plus its bookkeeping. */
export type LiveRow<T> = T & RowMeta & { deleted?: undefined };

/**
 * What a deleted record leaves behind: its id, the owner needed to pick its key, and the HLC of
 * the delete, so that sync can refuse an older remote change instead of resurrecting the record.
 * Names, notes, amounts and even the project link are gone.
 */
export interface Tombstone extends RowMeta {
  id: string;
  /** Owner of the key the tombstone is encrypted with; absent for clients (their own id) and settings. */
  clientId?: string;
  deleted: true;
}

/** A row of an entity table: the record, or its tombstone. */
export type EntityRow<T> = LiveRow<T> | Tombstone;

/** Each entity table and the record type it stores. */
export interface EntityRecords {
  clients: Client;
  projects: Project;
  phases: Phase;
  timeBlocks: TimeBlock;
  experiments: Experiment;
  expenses: Expense;
  killSwitches: KillSwitch;
  /** Invoice documents (drafts and issued invoices and credit notes), in their client's partition. */
  invoices: Invoice;
  /** The presence ledger's trips (a stretch of days in one country), in the workspace partition. */
  trips: Trip;
  /** The person's own word for one day (id = the day), in the workspace partition. */
  presenceDays: PresenceDay;
  settings: Setting;
}

/** Name of an entity table. */
export type EntityTableName = keyof EntityRecords;

/** A change log partition: one per client (its data key) plus the workspace. */
export type Partition = 'workspace' | `client:${string}`;

/** One field of one record set to a value. `field` is a top-level property; nested objects change whole. */
export interface SetChange {
  op: 'set';
  table: EntityTableName;
  id: string;
  field: string;
  value: unknown;
  hlc: string;
}

/** One optional field of one record removed (JSON has no `undefined`, so this is explicit). */
export interface UnsetChange {
  op: 'unset';
  table: EntityTableName;
  id: string;
  field: string;
  hlc: string;
}

/** A record deleted; later changes to it with a lower HLC must not bring it back. */
export interface DeleteChange {
  op: 'delete';
  table: EntityTableName;
  id: string;
  hlc: string;
}

/** A field-level change, the unit sync ships and merges (per table, id, field: highest HLC wins). */
export type Change = SetChange | UnsetChange | DeleteChange;

/** One write in the local change log: all the field changes of one record under one HLC. */
export interface ChangeEntry {
  /** Position in the local log; allocated by the writer inside the write's transaction (see schema.ts). */
  seq: number;
  partition: Partition;
  /** HLC of the write; every change in `changes` carries the same one. */
  hlc: string;
  changes: Change[];
  /**
   * Set when sync applied these changes from another device (its device id): they are logged so
   * the merge state can be rebuilt after a restart, and never pushed again as this device's own.
   */
  origin?: string;
}

/**
 * A client data key, wrapped (keys.ts layout, 73 bytes); not encrypted again. With `epoch`, under
 * that epoch's clientWrap subkey (version 2 associated data); without, a version 1 wrap under the
 * root key, which still loads and is rewrapped at the next unlock.
 */
export interface ClientKeyRow {
  clientId: string;
  wrapped: Uint8Array;
  epoch?: string;
}
