/**
 * The session lifecycle (lifecycle.ts) bound to this window: the vault runtime, the store, main's
 * guard, sync, the tray. The store hands in its own getter and setter (this module imports the
 * store's type only, so there is no cycle at load time).
 */
import type { PowerState } from '../../src-preload/contract/power.ts';
import type { AppState } from '../app/store.ts';
import { caravan } from '../ipc/caravan.ts';
import { closeLocality, openLocality } from '../locality/locality-session.ts';
import { addJoinedTarget } from '../sync/add-joined-target.ts';
import { takePendingJoin } from '../sync/join-state.ts';
import { showHolds, syncHooks } from '../sync/start-on-unlock.ts';
import { startSync, stopSync } from '../sync/sync-runner.ts';
import { isVaultError } from '../vault/crypto/errors.ts';
import { currentSession, metaStore, setCurrentSession, vaultService } from '../vault/session/runtime.ts';
import { openWorkspace } from '../vault/session/workspace.ts';
import type { UnreadableRow } from '../vault/store/encryption-middleware.ts';
import type { SessionDeps } from './lifecycle.ts';
import { errorMessage } from '../ui/error-message.ts';
import { dropDeviceOnlyQuestions } from '../exports/device-only-question.ts';

/** Why the app locked, for the lock screen, when main reports sleep or a locked screen; null for the others. */
export function powerLockReason(kind: PowerState['kind']): string | null {
  if (kind === 'suspend') return 'Locked because the computer went to sleep.';
  if (kind === 'lock-screen') return 'Locked because the screen was locked.';
  return null;
}

export function appSessionDeps(get: () => AppState, set: (partial: Partial<AppState>) => void): SessionDeps {
  return {
    async openStore(session, options, alive) {
      // Each read reports again; count distinct rows.
      const seen = new Set<string>();
      const onUnreadable = (row: UnreadableRow) => {
        const key = `${row.table}|${String(row.key)}`;
        if (seen.has(key)) return;
        seen.add(key);
        set({ unreadableRows: seen.size });
      };
      const nodeId = await metaStore().nodeId();
      const workspace = await openWorkspace(session, { nodeId, onUnreadable, meta: metaStore(), deriveKek: vaultService().passphraseKdf, ...options });
      // An unlock that was locked or overtaken meanwhile must not replace the store a newer one opened.
      if (alive()) setCurrentSession(session, workspace);
      else workspace.close();
    },
    closeStore(session) {
      if (!session || currentSession() === session) setCurrentSession(null);
    },
    showUnlocked: (vaultId) => set({ vault: { kind: 'unlocked', vaultId }, unreadableRows: 0 }),
    showLocked: (vaultId, reason) => set({ vault: { kind: 'locked', vaultId, ...(reason ? { reason } : {}) } }),
    unlockedVault: () => {
      const vault = get().vault;
      return vault.kind === 'unlocked' ? vault.vaultId : null;
    },
    loadWorkspace: () => void get().loadWorkspace(),
    clearCaches: () => {
      get().clearWorkspace();
      get().resetSync();
      dropDeviceOnlyQuestions(); // An open export question holds decrypted content; a lock answers it no.
    },
    openGuard: (vaultId) => openLocality(vaultId, 'unlock'),
    closeGuard: () => void closeLocality().catch(() => undefined),
    showHolds: (opened) => showHolds(get, opened, true),
    addJoinedTarget: async () => {
      const join = takePendingJoin();
      if (join) await addJoinedTarget(join);
    },
    startSync: (vaultId) => startSync(vaultId, syncHooks(vaultId, get)),
    stopSync,
    clearTray: () => void caravan().timer.trayProjects({ unlocked: false, projects: [] }),
    dismissToasts: () => {
      for (const toast of get().toasts) get().dismissToast(toast.id);
    },
    describeOpenFailure: (error) =>
      isVaultError(error)
        ? error.message
        : `The records could not be opened (${errorMessage(error)}). Nothing was changed; try again, and restart Caravan if it persists.`,
    notify: (message) => get().notify(message, { tone: 'error' }),
    watchPower: (lock) =>
      caravan().power.onState((state) => {
        const reason = powerLockReason(state.kind);
        if (reason) lock(reason);
      }),
  };
}
