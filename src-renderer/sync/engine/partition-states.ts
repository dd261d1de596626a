/**
 * The merge state of each partition, rebuilt from the local change log (this
 * device's writes and the remote changes it applied, both logged) and kept
 * while the vault is open: the first round replays the log once, later rounds
 * only read what was appended since. It also remembers which HLCs this device wrote (one string
 * per local write), for the conflict check.
 */
import { applyChanges, createState, type MergeState } from '../merge/merge-state.ts';
import { readChanges } from '../../vault/repos/change-log.ts';
import type { Partition } from '../../vault/store/rows.ts';
import type { VaultDb } from '../../vault/store/schema.ts';

export class PartitionStates {
  readonly #states = new Map<Partition, { state: MergeState; lastSeq: number; here: Set<string> }>();

  async forPartition(db: VaultDb, partition: Partition): Promise<MergeState> {
    const known = this.#states.get(partition) ?? { state: createState(), lastSeq: 0, here: new Set<string>() };
    const entries = await readChanges(db, partition, known.lastSeq);
    for (const entry of entries) {
      applyChanges(known.state, entry.changes);
      if (entry.origin === undefined) known.here.add(entry.hlc);
    }
    const lastSeq = entries.at(-1)?.seq ?? known.lastSeq;
    this.#states.set(partition, { ...known, lastSeq });
    return known.state;
  }

  /**
   * Whether the write stamped `hlc` was made on this device (logged without an origin), as far as
   * the log read so far says: the conflict check asks it about a field's current winner.
   */
  writtenHere(partition: Partition, hlc: string): boolean {
    return this.#states.get(partition)?.here.has(hlc) === true;
  }

  /** Forgets a partition (its client was erased). */
  forget(partition: Partition): void {
    this.#states.delete(partition);
  }
}
