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
import { createSyncSlice, type SyncSlice } from '../sync/sync-slice.ts';
import { createRemindersSlice, type RemindersSlice } from '../reminders/reminders-slice.ts';
import { createOverlaySlice, type OverlaySlice } from '../calendar/ics/overlay-slice.ts';
import { createSessionLifecycle } from '../session/lifecycle.ts';
import { appSessionDeps } from '../session/session-deps.ts';

export type AppState = NavSlice &
  PlatformSlice &
  ThemeSlice &
  VaultSlice &
  WorkspaceSlice &
  ToastSlice &
  TimerSlice &
  SyncSlice &
  RemindersSlice &
  OverlaySlice;

export const useStore = create<AppState>()((...a) => {
  const [set, get] = a;
  // Unlock and lock, in their order, are the session lifecycle's (session/lifecycle.ts).
  const session = createSessionLifecycle(appSessionDeps(get, set));
  return {
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
    ...createRemindersSlice(...a),
    ...createOverlaySlice(...a),
    vaultOpened: async (opened, options) => void (await session.unlock(opened, options)),
    lockVault: (reason) => session.lock(reason),
    guardOpen: () => session.guardOpen(),
  };
});
