/**
 * The merge state of one partition: a last-writer-wins register per (table, id, field) plus a
 * record tombstone per (table, id), ordered by HLC. Pure data and functions: no Dexie, no I/O.
 *
 * Rules (docs/sync-merge.md explains why they converge):
 *
 * - Field writes. Per (table, id, field) the write (`set` or `unset`) with the highest HLC wins.
 *   `unset` is a field tombstone: it competes by HLC exactly like a `set` and, when it wins, the
 *   field is absent.
 * - Record tombstone. Per (table, id) the tombstone is the highest HLC of all its `delete`s.
 * - DELETE RULE. A field write is visible iff its HLC is strictly greater than the record's
 *   tombstone (if any). A record is live iff at least one of its fields' winning write is a visible
 *   `set`; the live record holds exactly those fields. So a delete hides every write at or before
 *   it (a tie goes to the delete), and only writes after it can bring the record back, with only
 *   the fields they wrote. An `unset` alone never brings a record back.
 *
 * Equivalently: the materialized state is what you get by replaying every change on one machine in
 * HLC order (delete = drop the whole record, set/unset = change one field), where a record with no
 * field left does not exist.
 *
 * Writes at or before the tombstone can never become visible again (the tombstone only grows), so
 * they are dropped from the state rather than kept hidden: a delete really erases the values. The
 * state after any set of changes is therefore canonical: for each field, the highest-HLC write
 * among those after the tombstone; it does not depend on the order, grouping or repetition in which
 * the changes arrived (applyChange is commutative, associative and idempotent on the state itself,
 * not only on its materialization).
 *
 * Mutability: a MergeState is MUTABLE; `applyChange` updates it in place (fast for large
 * partitions). Use `cloneState` for an independent copy. Field values are stored by reference and
 * must be treated as immutable JSON values; neither `cloneState` nor `materialize` copies them.
 *
 * INVOICE RULE (table `invoices` only; an issued invoice or credit note never changes). Issuing writes
 * the whole document under one HLC (every field set or unset, `state: 'issued'` among them). Once a
 * record's winning `state` is `issued` at HLC h (the record is SEALED at h): every field write above
 * h and every delete are refused, as is a second issue above h. An issue below h (two devices
 * issued one numbered draft) seals the record there instead: the writes above it are dropped, so
 * the earliest issue wins on every replica. Sealing also lifts the record's tombstone: a draft
 * deleted offline does not hide the invoice issued from it. Writes below h lose to the issue's own
 * writes of the same fields. The rule needs the `state: 'issued'` write of an issue applied before
 * its other fields when they arrive together ({@link issueFirst}; `applyChanges` and the vault's
 * remote apply do it), since those may otherwise lose to a later offline edit that the seal then drops.
 *
 * Equal HLCs: two different changes never share an HLC in practice (the node id is part of it and
 * one write stamps each field once). Re-applying the same change is a no-op. Should two different
 * writes to one field ever carry the same HLC, a fixed order still picks the same winner on every
 * replica (`unset` < `set`, then sets by their canonical JSON), so convergence does not depend on
 * the assumption.
 */
import type { Change, EntityTableName } from '../../vault/store/rows.ts';
import { jsonValueProblem } from '../segment/canonical-json.ts';

/** The winning write of one field: a value, or an explicit absence (`unset`). */
export type FieldWrite = { readonly hlc: string; readonly op: 'set'; readonly value: unknown } | { readonly hlc: string; readonly op: 'unset' };

/** Everything the state keeps about one record. */
export interface RecordState {
  /** Highest HLC of any `delete` of this record, if any. */
  tombstone: string | undefined;
  /** Winning write per field, only writes with an HLC above `tombstone`. */
  readonly fields: Map<string, FieldWrite>;
}

/** The merge state of one partition: table → id → record state. Mutable; see the module comment. */
export interface MergeState {
  readonly tables: Map<string, Map<string, RecordState>>;
}

/** A live record: field name → value. */
export type MaterializedRecord = Record<string, unknown>;

/** Live records by table and id; tables without a live record are omitted. */
export type Materialized = Record<string, Record<string, MaterializedRecord>>;

/** What `readRecord` finds. `hlc` is the last visible write (live) or the tombstone (deleted). */
export type RecordView =
  | { readonly status: 'live'; readonly record: MaterializedRecord; readonly hlc: string }
  | { readonly status: 'deleted'; readonly hlc: string }
  | { readonly status: 'absent' };

/** Why a change was refused. */
export class MergeError extends Error {
  override readonly name = 'MergeError';
}

/** Every entity table; typed as a complete record so that a new table fails to compile here. */
const TABLE_NAMES: Readonly<Record<EntityTableName, true>> = {
  clients: true,
  projects: true,
  phases: true,
  timeBlocks: true,
  experiments: true,
  expenses: true,
  killSwitches: true,
  invoices: true,
  trips: true,
  presenceDays: true,
  settings: true,
};
const TABLES: ReadonlySet<string> = new Set(Object.keys(TABLE_NAMES));
const ENCODED_HLC_RE = /^[0-9a-f]{32}$/;
/** What a table a newer Caravan added may be called: this version's own names have this shape. */
const NEWER_TABLE_RE = /^[a-z][A-Za-z0-9]{0,63}$/;

/** True for the tables this version of Caravan knows (and has local tables for). */
export function isKnownTable(table: string): table is EntityTableName {
  return TABLES.has(table);
}

/** What `validateChange` accepts besides this version's own changes. */
export interface ValidateOptions {
  /**
   * Accept a table this version does not know (a newer Caravan added it): sync keeps and passes
   * such changes on without applying them to a local table. Bundles and local writes refuse them.
   */
  readonly newerTables?: boolean;
}

/** An empty state. */
export function createState(): MergeState {
  return { tables: new Map() };
}

/** An independent copy of `state` (maps copied, field values shared: they are immutable). */
export function cloneState(state: MergeState): MergeState {
  const tables = new Map<string, Map<string, RecordState>>();
  for (const [table, records] of state.tables) {
    const copy = new Map<string, RecordState>();
    for (const [id, record] of records) copy.set(id, { tombstone: record.tombstone, fields: new Map(record.fields) });
    tables.set(table, copy);
  }
  return { tables };
}

/** Nesting allowed in a field value; the app writes flat values and short lists. */
const MAX_VALUE_DEPTH = 64;

/**
 * Checks that `change` is well-formed (known op and table, string id and field, canonical
 * 32-hex HLC, a set's value defined, finite and at most 64 levels deep); throws MergeError otherwise. Returns it, typed.
 * With `newerTables`, a table this version does not know passes if its name has a table's shape.
 */
export function validateChange(change: unknown, options: ValidateOptions = {}): Change {
  if (typeof change !== 'object' || change === null) throw new MergeError('A change is not an object.');
  const c = change as Record<string, unknown>;
  const op = c['op'];
  if (op !== 'set' && op !== 'unset' && op !== 'delete') throw new MergeError(`Unknown change op ${String(op)}.`);
  const table = c['table'];
  if (typeof table !== 'string' || !(TABLES.has(table) || (options.newerTables === true && NEWER_TABLE_RE.test(table)))) {
    throw new MergeError(`Unknown table ${String(table)}.`);
  }
  if (typeof c['id'] !== 'string' || c['id'] === '') throw new MergeError('A change has no record id.');
  if (typeof c['hlc'] !== 'string' || !ENCODED_HLC_RE.test(c['hlc'])) {
    throw new MergeError(`A change carries an invalid HLC ${String(c['hlc'])}.`);
  }
  if (op !== 'delete' && (typeof c['field'] !== 'string' || c['field'] === '')) throw new MergeError('A field change has no field.');
  if (op === 'set' && c['value'] === undefined) throw new MergeError('A set change has no value.');
  // A value parsed from a segment, snapshot or bundle: 1e400 (Infinity) or deep nesting would make
  // every later canonical serialisation (snapshots, tie-breaks) throw, so it is refused here.
  const problem = op === 'set' ? jsonValueProblem(c['value'], MAX_VALUE_DEPTH) : null;
  if (problem !== null) throw new MergeError(`The value of ${String(c['table'])}.${String(c['field'])} holds ${problem}.`);
  return change as Change;
}

/**
 * Merges one change into `state` (in place; see the module comment for the rules). Returns true
 * when the state changed, false when the change was already known or is hidden by a newer write or
 * tombstone. Throws MergeError, leaving the state untouched, for a malformed change.
 */
export function applyChange(state: MergeState, change: Change): boolean {
  // Any table: the state keeps a newer Caravan's tables too, so snapshots pass them on.
  validateChange(change, { newerTables: true });
  if (change.table === 'invoices') {
    const verdict = invoiceVerdict(state, change);
    if (verdict !== undefined) return verdict;
  }
  if (change.op === 'delete') {
    const record = recordOf(state, change.table, change.id);
    if (record.tombstone !== undefined && record.tombstone >= change.hlc) return false;
    record.tombstone = change.hlc;
    for (const [field, write] of record.fields) if (write.hlc <= change.hlc) record.fields.delete(field);
    return true;
  }
  const existing = state.tables.get(change.table)?.get(change.id);
  if (existing?.tombstone !== undefined && change.hlc <= existing.tombstone) return false;
  const incoming: FieldWrite = change.op === 'set' ? { hlc: change.hlc, op: 'set', value: change.value } : { hlc: change.hlc, op: 'unset' };
  const current = existing?.fields.get(change.field);
  if (current !== undefined && !wins(incoming, current)) return false;
  recordOf(state, change.table, change.id).fields.set(change.field, incoming);
  return true;
}

/** `applyChange` for each change in turn (issues first, {@link issueFirst}); returns how many changed the state. */
export function applyChanges(state: MergeState, changes: Iterable<Change>): number {
  let changed = 0;
  const list = Array.isArray(changes) ? (changes as readonly Change[]) : [...changes];
  for (const change of list.some(isIssue) ? issueFirst(list) : list) if (applyChange(state, change)) changed++;
  return changed;
}

/** True for the write that issues an invoice document: its `state` set to `issued`. */
function isIssue(change: Change): boolean {
  return change.table === 'invoices' && change.op === 'set' && change.field === 'state' && change.value === 'issued';
}

/**
 * `changes` with every invoice issue moved to the front (otherwise in order): an issue's other
 * fields then meet a record already sealed at the issue, not a later offline edit they would lose to.
 */
export function issueFirst(changes: readonly Change[]): Change[] {
  if (!changes.some(isIssue)) return [...changes];
  return [...changes.filter(isIssue), ...changes.filter((c) => !isIssue(c))];
}

/** The HLC an invoice record is sealed at (its winning `state` write is `issued`), if it is. */
function sealedAt(record: RecordState | undefined): string | undefined {
  const state = record?.fields.get('state');
  return state?.op === 'set' && state.value === 'issued' ? state.hlc : undefined;
}

/**
 * The invoice rule (module comment): true or false when it decides `change`, undefined to leave
 * it to the general rules.
 */
function invoiceVerdict(state: MergeState, change: Change): boolean | undefined {
  const existing = state.tables.get(change.table)?.get(change.id);
  const sealed = sealedAt(existing);
  if (isIssue(change)) {
    if (sealed !== undefined && sealed <= change.hlc) return sealed === change.hlc ? undefined : false;
    const record = recordOf(state, change.table, change.id);
    record.tombstone = undefined;
    for (const [field, write] of record.fields) if (write.hlc > change.hlc) record.fields.delete(field);
    record.fields.set('state', { hlc: change.hlc, op: 'set', value: 'issued' });
    return true;
  }
  if (sealed === undefined) return undefined;
  if (change.op === 'delete' || change.hlc > sealed) return false;
  return undefined;
}

/** One record: live (with its fields), deleted (tombstone and nothing visible after it), or absent. */
export function readRecord(state: MergeState, table: string, id: string): RecordView {
  const record = state.tables.get(table)?.get(id);
  if (record === undefined) return { status: 'absent' };
  let hlc = '';
  const entries: Array<[string, unknown]> = [];
  for (const [field, write] of record.fields) {
    if (write.hlc > hlc) hlc = write.hlc;
    if (write.op === 'set') entries.push([field, write.value]);
  }
  // Object.fromEntries defines own properties, so a field named "__proto__" stays a plain field.
  if (entries.length > 0) return { status: 'live', record: Object.fromEntries(entries), hlc };
  if (record.tombstone !== undefined) return { status: 'deleted', hlc: record.tombstone };
  return { status: 'absent' };
}

/** The live records, `{ [table]: { [id]: { [field]: value } } }`. */
export function materialize(state: MergeState): Materialized {
  const tables: Array<[string, Record<string, MaterializedRecord>]> = [];
  for (const [table, records] of state.tables) {
    const live: Array<[string, MaterializedRecord]> = [];
    for (const id of records.keys()) {
      const view = readRecord(state, table, id);
      if (view.status === 'live') live.push([id, view.record]);
    }
    if (live.length > 0) tables.push([table, Object.fromEntries(live)]);
  }
  return Object.fromEntries(tables);
}

/** The record's state, created empty when missing. */
function recordOf(state: MergeState, table: string, id: string): RecordState {
  let records = state.tables.get(table);
  if (records === undefined) {
    records = new Map();
    state.tables.set(table, records);
  }
  let record = records.get(id);
  if (record === undefined) {
    record = { tombstone: undefined, fields: new Map() };
    records.set(id, record);
  }
  return record;
}

/** Does `a` beat `b` for the same field? Higher HLC; on an (impossible) tie a fixed order. */
function wins(a: FieldWrite, b: FieldWrite): boolean {
  if (a.hlc !== b.hlc) return a.hlc > b.hlc;
  if (a.op !== b.op) return a.op === 'set';
  if (a.op === 'unset' || b.op === 'unset') return false;
  return canonicalJson(a.value) > canonicalJson(b.value);
}

/** JSON with object keys sorted, for the tie order only. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
