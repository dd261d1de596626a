import { useCallback, useEffect, useState } from 'react';
import { FormError } from '../../app/FormError.tsx';
import { useStore } from '../../app/store.ts';
import { caravan } from '../../ipc/caravan.ts';
import type { DeviceKeyStatus } from '../../../src-preload/contract/index.ts';
import { currentSession, currentWorkspace, vaultService } from '../session/runtime.ts';
import { vaultKeyToBase64 } from '../session/vault-service.ts';
import { changePassphraseAndRotate } from '../session/key-actions.ts';
import { EstimatedProgress } from './EstimatedProgress.tsx';
import { KeysCard } from './KeysCard.tsx';
import { PassphraseFields } from './PassphraseFields.tsx';

const AUTO_LOCK_CHOICES = [1, 5, 15, 30, 60, 0];

/** Settings → Security: auto-lock, encryption keys, passphrase change (which makes a new key), unlock on this device. */
export function SecuritySettings() {
  // A passphrase change makes a new key generation: the keys card reads it again.
  const [keysChanged, setKeysChanged] = useState(0);
  const onKeysChanged = useCallback(() => setKeysChanged((n) => n + 1), []);
  return (
    <>
      <AutoLockCard />
      <KeysCard refresh={keysChanged} onChanged={onKeysChanged} />
      <ChangePassphraseCard onChanged={onKeysChanged} />
      <DeviceUnlockCard />
    </>
  );
}

function AutoLockCard() {
  const minutes = useStore((s) => s.lockSettings.autoLockMinutes);
  const setAutoLockMinutes = useStore((s) => s.setAutoLockMinutes);
  const lockVault = useStore((s) => s.lockVault);
  return (
    <div className="card">
      <h2>Locking</h2>
      <div className="field-row">
        <label htmlFor="auto-lock">Lock after</label>
        <select autoComplete="off" id="auto-lock" value={minutes} onChange={(e) => void setAutoLockMinutes(Number(e.target.value))}>
          {AUTO_LOCK_CHOICES.map((m) => (
            <option key={m} value={m}>
              {m === 0 ? 'Never (still locks on sleep and screen lock)' : `${m} ${m === 1 ? 'minute' : 'minutes'} without activity`}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={() => lockVault()}>
          Lock now
        </button>
      </div>
      <p className="muted small">Caravan also locks when the computer sleeps or the screen locks. Shortcut: Ctrl+L (⌘L on macOS).</p>
    </div>
  );
}

function ChangePassphraseCard({ onChanged }: { onChanged: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [formKey, setFormKey] = useState(0);
  const onNext = useCallback((usable: string | null) => setNext(usable), []);

  const change = async () => {
    if (!next) return;
    setMessage(null);
    const workspace = currentWorkspace();
    if (!workspace) return;
    // Two derivations: prove the current passphrase, then wrap the new key with the new one.
    setBusy(2 * (await vaultService().expectedKdfMillis()));
    const result = await changePassphraseAndRotate(workspace, current, next);
    setBusy(null);
    setCurrent('');
    if (result.ok) {
      setFormKey((k) => k + 1);
      setMessage({ ok: true, text: `Passphrase changed, with a new key (generation ${result.generation}). Your recovery kit still works.` });
      onChanged();
    } else setMessage({ ok: false, text: result.message });
  };

  return (
    <div className="card">
      <h2>Change passphrase</h2>
      {busy !== null ? (
        <EstimatedProgress label="Changing the passphrase…" expectedMs={busy} />
      ) : (
        <form
          autoComplete="off"
          key={formKey}
          onSubmit={(event) => {
            event.preventDefault();
            void change();
          }}
        >
          <div className="field-group">
            <label htmlFor="current-passphrase">Current passphrase</label>
            <input id="current-passphrase" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
          </div>
          <PassphraseFields onChange={onNext} />
          <button type="submit" className="button primary" disabled={current === '' || !next}>
            Change passphrase
          </button>
        </form>
      )}
      {message && (
        <p className={message.ok ? 'form-ok' : 'form-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <p className="muted small">The change also makes a new key, so the old passphrase opens nothing written from now on. Your data is not re-encrypted.</p>
    </div>
  );
}

function DeviceUnlockCard() {
  const vault = useStore((s) => s.vault);
  const vaultId = vault.kind === 'unlocked' ? vault.vaultId : null;
  const [status, setStatus] = useState<DeviceKeyStatus | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!vaultId) return;
    void caravan()
      .deviceKey.status(vaultId)
      .then((r) => (r.ok ? setStatus(r.value) : setError(r.error.message)));
  }, [vaultId]);

  const toggle = async (enable: boolean) => {
    const session = currentSession();
    if (!vaultId || !session) return;
    setError(null);
    const result = enable ? await caravan().deviceKey.enable(vaultId, vaultKeyToBase64(session)) : await caravan().deviceKey.forget(vaultId);
    if (result.ok) setStatus(result.value);
    else setError(result.error.message);
  };

  return (
    <div className="card">
      <h2>Unlock on this device</h2>
      {status === null ? (
        <p className="muted">Checking this system’s secure storage…</p>
      ) : status.available ? (
        <label className="checkbox">
          <input autoComplete="off" type="checkbox" checked={status.enrolled} onChange={(e) => void toggle(e.target.checked)} />
          Let this device unlock Caravan without the passphrase (the key is kept by the operating system’s secure storage)
        </label>
      ) : (
        <p data-testid="device-unlock-unavailable">Not available here. {status.reason}</p>
      )}
      <FormError message={error} />
      <p className="muted small">Anyone who can log in to this computer as you could then open Caravan. Your passphrase keeps working.</p>
    </div>
  );
}
