/**
 * The answers to a conflict: "Use this value instead" writes the value that lost as a new change
 * of this device (stamped now, so it wins on every device once synced; the merge stays per-field
 * last-writer-wins), and "Keep" takes the conflict off the list. Ordered so a failure leaves no
 * half state: the write is checked against the record as it is now before anything is written,
 * and the conflict is answered only after the write.
 */
import { readRecord } from '../merge/merge-state.ts';
import { applyRemoteChanges } from '../engine/apply-remote.ts';
import { PartitionStates } from '../engine/partition-states.ts';
import { jsonEqual } from '../../vault/repos/change-log.ts';
import { ENTITY_DEFS } from '../../vault/repos/defs.ts';
import { fieldWord } from '../record-labels.ts';
import type { EntityDef } from '../../vault/repos/entity-repo.ts';
import type { WriteClock } from '../../vault/repos/context.ts';
import type { Change, EntityTableName, Partition } from '../../vault/store/rows.ts';
import type { VaultDb } from '../../vault/store/schema.ts';
import { answerConflict, type ConflictStore, type StoredConflict } from './conflict-store.ts';

export interface ConflictDeps {
  db: VaultDb;
  clock: WriteClock;
  store: ConflictStore;
  now: () => number;
}

export type ConflictOutcome = { ok: true } | { ok: false; message: string };

function partitionOf(conflict: StoredConflict): Partition {
  return conflict.partition === 'workspace' ? 'workspace' : `client:${conflict.partition}`;
}

/** Writes the lost value of `conflict` again, as this device's newest write of that field. */
export async function chooseLostValue(deps: ConflictDeps, conflict: StoredConflict): Promise<ConflictOutcome> {
  if (!Object.hasOwn(ENTITY_DEFS, conflict.table)) return { ok: false, message: 'This kind of record is not known here; nothing was written.' };
  const table = conflict.table as EntityTableName;
  const def = ENTITY_DEFS[table] as EntityDef<EntityTableName>;
  const partition = partitionOf(conflict);
  const states = new PartitionStates();
  const view = readRecord(await states.forPartition(deps.db, partition), table, conflict.id);
  if (view.status !== 'live') return { ok: false, message: `This ${def.what} has been deleted since, so there is nothing to change.` };
  // The list shows the value in use when the conflict was met: a decision against a value changed
  // again since (a later edit, another sync) would overwrite a change the person never saw here.
  const current = view.record[conflict.field];
  if (conflict.kept.op === 'set' ? !jsonEqual(current, conflict.kept.value) : current !== undefined) {
    return {
      ok: false,
      message: `${fieldWord(conflict.field)} of this ${def.what} has changed since; nothing was written. Edit it by hand, or choose Keep to take this off the list.`,
    };
  }
  const record: Record<string, unknown> = { ...view.record };
  if (conflict.lost.op === 'set') record[conflict.field] = conflict.lost.value;
  else delete record[conflict.field];
  // The record as it is now may no longer take that value (another field changed since).
  if (!def.schema.safeParse(record).success) {
    return { ok: false, message: `That value no longer fits this ${def.what} as it is now; nothing was written. Edit it by hand instead.` };
  }
  const hlc = deps.clock.next();
  const changes: Change[] = [
    conflict.lost.op === 'set'
      ? { op: 'set', table, id: conflict.id, field: conflict.field, value: conflict.lost.value, hlc }
      : { op: 'unset', table, id: conflict.id, field: conflict.field, hlc },
  ];
  // As every edit does (entity-repo.ts), so lists sorted by last change show it.
  if (typeof record['updatedAt'] === 'number') {
    changes.push({ op: 'set', table, id: conflict.id, field: 'updatedAt', value: Math.max(deps.now(), record['updatedAt']), hlc });
  }
  // No origin: logged as this device's own write, so the next round sends it everywhere.
  const outcome = await applyRemoteChanges({ db: deps.db, partition, states, changes, origin: undefined, clock: deps.clock });
  if (outcome.incomplete > 0) return { ok: false, message: `The ${def.what} could not be saved with that value.` };
  await answerConflict(deps.store, conflict.partition, conflict.key);
  return { ok: true };
}

/** "Keep": the value that won stays; the conflict leaves the list. */
export async function keepValue(deps: Pick<ConflictDeps, 'store'>, conflict: StoredConflict): Promise<ConflictOutcome> {
  await answerConflict(deps.store, conflict.partition, conflict.key);
  return { ok: true };
}
