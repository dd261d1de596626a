/**
 * The merge state of each partition, rebuilt from the local change log (this
 * device's writes and the remote changes it applied, both logged) and kept
 * while the vault is open: the first round replays the log once, later rounds
 * only read what was appended since.
 */
import { applyChanges, createState, type MergeState } from '../merge/merge-state.ts';
import { readChanges } from '../../vault/repos/change-log.ts';
import type { Partition } from '../../vault/store/rows.ts';
import type { VaultDb } from '../../vault/store/schema.ts';

export class PartitionStates {
  readonly #states = new Map<Partition, { state: MergeState; lastSeq: number }>();

  async forPartition(db: VaultDb, partition: Partition): Promise<MergeState> {
    const known = this.#states.get(partition) ?? { state: createState(), lastSeq: 0 };
    const entries = await readChanges(db, partition, known.lastSeq);
    for (const entry of entries) applyChanges(known.state, entry.changes);
    const lastSeq = entries.at(-1)?.seq ?? known.lastSeq;
    this.#states.set(partition, { state: known.state, lastSeq });
    return known.state;
  }

  /** Forgets a partition (its client was erased). */
  forget(partition: Partition): void {
    this.#states.delete(partition);
  }
}
