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
import { awaitingMessage, heldBackMessage, openLocality, type LocalityOpenedView } from '../locality/locality-session.ts';
import { noteReturns } from '../locality/travel.ts';
import { eraseClient } from '../vault/repos/clients.ts';
import { repoContext } from '../vault/session/runtime.ts';
import { addJoinedTarget } from './add-joined-target.ts';
import { takePendingJoin } from './join-state.ts';
import { startSync } from './sync-runner.ts';
import { errorMessage } from '../ui/error-message.ts';


/** Shows what main held back: unreadable policies once, and (when the list changed) wider ones waiting for the person. */
function showHolds(store: () => AppState, opened: LocalityOpenedView, always: boolean): void {
  const heldBack = heldBackMessage(opened.heldBack);
  if (heldBack && always) store().notify(heldBack, { tone: 'error' });
  const before = store().sync.policiesAwaiting.map((a) => a.clientId).join();
  store().setSyncStatus({ policiesAwaiting: opened.awaiting });
  const awaiting = awaitingMessage(opened.awaiting);
  if (awaiting && (always || before !== opened.awaiting.map((a) => a.clientId).join())) {
    store().notify(awaiting, { tone: 'error', action: { label: 'Review', run: () => store().navigate('clients') } });
  }
}

export async function startSyncOnUnlock(vaultId: string, store: () => AppState): Promise<void> {
  try {
    // A client whose policy main cannot read, or whose wider policy waits for the person, is held back alone and named; the others sync.
    showHolds(store, await openLocality(vaultId, 'unlock'), true);
  } catch (error) {
    store().notify(`The locality guard could not open, so nothing will be synced: ${errorMessage(error)}`, { tone: 'error' });
    return;
  }
  if (store().vault.kind !== 'unlocked') return;
  // A new device that joined from a target: add it now that the vault can decide and record.
  const join = takePendingJoin();
  if (join) await addJoinedTarget(join).catch((error: unknown) => store().notify(`The sync target could not be added: ${errorMessage(error)}`, { tone: 'error' }));
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
    recordsArrived: (policyFrom) => {
      void store().loadWorkspace();
      // Clients that arrived (from another device, or back from a trip) get their policy in main;
      // a wider policy made on another device waits for the person here.
      void openLocality(vaultId, 'sync', policyFrom)
        .then((opened) => showHolds(store, opened, false))
        .then(() => noteReturns(vaultId))
        .then((back) => {
          if (back.length > 0) store().notify(`${back.length} client(s) are back on this device.`);
        })
        .catch(() => undefined);
    },
  });
}
