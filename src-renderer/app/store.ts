/**
 * One bound zustand store built from feature slices. It holds view state and
 * caches only; persistent data belongs to the vault. Read it with narrow
 * selectors: `useStore((s) => s.screen)`.
 */
import { create } from 'zustand';
import { createNavSlice, type NavSlice } from '../nav/nav-slice.ts';
import { createPlatformSlice, type PlatformSlice } from '../platform/platform-slice.ts';
import { createThemeSlice, type ThemeSlice } from '../settings/theme-slice.ts';
import { createVaultSlice, type VaultSlice } from '../vault/vault-slice.ts';
import { createWorkspaceSlice, type WorkspaceSlice } from '../workspace/workspace-slice.ts';
import { createToastSlice, type ToastSlice } from './toast-slice.ts';
import { createTimerSlice, type TimerSlice } from '../timer/timer-slice.ts';
import { caravan } from '../ipc/caravan.ts';
import { closeLocality, openLocality } from '../locality/locality-session.ts';
import { createSyncSlice, type SyncSlice } from '../sync/sync-slice.ts';
import { startSync, stopSync } from '../sync/sync-runner.ts';
import { addJoinedTarget } from '../sync/add-joined-target.ts';
import { takePendingJoin } from '../sync/join-state.ts';
import { noteReturns } from '../locality/travel.ts';
import { eraseClient } from '../vault/repos/clients.ts';
import { repoContext } from '../vault/session/runtime.ts';

export type AppState = NavSlice & PlatformSlice & ThemeSlice & VaultSlice & WorkspaceSlice & ToastSlice & TimerSlice & SyncSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createNavSlice(...a),
  ...createPlatformSlice(...a),
  ...createThemeSlice(...a),
  ...createVaultSlice(...a),
  ...createWorkspaceSlice(...a),
  ...createToastSlice(...a),
  ...createTimerSlice(...a),
  ...createSyncSlice(...a),
}));

// The workspace cache follows the vault: read after unlock, dropped (synchronously, in the same
// update) when it locks, so no decrypted record outlives the keys.
useStore.subscribe((state, previous) => {
  if (state.vault.kind === previous.vault.kind) return;
  if (state.vault.kind === 'unlocked') {
    void state.loadWorkspace();
    // Local work never waits for the guard; until it is open, main refuses every client's egress,
    // so sync starts only once it is.
    const vaultId = state.vault.vaultId;
    openLocality(vaultId).then(
      async () => {
        if (useStore.getState().vault.kind !== 'unlocked') return;
        // A new device that joined from a target: add it now that the vault can decide and record.
        const join = takePendingJoin();
        if (join) await addJoinedTarget(join).catch((error: unknown) => state.notify(`The sync target could not be added: ${error instanceof Error ? error.message : String(error)}`, { tone: 'error' }));
        const { setSyncStatus, setTargetReport } = useStore.getState();
        startSync(vaultId, {
          report: { setSyncStatus, setTargetReport },
          clientErasedElsewhere: async (clientId) => {
            const name = useStore.getState().clients.find((c) => c.id === clientId)?.name ?? 'A client';
            await eraseClient(repoContext(), clientId);
            useStore.getState().dropErasedClient(clientId);
            await caravan().locality.recordClientAction('client-erased', clientId);
            useStore.getState().notify(`${name} was erased on another of your devices, so it is erased here too.`);
          },
          recordsArrived: () => {
            void useStore.getState().loadWorkspace();
            // Clients that arrived (from another device, or back from a trip) get their policy in main.
            void openLocality(vaultId)
              .then(() => noteReturns(vaultId))
              .then((back) => {
                if (back.length > 0) useStore.getState().notify(`${back.length} client(s) are back on this device.`);
              })
              .catch(() => undefined);
          },
        });
      },
      (error: unknown) =>
        state.notify(`The locality guard could not open, so nothing will be synced: ${error instanceof Error ? error.message : String(error)}`, { tone: 'error' }),
    );
  } else if (previous.vault.kind === 'unlocked') {
    stopSync();
    state.resetSync();
    void closeLocality();
    state.clearWorkspace();
    // The tray must not keep showing names once the keys are gone.
    void caravan().timer.trayProjects({ unlocked: false, projects: [] });
    for (const toast of state.toasts) state.dismissToast(toast.id);
  }
});
