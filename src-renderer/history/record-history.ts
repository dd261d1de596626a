/**
 * One record's history: every write that touched it, oldest first by HLC, with who made it (this
 * device, or the device sync received it from), when, and per field the value before and after.
 * Replayed by the merge rule, so "before" is what the record held at that moment on every device
 * that had seen the same writes, whatever order they arrived in here.
 */
import { applyChanges, createState, readRecord, type MaterializedRecord } from '../sync/merge/merge-state.ts';
import { decode } from '../sync/hlc/hlc.ts';
import type { ChangeEntry } from '../vault/store/rows.ts';
import { changedFields } from './as-of.ts';

/** One field of one write: the value before and after (absent: the field was not set). */
export interface FieldStep {
  field: string;
  before?: unknown;
  after?: unknown;
}

/** One write that changed the record. */
export interface HistoryStep {
  hlc: string;
  /** When it was written, epoch ms (the HLC's wall-clock part). */
  at: number;
  /** The device it came from; undefined: this device. */
  origin: string | undefined;
  kind: 'created' | 'changed' | 'deleted';
  fields: FieldStep[];
}

/** The history of (table, id) among `entries` (any order; entries of other records are ignored). */
export function historyOf(entries: readonly ChangeEntry[], table: string, id: string): HistoryStep[] {
  const mine = entries
    .map((entry) => ({ entry, changes: entry.changes.filter((c) => c.table === table && c.id === id) }))
    .filter((e) => e.changes.length > 0)
    .sort((a, b) => (a.entry.hlc < b.entry.hlc ? -1 : a.entry.hlc > b.entry.hlc ? 1 : a.entry.seq - b.entry.seq));
  const state = createState();
  const steps: HistoryStep[] = [];
  let before: MaterializedRecord | undefined;
  for (const { entry, changes } of mine) {
    // The same write can be logged twice (a snapshot and a segment both carried it): it changes nothing the second time.
    if (applyChanges(state, changes) === 0) continue;
    const view = readRecord(state, table, id);
    const after = view.status === 'live' ? view.record : undefined;
    const kind = before === undefined ? (after === undefined ? undefined : 'created') : after === undefined ? 'deleted' : 'changed';
    if (kind !== undefined) {
      const names = before !== undefined && after !== undefined ? changedFields(before, after) : Object.keys(before ?? after ?? {}).sort();
      const fields = names.map((field) => ({
        field,
        ...(before?.[field] !== undefined ? { before: before[field] } : {}),
        ...(after?.[field] !== undefined ? { after: after[field] } : {}),
      }));
      if (fields.length > 0 || kind !== 'changed') steps.push({ hlc: entry.hlc, at: decode(entry.hlc).ms, origin: entry.origin, kind, fields });
    }
    before = after;
  }
  return steps;
}
