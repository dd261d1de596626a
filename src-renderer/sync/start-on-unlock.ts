/**
 * What follows an unlock for locality and sync: main's guard learns the clients' policies, a
 * target a new device joined from is added, and sync starts, with the hooks that keep the screens
 * and main in step with what arrives (records, clients back from a trip, erasures made elsewhere).
 * Local work never waits for any of it; until the guard is open, main refuses every egress.
 *
 * The store calls this and hands over its own getter, rather than this module importing the
 * store (which imports this module: a cycle at load time).
 */
import type { AppState } from '../app/store.ts';
import { caravan } from '../ipc/caravan.ts';
import { heldBackMessage, openLocality } from '../locality/locality-session.ts';
import { noteReturns } from '../locality/travel.ts';
import { eraseClient } from '../vault/repos/clients.ts';
import { repoContext } from '../vault/session/runtime.ts';
import { addJoinedTarget } from './add-joined-target.ts';
import { takePendingJoin } from './join-state.ts';
import { startSync } from './sync-runner.ts';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function startSyncOnUnlock(vaultId: string, store: () => AppState): Promise<void> {
  try {
    // A client whose policy main cannot read is held back alone and named; the others sync.
    const heldBack = heldBackMessage(await openLocality(vaultId));
    if (heldBack) store().notify(heldBack, { tone: 'error' });
  } catch (error) {
    store().notify(`The locality guard could not open, so nothing will be synced: ${message(error)}`, { tone: 'error' });
    return;
  }
  if (store().vault.kind !== 'unlocked') return;
  // A new device that joined from a target: add it now that the vault can decide and record.
  const join = takePendingJoin();
  if (join) await addJoinedTarget(join).catch((error: unknown) => store().notify(`The sync target could not be added: ${message(error)}`, { tone: 'error' }));
  const { setSyncStatus, setTargetReport } = store();
  startSync(vaultId, {
    report: { setSyncStatus, setTargetReport },
    clientErasedElsewhere: async (clientId) => {
      const name = store().clients.find((c) => c.id === clientId)?.name ?? 'A client';
      await eraseClient(repoContext(), clientId);
      store().dropErasedClient(clientId);
      await caravan().locality.recordClientAction('client-erased', clientId);
      store().notify(`${name} was erased on another of your devices, so it is erased here too.`);
    },
    recordsArrived: () => {
      void store().loadWorkspace();
      // Clients that arrived (from another device, or back from a trip) get their policy in main.
      void openLocality(vaultId)
        .then(() => noteReturns(vaultId))
        .then((back) => {
          if (back.length > 0) store().notify(`${back.length} client(s) are back on this device.`);
        })
        .catch(() => undefined);
    },
  });
}
