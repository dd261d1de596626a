/**
 * What a merged record of a table this version knows becomes in the local table, when a newer
 * Caravan wrote some of it (docs/sync-merge.md, "Newer devices"):
 *
 * - fields this version's schema does not know are split off, kept beside the record (`newer`,
 *   never shown) and the rest is validated as usual;
 * - a record whose `v` (the record schema version a newer Caravan writes when it changes what a
 *   table's fields mean) is above this version's is not written into the local table at all: this
 *   code would read its fields with the old meaning. It stays whole in the merge state and the
 *   change log, so snapshots pass it on.
 *
 * Only the top level is split: a new key inside a nested value (a contact, a trigger) fails the
 * nested schema, and the record counts as incomplete as before.
 */
import type { z } from 'zod';
import type { NewerFields } from '../../vault/store/rows.ts';

/** The field a newer Caravan writes its record schema version to. This version writes none. */
export const RECORD_VERSION_FIELD = 'v';

export type RecordFit =
  /** Write `record` (validated), with the fields this version does not know kept beside it. */
  | { readonly kind: 'record'; readonly record: Record<string, unknown>; readonly newer: NewerFields | undefined }
  /** Written by a newer record schema version: kept for sync only, not written here. */
  | { readonly kind: 'newer-version'; readonly version: number }
  /** Does not validate even without the fields this version does not know. */
  | { readonly kind: 'invalid' };

/**
 * Splits `merged` into what `schema` (a strict object, this version's) accepts and the top-level
 * fields it does not know. `version` is the record schema version this code reads for the table.
 */
export function fitRecord(schema: z.ZodType, version: number, merged: Readonly<Record<string, unknown>>): RecordFit {
  const stated = merged[RECORD_VERSION_FIELD];
  if (typeof stated === 'number' && Number.isSafeInteger(stated) && stated > version) return { kind: 'newer-version', version: stated };
  // Entries, not assignments: a field a newer writer named "__proto__" stays a plain field.
  const fields = Object.entries(merged).filter(([field]) => field !== RECORD_VERSION_FIELD);
  const newer: Array<[string, unknown]> = stated === undefined ? [] : [[RECORD_VERSION_FIELD, stated]];
  let parsed = schema.safeParse(Object.fromEntries(fields));
  if (!parsed.success) {
    // Unknown keys are reported at the top level with code 'unrecognized_keys'; anything else is a
    // real fault of the record, which no split can fix.
    const unknown = new Set(parsed.error.issues.flatMap((issue) => (issue.code === 'unrecognized_keys' && issue.path.length === 0 ? issue.keys : [])));
    if (unknown.size === 0) return { kind: 'invalid' };
    newer.push(...fields.filter(([field]) => unknown.has(field)));
    parsed = schema.safeParse(Object.fromEntries(fields.filter(([field]) => !unknown.has(field))));
    if (!parsed.success) return { kind: 'invalid' };
  }
  return { kind: 'record', record: parsed.data as Record<string, unknown>, newer: newer.length > 0 ? Object.fromEntries(newer) : undefined };
}
