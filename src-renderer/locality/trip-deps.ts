/** The trip workflow (start-trip.ts) bound to this window's vault, meta store and main. */
import { caravan } from '../ipc/caravan.ts';
import { readProgress } from '../sync/engine/sync-progress.ts';
import { withSyncLock } from '../sync/sync-lock.ts';
import { readChanges } from '../vault/repos/change-log.ts';
import { eraseClient, listClients } from '../vault/repos/clients.ts';
import { metaStore, repoContext } from '../vault/session/runtime.ts';
import type { TripDeps } from './start-trip.ts';

export function tripDeps(vaultId: string): TripDeps {
  return {
    locality: caravan().locality,
    progress: async (targetId) => readProgress(await metaStore().syncProgress(vaultId, targetId)),
    setProgress: (targetId, progress) => metaStore().setSyncProgress(vaultId, targetId, progress),
    ownChangesAfter: async (clientId, seq) => (await readChanges(repoContext().db, `client:${clientId}`, seq)).filter((e) => e.origin === undefined).length,
    setTravel: (state) => metaStore().setTravel(vaultId, state),
    eraseClient: (clientId) => eraseClient(repoContext(), clientId),
    withSyncLock,
    clients: () => listClients(repoContext()),
  };
}
