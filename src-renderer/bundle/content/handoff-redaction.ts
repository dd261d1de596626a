/**
 * The hand-off variant is for the client or a subcontractor, so it leaves out what is internal to
 * the freelancer: rates and fees, private notes, cost alerts, and expenses that are not passed
 * through to the client. A required field cannot simply be missing (the record would not validate
 * on import), so it is replaced by a neutral value written at the lowest possible HLC: an importer
 * that already holds the record keeps its own value, and a new record gets the neutral one
 * (a rate of 0, an empty note), never the real one.
 */
import type { Change, EntityTableName } from '../../vault/store/rows.ts';

/** The lowest HLC there is (time 0, counter 0, node 0): loses to every real write. */
export const REDACTED_HLC = '0'.repeat(32);

/** Per table, per internal field: the neutral value of a required field, or `undefined` to drop an optional one. */
export const INTERNAL_FIELDS: Readonly<Partial<Record<EntityTableName, Readonly<Record<string, unknown>>>>> = {
  clients: { defaultRateMinor: 0, notes: '' },
  projects: { billing: { kind: 'fixed', feeMinor: 0 }, notes: '', costAlert: undefined },
  timeBlocks: { note: '' },
  expenses: { receiptNote: '' },
  experiments: { notes: '' },
  killSwitches: { notes: '' },
};

/** The changes with internal fields replaced, and expenses that are not passed through left out. */
export function redactForHandoff(changes: readonly Change[]): Change[] {
  const internalExpenses = new Set(
    changes.filter((c) => c.table === 'expenses' && c.op === 'set' && c.field === 'passThrough' && c.value !== true).map((c) => c.id),
  );
  const out: Change[] = [];
  const placed = new Set<string>();
  for (const change of changes) {
    if (change.table === 'expenses' && internalExpenses.has(change.id)) continue;
    // A bundle holds this version's tables only (project-content.ts validates them strictly).
    const internal = INTERNAL_FIELDS[change.table as EntityTableName];
    if (change.op === 'delete' || !internal || !Object.hasOwn(internal, change.field)) {
      out.push(change);
      continue;
    }
    const neutral = internal[change.field];
    const key = `${change.table}|${change.id}|${change.field}`;
    if (neutral === undefined || placed.has(key)) continue;
    placed.add(key);
    out.push({ op: 'set', table: change.table, id: change.id, field: change.field, value: neutral, hlc: REDACTED_HLC });
  }
  return out;
}
