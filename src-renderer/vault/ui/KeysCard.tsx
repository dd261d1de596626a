import { useCallback, useEffect, useState } from 'react';
import { FormError } from '../../app/FormError.tsx';
import { formatInstant } from '../../ui/format/dates.ts';
import { currentWorkspace, vaultService } from '../session/runtime.ts';
import { addRecoveryKit, finishPendingRotation, keyStatus, type KeyStatus, rotateNow } from '../session/key-actions.ts';
import { EstimatedProgress } from './EstimatedProgress.tsx';

/**
 * Settings → Security → Keys: the current key generation, "Rotate keys now", a rotation left
 * unfinished, and (a vault made before key generations) typing the recovery kit once.
 */
export function KeysCard({ refresh, onChanged }: { refresh: number; onChanged: () => void }) {
  const [status, setStatus] = useState<KeyStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const reload = useCallback(() => {
    const workspace = currentWorkspace();
    if (!workspace) return;
    keyStatus(workspace).then(setStatus, () => setError('The key status could not be read. Lock and unlock again.'));
  }, []);
  useEffect(reload, [reload, refresh]);

  const rotate = async (passphrase: string) => {
    const workspace = currentWorkspace();
    if (!workspace) return;
    setError(null);
    setDone(null);
    setBusy(await vaultService().expectedKdfMillis());
    const outcome = await rotateNow(workspace, passphrase);
    setBusy(null);
    if (outcome.ok) {
      setDone(
        `New key in use on this device (generation ${outcome.generation}). Your other devices switch to it at their next sync; a device you removed never gets it.`,
      );
      onChanged();
    } else setError(outcome.message);
    reload();
  };

  const finish = async () => {
    const workspace = currentWorkspace();
    if (!workspace) return;
    setError(null);
    const outcome = await finishPendingRotation(workspace);
    if (outcome.ok) setDone(`New key in use on this device (generation ${outcome.generation}).`);
    else setError(outcome.message);
    reload();
  };

  const addKit = async (kit: string): Promise<boolean> => {
    const workspace = currentWorkspace();
    if (!workspace) return false;
    setError(null);
    setDone(null);
    const outcome = await addRecoveryKit(workspace, kit);
    if (outcome.ok) setDone('Recovery kit added: it will keep opening this vault after every key change.');
    else setError(outcome.message);
    reload();
    return outcome.ok;
  };

  return (
    <div className="card" data-testid="keys-card">
      <h2>Encryption keys</h2>
      {status ? (
        <p>
          Key generation {status.generation}, in use on this device since {formatInstant(status.since)}.
        </p>
      ) : (
        <p className="muted">Reading the keys…</p>
      )}
      {status?.pending && (
        <p role="status">
          A new key (generation {status.pending.n}) was made but not put in use yet.{' '}
          {status.pendingSetsPassphrase &&
            'It comes from a passphrase change that did not finish: putting it in use also sets the new passphrase you typed then. To choose again, change the passphrase instead. '}
          <button type="button" className="button" onClick={() => void finish()}>
            Put it in use
          </button>
        </p>
      )}
      {busy !== null ? <EstimatedProgress label="Making a new key…" expectedMs={busy} /> : <PassphraseForm onSubmit={rotate} />}
      {status?.recoveryNeedsKit && <RecoveryKitForm onSubmit={addKit} />}
      {done && (
        <p className="form-ok" role="status">
          {done}
        </p>
      )}
      <FormError message={error} />
      <p className="muted small">
        A new key protects what is written from now on. Your records are not re-encrypted, and your passphrase and recovery kit keep working.
      </p>
    </div>
  );
}

/** The passphrase a rotation needs (it wraps the new key), and the button. Also on the Sync screen. */
export function PassphraseForm({ onSubmit, id = 'rotate-passphrase' }: { onSubmit: (passphrase: string) => Promise<void>; id?: string }) {
  const [passphrase, setPassphrase] = useState('');
  return (
    <form
      autoComplete="off"
      onSubmit={(event) => {
        event.preventDefault();
        const typed = passphrase;
        setPassphrase('');
        void onSubmit(typed);
      }}
    >
      <div className="field-group">
        <label htmlFor={id}>Passphrase</label>
        <input id={id} type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      </div>
      <button type="submit" className="button" disabled={passphrase === ''}>
        Rotate keys now
      </button>
    </form>
  );
}

function RecoveryKitForm({ onSubmit }: { onSubmit: (kit: string) => Promise<boolean> }) {
  const [kit, setKit] = useState('');
  return (
    <form
      autoComplete="off"
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit(kit).then((ok) => ok && setKit(''));
      }}
    >
      <p>This vault was made before key generations. Type your recovery kit once so that it keeps working after every key change.</p>
      <div className="field-group">
        <label htmlFor="upgrade-recovery-kit">Recovery key</label>
        <textarea
          id="upgrade-recovery-kit"
          rows={2}
          spellCheck={false}
          autoComplete="off"
          value={kit}
          onChange={(e) => setKit(e.target.value)}
          placeholder="XXXX-XXXX-…"
        />
      </div>
      <button type="submit" className="button" disabled={kit.trim() === ''}>
        Type your recovery kit once
      </button>
    </form>
  );
}
