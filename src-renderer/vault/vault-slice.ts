import type { StateCreator } from 'zustand';
import type { IntegrityFinding } from './integrity/report-words.ts';
import { DEFAULT_LOCK_SETTINGS, type LockSettings } from './session/meta-store.ts';
import { metaStore, vaultService } from './session/runtime.ts';
import type { VaultSession } from './session/vault-service.ts';

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
  /** What the unlock check found: rows missing or older than this device last saw (vault/integrity/); null when nothing. */
  integrityFinding: IntegrityFinding | null;
  dismissIntegrityFinding: () => void;
  /**
   * Called by the unlock and create flows once they hold a session: opens the encrypted store,
   * then shows the workspace. If the store does not open, the keys are wiped and the lock screen
   * says why. `untrustedKey`: the key came from the OS store (see openWorkspace). Both this and
   * `lockVault` are the session lifecycle's (session/lifecycle.ts), bound in app/store.ts.
   */
  vaultOpened: (session: VaultSession, options?: { untrustedKey?: boolean }) => Promise<void>;
  /** Wipes the keys and shows the lock screen; `reason` is shown there ("Locked after 15 minutes idle"). */
  lockVault: (reason?: string) => void;
  /** Whether main's locality guard holds this session's client policies, once an open under way settled. */
  guardOpen: () => Promise<boolean>;
  setAutoLockMinutes: (minutes: number) => Promise<void>;
}

/** The session's two actions are bound by the store to the lifecycle, which does them in order. */
type SessionActions = 'vaultOpened' | 'lockVault' | 'guardOpen';

export const createVaultSlice: StateCreator<VaultSlice, [], [], Omit<VaultSlice, SessionActions>> = (set, get) => ({
  vault: { kind: 'loading' },
  lockSettings: DEFAULT_LOCK_SETTINGS,
  initVault: async () => {
    const [loaded, lockSettings] = await Promise.all([vaultService().load(), metaStore().lockSettings()]);
    set({ vault: loaded, lockSettings });
  },
  unreadableRows: 0,
  integrityFinding: null,
  dismissIntegrityFinding: () => set({ integrityFinding: null }),
  setAutoLockMinutes: async (minutes) => {
    const lockSettings = { ...get().lockSettings, autoLockMinutes: minutes };
    await metaStore().setLockSettings(lockSettings);
    set({ lockSettings });
  },
});
