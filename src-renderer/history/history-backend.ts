/**
 * What the history views need from the vault, as one interface: the live one reads this device's
 * change log and writes through the repositories; component tests pass their own.
 */
import { useStore } from '../app/store.ts';
import { emitRecordsArrived } from '../sync/records-arrived.ts';
import { repoContext } from '../vault/session/runtime.ts';
import type { EntityTableName, Partition } from '../vault/store/rows.ts';
import type { ScanOptions } from './log-scan.ts';
import { readRecordHistory, readVaultAt, type VaultAsOf } from './read-history.ts';
import type { HistoryStep } from './record-history.ts';
import { type RestoreResult, runRestore, runUndo } from './restore-actions.ts';
import type { RestoreItem, RestoreOutcome } from './restore.ts';

export interface HistoryBackend {
  readAt(instant: number, options: ScanOptions): Promise<VaultAsOf>;
  readRecord(partition: Partition, table: EntityTableName, id: string, options: ScanOptions): Promise<HistoryStep[]>;
  restore(items: readonly RestoreItem[]): Promise<RestoreResult>;
  undo(restore: RestoreOutcome): Promise<RestoreResult>;
}

/** The backend over the open vault. */
export function liveHistoryBackend(): HistoryBackend {
  const deps = () => ({
    ctx: repoContext(),
    // As after a sync that wrote records: the screens reload, checks that keep a result redo it.
    refresh: () => {
      void useStore.getState().loadWorkspace();
      emitRecordsArrived();
    },
  });
  return {
    readAt: (instant, options) => readVaultAt(repoContext().db, instant, options),
    readRecord: (partition, table, id, options) => readRecordHistory(repoContext().db, partition, table, id, options),
    restore: (items) => runRestore(deps(), items),
    undo: (outcome) => runUndo(deps(), outcome),
  };
}
