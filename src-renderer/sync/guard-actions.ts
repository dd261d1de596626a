/**
 * The person's answer to a batch the deletion guard paused (engine/guarded-apply.ts): the decision
 * is stored in that target's sync progress, bound to the device and segment range reviewed, and a
 * round is asked for. Written under the sync lock, so a round in progress cannot overwrite it with
 * the progress it holds.
 *
 * Undo of "Apply the deletions" writes the records back as they were when reviewed, as new writes
 * of this device (they win over the deletions everywhere, like "Keep them" after the fact), except
 * fields changed since the batch's deletes, which keep their newer value.
 */
import { metaStore } from '../vault/session/runtime.ts';
import { applyRemoteChanges } from './engine/apply-remote.ts';
import { PartitionStates } from './engine/partition-states.ts';
import type { PausedBatch } from './engine/round-types.ts';
import { readProgress } from './engine/sync-progress.ts';
import { localPartition } from './segment/layout.ts';
import { withSyncLock } from './sync-lock.ts';
import type { WriteClock } from '../vault/repos/context.ts';
import type { Change } from '../vault/store/rows.ts';
import type { VaultDb } from '../vault/store/schema.ts';

export async function decideBatch(vaultId: string, targetId: string, batch: PausedBatch, choice: 'apply' | 'keep'): Promise<void> {
  await withSyncLock(async () => {
    const progress = readProgress(await metaStore().syncProgress(vaultId, targetId));
    const guard = (progress.guard ??= {});
    const others = (guard[batch.partition] ?? []).filter((d) => d.device !== batch.device);
    guard[batch.partition] = [...others, { device: batch.device, fromSeq: batch.fromSeq, toSeq: batch.toSeq, choice }];
    await metaStore().setSyncProgress(vaultId, targetId, progress);
  });
}

/**
 * Writes `batch`'s records back as they were reviewed; returns how many. A field written after
 * every delete of the batch (an edit made while it waited, or since) is newer than the reviewed
 * value and outlives the deletes anyway: it is left as it is, not put back.
 */
export async function restoreBatch(db: VaultDb, clock: WriteClock, batch: PausedBatch): Promise<number> {
  const partition = localPartition(batch.partition);
  const states = new PartitionStates();
  const state = await db.transaction('r', ['changes'], () => states.forPartition(db, partition));
  const newer = (table: string, id: string, field: string) => {
    const write = state.tables.get(table)?.get(id)?.fields.get(field);
    return write !== undefined && write.hlc > batch.newest;
  };
  // After the deletes, whatever this device's clock has seen: the writes must be newer.
  if (batch.newest) clock.observe?.(batch.newest);
  const hlc = clock.next();
  const changes: Change[] = batch.doomed.flatMap(({ table, id, record }) =>
    Object.entries(record)
      .filter(([field]) => !newer(table, id, field))
      .map(([field, value]) => ({ op: 'set', table, id, field, value, hlc }) as Change),
  );
  const outcome = await applyRemoteChanges({ db, partition, states, changes, origin: undefined, clock });
  return outcome.records;
}
