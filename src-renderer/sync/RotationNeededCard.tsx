/**
 * On the Sync screen when a round found that the vault's current key generation still reaches a
 * device the person removed, or was made before an erasure was known (engine/epochs.ts): what that
 * means, and the rotation itself, here, since it needs the passphrase (it wraps the new key).
 */
import { useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import { currentWorkspace, vaultService } from '../vault/session/runtime.ts';
import { rotateNow } from '../vault/session/key-actions.ts';
import { PassphraseForm } from '../vault/ui/KeysCard.tsx';
import { EstimatedProgress } from '../vault/ui/EstimatedProgress.tsx';
import { syncControls } from './sync-runner.ts';

export function RotationNeededCard() {
  const targets = useStore((s) => s.sync.targets);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const reasons = [...new Set(Object.values(targets).flatMap((r) => (r.rotationNeeded ? [r.rotationNeeded] : [])))];
  if (reasons.length === 0 && done === null) return null;

  const rotate = async (passphrase: string) => {
    const workspace = currentWorkspace();
    if (!workspace) return;
    setError(null);
    setBusy(await vaultService().expectedKdfMillis());
    const outcome = await rotateNow(workspace, passphrase);
    setBusy(null);
    if (!outcome.ok) {
      setError(outcome.message);
      return;
    }
    setDone(
      `New key in use (generation ${outcome.generation}). Syncing now: your other devices switch to it at their next sync; the device you removed never gets it.`,
    );
    syncControls()?.syncNow();
  };

  return (
    <section className="card" aria-labelledby="rotation-needed-title">
      <h2 id="rotation-needed-title">Rotate the vault keys</h2>
      {reasons.map((reason) => (
        <p key={reason}>{reason}</p>
      ))}
      {done !== null ? (
        <p role="status">{done}</p>
      ) : busy !== null ? (
        <EstimatedProgress label="Making a new key…" expectedMs={busy} />
      ) : (
        <PassphraseForm onSubmit={rotate} id="sync-rotate-passphrase" />
      )}
      <FormError message={error} />
    </section>
  );
}
