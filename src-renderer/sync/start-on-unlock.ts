/**
 * Sync's part of an open session (the order of unlock and lock is session/lifecycle.ts): what main
 * held back when it learnt the policies, shown, and the runner's hooks that keep the screens and
 * main in step with what arrives (records, clients back from a trip, erasures made elsewhere).
 *
 * The store's getter is handed in, rather than this module importing the store (which would be a
 * cycle at load time).
 */
import type { AppState } from '../app/store.ts';
import { caravan } from '../ipc/caravan.ts';
import { awaitingMessage, heldBackMessage, openLocality, type LocalityOpenedView } from '../locality/locality-session.ts';
import { noteReturns } from '../locality/travel.ts';
import { eraseLearntHere, unreadableErasedText } from '../gdpr/erase-here.ts';
import { metaStore, repoContext } from '../vault/session/runtime.ts';
import { emitRecordsArrived } from './records-arrived.ts';
import type { RunnerHooks } from './sync-runner.ts';

/** Shows what main held back: unreadable policies once, and (when the list changed) wider ones waiting for the person. */
export function showHolds(store: () => AppState, opened: LocalityOpenedView, always: boolean): void {
  const heldBack = heldBackMessage(opened.heldBack);
  if (heldBack && always) store().notify(heldBack, { tone: 'error' });
  const before = store()
    .sync.policiesAwaiting.map((a) => a.clientId)
    .join();
  store().setSyncStatus({ policiesAwaiting: opened.awaiting });
  const awaiting = awaitingMessage(opened.awaiting);
  if (awaiting && (always || before !== opened.awaiting.map((a) => a.clientId).join())) {
    store().notify(awaiting, { tone: 'error', action: { label: 'Review', run: () => store().navigate('clients') } });
  }
}

/** What the sync runner calls back into while the session is open: records and erasures that arrived. */
export function syncHooks(vaultId: string, store: () => AppState): RunnerHooks {
  const { setSyncStatus, setTargetReport } = store();
  return {
    report: { setSyncStatus, setTargetReport },
    clientErasedElsewhere: async (clientId) => {
      const name = store().clients.find((c) => c.id === clientId)?.name ?? 'A client';
      // Recorded here too, so every load anonymises its invoices again (gdpr/erased-on-load.ts) and
      // this device also refuses a bundle of it; the round that calls this holds the sync lock.
      const record = (id: string) => metaStore().addSyncErasure(vaultId, { clientId: id, erasedAt: Date.now() });
      const { unreadable } = await eraseLearntHere(repoContext(), record, clientId);
      store().dropErasedClient(clientId);
      await caravan().locality.recordClientAction('client-erased', clientId);
      store().notify(`${name} was erased on another of your devices, so it is erased here too.`);
      const stuck = unreadableErasedText(unreadable);
      if (stuck) store().notify(stuck, { tone: 'error' });
    },
    recordsArrived: (policyFrom) => {
      void store().loadWorkspace();
      // Trips and corrected days from another device change the presence warnings.
      emitRecordsArrived();
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
  };
}
