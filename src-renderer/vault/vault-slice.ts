import type { StateCreator } from 'zustand';
import { DEFAULT_LOCK_SETTINGS, type LockSettings } from './session/meta-store.ts';
import { metaStore, setCurrentSession, vaultService } from './session/runtime.ts';
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
  /** Called by the unlock and create flows once they hold a session. */
  vaultOpened: (session: VaultSession) => void;
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
  vaultOpened: (session) => {
    setCurrentSession(session);
    set({ vault: { kind: 'unlocked', vaultId: session.vaultId } });
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
