/**
 * The plaintext of a snapshot: a partition's merge state as a compact list of records, and its
 * compression. A snapshot is read by turning each record back into the changes that produce it
 * (a `delete` at the tombstone, a `set` or `unset` per field at its HLC) and merging those with
 * `applyChange`, the same LWW-by-HLC merge as a segment's: so applying a snapshot is idempotent,
 * order-free, and combines with any segments, before or after it (docs/sync-merge.md).
 *
 *   [[table, id, tombstone | null, [[field, hlc] | [field, hlc, value], ...]], ...]
 *
 * `[field, hlc]` is an `unset` (kept: it still beats an older `set` that arrives later), with a
 * value it is a `set`. Records are sorted by table then id, fields by name, and the whole is
 * canonical JSON, so one state has one spelling. A per-change list (the segment's format) repeats
 * table, id and HLC per field and is ~2.5x larger; 100 000 time blocks would be ~200 MB.
 *
 * The JSON is deflated before it is encrypted. Compression before encryption lets the size of
 * the ciphertext depend on the contents; a snapshot is written rarely and at rest, and nobody who
 * can read the target can put chosen text next to secret text in it, so the classic attacks on
 * this (CRIME, BREACH) do not apply. Segments are deflated for the same reason (segment-payload.ts).
 */
import { canonicalJson } from './canonical-json.ts';
import { inflateExactly } from '../../platform/deflate.ts';
import { SnapshotError } from './errors.ts';
import { type FieldWrite, MergeError, type MergeState, validateChange } from '../merge/merge-state.ts';
import type { Change } from '../../vault/store/rows.ts';

const encoder = new TextEncoder();
/** A snapshot carries a newer Caravan's tables on (docs/sync-merge.md, "Newer devices"). */
const NEWER = { newerTables: true } as const;
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The canonical JSON of `state` as snapshot records, and how many records it holds. */
export function statePayload(state: MergeState): { json: Uint8Array; records: number } {
  const parts: string[] = [];
  for (const table of [...state.tables.keys()].sort()) {
    const records = state.tables.get(table);
    for (const id of [...(records?.keys() ?? [])].sort()) {
      const record = records?.get(id);
      if (!record || (record.tombstone === undefined && record.fields.size === 0)) continue;
      const fields = [...record.fields.keys()].sort().map((field) => {
        const write = record.fields.get(field) as FieldWrite;
        return write.op === 'set' ? [field, write.hlc, write.value] : [field, write.hlc];
      });
      parts.push(canonicalJson([table, id, record.tombstone ?? null, fields]));
    }
  }
  return { json: encoder.encode(`[${parts.join(',')}]`), records: parts.length };
}

/** The changes that rebuild the records of a snapshot's plaintext; SnapshotError('bad-payload') when malformed. */
export function payloadChanges(json: Uint8Array, expectedRecords: number, where: string): Change[] {
  const bad = (why: string, cause?: unknown) => new SnapshotError('bad-payload', `${where}: ${why}`, { cause });
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(json));
  } catch (cause) {
    throw bad('not UTF-8 JSON', cause);
  }
  if (!Array.isArray(value)) throw bad('not a list of records');
  if (value.length !== expectedRecords) throw bad(`${value.length} records, the header says ${expectedRecords}`);
  const changes: Change[] = [];
  try {
    for (const record of value as unknown[]) {
      if (!Array.isArray(record) || record.length !== 4) throw bad('a record is not [table, id, tombstone, fields]');
      const [table, id, tombstone, fields] = record as [string, string, unknown, unknown];
      if (tombstone !== null) changes.push(validateChange({ op: 'delete', table, id, hlc: tombstone }, NEWER));
      if (!Array.isArray(fields)) throw bad('a record has no field list');
      for (const entry of fields as unknown[]) {
        if (!Array.isArray(entry) || (entry.length !== 2 && entry.length !== 3)) throw bad('a field is not [field, hlc] or [field, hlc, value]');
        const [field, hlc, fieldValue] = entry as [string, string, unknown];
        changes.push(
          validateChange(entry.length === 2 ? { op: 'unset', table, id, field, hlc } : { op: 'set', table, id, field, hlc, value: fieldValue }, NEWER),
        );
      }
    }
  } catch (error) {
    if (error instanceof MergeError) throw bad(error.message, error);
    throw error;
  }
  return changes;
}

export { deflate } from '../../platform/deflate.ts';

/**
 * Inflates, refusing (SnapshotError 'bad-payload') anything that is not exactly `expected` bytes
 * once inflated: it stops reading as soon as the output would exceed them, so a small object
 * cannot expand into gigabytes.
 */
export async function inflate(bytes: Uint8Array, expected: number, where: string): Promise<Uint8Array> {
  const result = await inflateExactly(bytes, expected);
  if (result.ok) return result.bytes;
  if (result.problem === 'too-long') throw new SnapshotError('bad-payload', `${where}: inflates to more than the ${expected} bytes its header declares`);
  if (result.problem === 'not-deflated') throw new SnapshotError('bad-payload', `${where}: not deflated data`, { cause: result.cause });
  throw new SnapshotError('bad-payload', `${where}: inflates to ${result.length} bytes, the header declares ${expected}`);
}
