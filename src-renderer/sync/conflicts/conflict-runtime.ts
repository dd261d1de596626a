/**
 * The conflict list of the open vault, bound to the meta store and the session's key ring.
 */
import { currentWorkspace, metaStore } from '../../vault/session/runtime.ts';
import { keyIdOf, type ConflictStore } from './conflict-store.ts';

export function conflictStore(vaultId: string): ConflictStore {
  return {
    vaultId,
    read: (partition) => metaStore().syncConflicts(vaultId, partition),
    write: (partition, bytes) => metaStore().setSyncConflicts(vaultId, partition, bytes),
    partitions: () => metaStore().syncConflictPartitions(vaultId),
    key: (partition) => {
      const ring = currentWorkspace()?.keyRing;
      if (!ring) throw new Error('The vault is locked.');
      try {
        return ring.keyFor(keyIdOf(partition));
      } catch {
        // An erased client's key is gone: its list is gone with it.
        return null;
      }
    },
  };
}
