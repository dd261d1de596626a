import { useCallback, useEffect, useState } from 'react';
import { FormError } from '../../app/FormError.tsx';
import { useStore } from '../../app/store.ts';
import { caravan } from '../../ipc/caravan.ts';
import { recoverWithShares } from '../session/recovery-share-actions.ts';
import { vaultService } from '../session/runtime.ts';
import { EstimatedProgress } from './EstimatedProgress.tsx';
import { PassphraseFields } from './PassphraseFields.tsx';
import { ShareUnlock } from './ShareUnlock.tsx';
import { VaultFrame } from './VaultFrame.tsx';
import { useLoaded } from '../../ui/use-loaded.ts';

/** The lock screen: passphrase, this device's key if enrolled, the recovery kit, or recovery shares. */
export function UnlockScreen({ vaultId, reason }: { vaultId: string; reason?: string }) {
  const vaultOpened = useStore((s) => s.vaultOpened);
  const [mode, setMode] = useState<'passphrase' | 'recovery' | 'shares'>('passphrase');
  if (mode === 'shares') {
    return (
      <ShareUnlock
        vaultId={vaultId}
        onBack={() => setMode('recovery')}
        onOpened={(session) => vaultOpened(session)}
        recover={(texts, passphrase) => recoverWithShares(vaultService(), texts, vaultId, passphrase)}
        expectedMs={() => vaultService().expectedKdfMillis()}
      />
    );
  }
  return mode === 'passphrase' ? (
    <PassphraseUnlock vaultId={vaultId} {...(reason ? { reason } : {})} onForgot={() => setMode('recovery')} />
  ) : (
    <RecoveryUnlock onBack={() => setMode('passphrase')} onShares={() => setMode('shares')} />
  );
}

function PassphraseUnlock({ vaultId, reason, onForgot }: { vaultId: string; reason?: string; onForgot: () => void }) {
  const vaultOpened = useStore((s) => s.vaultOpened);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState<number | null>(null);
  // An unlock under way (the key is known, the store opening): a second click would start a second unlock.
  const [opening, setOpening] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(() => Date.now());

  // Offered only when this device holds the key for this vault; an answer for another vault is dropped.
  const deviceEnrolled =
    useLoaded(async () => {
      const r = await caravan().deviceKey.status(vaultId);
      return r.ok && r.value.available && r.value.enrolled;
    }, [vaultId]).value ?? false;
  // Re-render each second while a wait is running, so the button re-enables on time.
  useEffect(() => {
    if (waitUntil === 0) return;
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= waitUntil) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [waitUntil]);

  const opened = async (pending: Promise<void>) => {
    setOpening(true);
    try {
      await pending;
    } finally {
      setOpening(false);
    }
  };
  const unlock = async () => {
    setError(null);
    setBusy(await vaultService().expectedKdfMillis());
    const outcome = await vaultService().unlock(passphrase);
    setBusy(null);
    if (outcome.ok) return await opened(vaultOpened(outcome.session));
    setPassphrase('');
    setError(outcome.message);
    const current = Date.now();
    setNow(current);
    setWaitUntil(outcome.waitMs > 0 ? current + outcome.waitMs : 0);
  };
  const unlockWithDevice = async () => {
    setError(null);
    setOpening(true);
    const outcome = await vaultService()
      .unlockWithDevice({
        read: async (id) => {
          const result = await caravan().deviceKey.read(id);
          return result.ok ? result.value : null;
        },
      })
      .finally(() => setOpening(false));
    if (outcome.ok) await opened(vaultOpened(outcome.session, { untrustedKey: true }));
    else setError(outcome.message);
  };

  const waiting = waitUntil > now;
  return (
    <VaultFrame title="Unlock Caravan">
      {reason && <p className="muted">{reason}</p>}
      {busy !== null ? (
        <EstimatedProgress label="Unlocking…" expectedMs={busy} />
      ) : (
        <form
          autoComplete="off"
          onSubmit={(event) => {
            event.preventDefault();
            if (!opening) void unlock();
          }}
        >
          <div className="field-group">
            <label htmlFor="unlock-passphrase">Passphrase</label>
            <input
              id="unlock-passphrase"
              type="password"
              autoComplete="current-password"
              autoFocus
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          </div>
          <FormError message={error} />
          <div className="button-row">
            <button type="submit" className="button primary" disabled={passphrase === '' || waiting || opening}>
              {waiting ? `Wait ${Math.ceil((waitUntil - now) / 1000)} s` : 'Unlock'}
            </button>
            {deviceEnrolled && (
              <button type="button" className="button" disabled={opening} onClick={() => void unlockWithDevice()}>
                Unlock with this device
              </button>
            )}
          </div>
          <p>
            <button type="button" className="link-button" onClick={onForgot}>
              Forgot your passphrase? Use your recovery kit
            </button>
          </p>
        </form>
      )}
    </VaultFrame>
  );
}

function RecoveryUnlock({ onBack, onShares }: { onBack: () => void; onShares: () => void }) {
  const vaultOpened = useStore((s) => s.vaultOpened);
  const [kit, setKit] = useState('');
  const [passphrase, setPassphrase] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onPassphrase = useCallback((usable: string | null) => setPassphrase(usable), []);

  const recover = async () => {
    if (!passphrase) return;
    setError(null);
    setBusy(await vaultService().expectedKdfMillis());
    const outcome = await vaultService().resetWithRecovery(kit, passphrase);
    setBusy(null);
    if (outcome.ok) await vaultOpened(outcome.session);
    else setError(outcome.message);
  };

  return (
    <VaultFrame title="Recover with your kit">
      {busy !== null ? (
        <EstimatedProgress label="Opening your vault and setting the new passphrase…" expectedMs={busy} />
      ) : (
        <form
          autoComplete="off"
          onSubmit={(event) => {
            event.preventDefault();
            void recover();
          }}
        >
          <div className="field-group">
            <label htmlFor="recovery-kit">Recovery key</label>
            <textarea
              id="recovery-kit"
              rows={2}
              spellCheck={false}
              autoComplete="off"
              autoFocus
              value={kit}
              onChange={(e) => setKit(e.target.value)}
              placeholder="XXXX-XXXX-…"
            />
            <p className="muted small">Case, spaces and dashes do not matter; O and 0, I and 1 are read the same.</p>
          </div>
          <PassphraseFields onChange={onPassphrase} label="New passphrase" />
          <FormError message={error} />
          <div className="button-row">
            <button type="button" className="button" onClick={onBack}>
              Back
            </button>
            <button type="submit" className="button primary" disabled={kit.trim() === '' || !passphrase}>
              Unlock and set new passphrase
            </button>
          </div>
          <p className="muted">
            Split your kit into shares?{' '}
            <button type="button" className="link-button" onClick={onShares}>
              Use shares instead
            </button>
          </p>
        </form>
      )}
    </VaultFrame>
  );
}
