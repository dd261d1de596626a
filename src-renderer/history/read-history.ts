/**
 * History read from this device's change log: the vault's differences from an instant, and one
 * record's field history. Both read the log batch by batch (log-scan.ts) and decide by the merge
 * rule (as-of.ts, record-history.ts).
 */
import type { ChangeEntry, Partition } from '../vault/store/rows.ts';
import type { VaultDb } from '../vault/store/schema.ts';
import { AsOfBuilder, boundAfter, diffStates, type PartitionStates, type RecordDiff } from './as-of.ts';
import { logPartitions, scanLog, type ScanOptions } from './log-scan.ts';
import { historyOf, type HistoryStep } from './record-history.ts';

/** The vault as of a bound, and what differs from now. */
export interface VaultAsOf {
  /** Exclusive HLC bound (as-of.ts `boundAfter`). */
  before: string;
  states: ReadonlyMap<Partition, PartitionStates>;
  diffs: RecordDiff[];
}

/** Reads the whole log (or `partitions`) and compares the state before `before` with now. */
export async function readAsOf(
  db: VaultDb,
  before: string,
  options: ScanOptions & { partitions?: readonly Partition[]; only?: Iterable<{ table: string; id: string }> } = {},
): Promise<VaultAsOf> {
  const builder = new AsOfBuilder(before, options.only);
  await scanLog(db, options.partitions ?? (await logPartitions(db)), (entry) => builder.add(entry), options);
  return { before, states: builder.partitions, diffs: diffStates(builder.partitions) };
}

/** `readAsOf` for an instant (epoch ms): everything stamped at or before it counts. */
export function readVaultAt(db: VaultDb, instant: number, options: ScanOptions = {}): Promise<VaultAsOf> {
  return readAsOf(db, boundAfter(instant), options);
}

/** The history of one record, oldest first, from its partition's log. */
export async function readRecordHistory(db: VaultDb, partition: Partition, table: string, id: string, options: ScanOptions = {}): Promise<HistoryStep[]> {
  const entries: ChangeEntry[] = [];
  await scanLog(
    db,
    [partition],
    (entry) => {
      if (entry.changes.some((c) => c.table === table && c.id === id)) entries.push(entry);
    },
    options,
  );
  return historyOf(entries, table, id);
}
