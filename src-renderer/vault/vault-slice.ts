import type { StateCreator } from 'zustand';
import { DEFAULT_LOCK_SETTINGS, type LockSettings } from './session/meta-store.ts';
import { isVaultError } from './crypto/errors.ts';
import { metaStore, setCurrentSession, vaultService } from './session/runtime.ts';
import type { VaultSession } from './session/vault-service.ts';
import { openWorkspace } from './session/workspace.ts';
import type { UnreadableRow } from './store/encryption-middleware.ts';
import { errorMessage } from '../ui/error-message.ts';

export type VaultView =
  | { kind: 'loading' }
  | { kind: 'absent' }
  | { kind: 'locked'; vaultId: string; reason?: string }
  | { kind: 'unlocked'; vaultId: string }
  | { kind: 'damaged'; message: string };

export interface VaultSlice {
  vault: VaultView;
  lockSettings: LockSettings;
  initVault: () => Promise<void>;
  /** Rows that did not open since unlock (ids only): the workspace shows a banner, never the rows. */
  unreadableRows: number;
  /**
   * Called by the unlock and create flows once they hold a session: opens the encrypted store,
   * then shows the workspace. If the store does not open, the keys are wiped and the lock screen
   * says why. `untrustedKey`: the key came from the OS store (see openWorkspace).
   */
  vaultOpened: (session: VaultSession, options?: { untrustedKey?: boolean }) => Promise<void>;
  /** Wipes the keys and shows the lock screen; `reason` is shown there ("Locked after 15 minutes idle"). */
  lockVault: (reason?: string) => void;
  setAutoLockMinutes: (minutes: number) => Promise<void>;
}

export const createVaultSlice: StateCreator<VaultSlice, [], [], VaultSlice> = (set, get) => ({
  vault: { kind: 'loading' },
  lockSettings: DEFAULT_LOCK_SETTINGS,
  initVault: async () => {
    const [loaded, lockSettings] = await Promise.all([vaultService().load(), metaStore().lockSettings()]);
    set({ vault: loaded, lockSettings });
  },
  unreadableRows: 0,
  vaultOpened: async (session, options = {}) => {
    // Each read reports again; count distinct rows.
    const seen = new Set<string>();
    const onUnreadable = (row: UnreadableRow) => {
      const key = `${row.table}|${String(row.key)}`;
      if (seen.has(key)) return;
      seen.add(key);
      set({ unreadableRows: seen.size });
    };
    try {
      const nodeId = await metaStore().nodeId();
      const workspace = await openWorkspace(session, { nodeId, onUnreadable, ...options });
      setCurrentSession(session, workspace);
      set({ vault: { kind: 'unlocked', vaultId: session.vaultId }, unreadableRows: 0 });
    } catch (error) {
      setCurrentSession(null);
      session.vaultKey.fill(0);
      const reason = isVaultError(error)
        ? error.message
        : `The records could not be opened (${errorMessage(error)}). Nothing was changed; try again, and restart Caravan if it persists.`;
      set({ vault: { kind: 'locked', vaultId: session.vaultId, reason } });
    }
  },
  lockVault: (reason) => {
    const current = get().vault;
    if (current.kind !== 'unlocked') return;
    setCurrentSession(null);
    set({ vault: { kind: 'locked', vaultId: current.vaultId, ...(reason ? { reason } : {}) } });
  },
  setAutoLockMinutes: async (minutes) => {
    const lockSettings = { ...get().lockSettings, autoLockMinutes: minutes };
    await metaStore().setLockSettings(lockSettings);
    set({ lockSettings });
  },
});
