import { useEffect, type ReactNode } from 'react';
import { useStore } from '../../app/store.ts';
import { CreateVaultFlow } from './CreateVaultFlow.tsx';
import { UnlockScreen } from './UnlockScreen.tsx';
import { VaultFrame } from './VaultFrame.tsx';

/** Nothing of the workspace renders until the vault is open; locked means no keys in memory. */
export function VaultGate({ children }: { children: ReactNode }) {
  const vault = useStore((s) => s.vault);
  const initVault = useStore((s) => s.initVault);
  useEffect(() => {
    void initVault();
  }, [initVault]);

  switch (vault.kind) {
    case 'loading':
      return (
        <VaultFrame title="Opening Caravan…">
          <p className="muted">Reading the vault on this device.</p>
        </VaultFrame>
      );
    case 'absent':
      return <CreateVaultFlow />;
    case 'locked':
      return <UnlockScreen vaultId={vault.vaultId} {...(vault.reason ? { reason: vault.reason } : {})} />;
    case 'damaged':
      return (
        <VaultFrame title="The vault cannot be opened">
          <p role="alert">{vault.message}</p>
          <p className="muted">
            Nothing has been changed or deleted. If you sync to a target, a new device can restore the vault from there; otherwise restore the data folder from
            a backup.
          </p>
        </VaultFrame>
      );
    case 'unlocked':
      return children;
  }
}
