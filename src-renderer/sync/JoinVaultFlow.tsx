/**
 * Setting up another device: point at the sync target the vault syncs to,
 * Caravan reads the vault header from it (wrapped keys only; nothing opens
 * without the passphrase or the recovery kit), then the usual unlock screen
 * asks for the passphrase and the first sync brings everything, with its
 * progress in the status bar.
 */
import { useStore } from '../app/store.ts';
import { caravan, unwrap } from '../ipc/caravan.ts';
import { TargetForm } from '../locality/TargetForm.tsx';
import { parseHeader } from '../vault/crypto/header.ts';
import { metaStore } from '../vault/session/runtime.ts';
import { VaultFrame } from '../vault/ui/VaultFrame.tsx';
import { setPendingJoin } from './join-state.ts';

export function JoinVaultFlow({ onBack }: { onBack: () => void }) {
  const initVault = useStore((s) => s.initVault);
  return (
    <VaultFrame title="Set up this device from a sync target">
      <p>Where does your vault sync to? Caravan reads it from there; you unlock it with your passphrase or your recovery kit next.</p>
      <TargetForm
        onDone={(added) => {
          if (!added) onBack();
        }}
        join={async (target, credentials) => {
          // Main asks the person in its own dialog before it contacts the target, and reads at most 64 KiB.
          const read = await unwrap(caravan().sync.join(target, credentials));
          if (!read.found) throw new Error('There is no Caravan vault on this target (no vault.json). Check the folder, bucket or URL.');
          // Refuse anything that is not a vault header before keeping it.
          parseHeader(read.header);
          await metaStore().saveHeader(read.header);
          setPendingJoin({ joinId: read.joinId });
          await initVault();
        }}
      />
    </VaultFrame>
  );
}
