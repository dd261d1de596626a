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
import { createWorkspaceLifecycleSlice, type WorkspaceSlice } from '../workspace/workspace-slice.ts';
import { createClientsSlice } from '../clients/clients-slice.ts';
import { createProjectsSlice } from '../projects/projects-slice.ts';
import { createProjectRecordsSlice } from '../projects/project-records-slice.ts';
import { createTimeSlice } from '../time/time-slice.ts';
import { createWorkspaceSettingsSlice } from '../settings/workspace-settings-slice.ts';
import { createBillingSlice } from '../reports/billing-slice.ts';
import { createToastSlice, type ToastSlice } from './toast-slice.ts';
import { createTimerSlice, type TimerSlice } from '../timer/timer-slice.ts';
import { caravan } from '../ipc/caravan.ts';
import { closeLocality } from '../locality/locality-session.ts';
import { stopSync } from '../sync/sync-runner.ts';
import { startSyncOnUnlock } from '../sync/start-on-unlock.ts';
import { createSyncSlice, type SyncSlice } from '../sync/sync-slice.ts';

export type AppState = NavSlice & PlatformSlice & ThemeSlice & VaultSlice & WorkspaceSlice & ToastSlice & TimerSlice & SyncSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createNavSlice(...a),
  ...createPlatformSlice(...a),
  ...createThemeSlice(...a),
  ...createVaultSlice(...a),
  ...createWorkspaceLifecycleSlice(...a),
  ...createClientsSlice(...a),
  ...createProjectsSlice(...a),
  ...createProjectRecordsSlice(...a),
  ...createTimeSlice(...a),
  ...createWorkspaceSettingsSlice(...a),
  ...createBillingSlice(...a),
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
    void startSyncOnUnlock(vaultId, useStore.getState);
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
