import { useCallback, useState } from 'react';
import { FormError } from '../../app/FormError.tsx';
import { useStore } from '../../app/store.ts';
import { checkConfirmation } from '../crypto/recovery-key.ts';
import { vaultService } from '../session/runtime.ts';
import type { PendingVault } from '../session/vault-service.ts';
import { EstimatedProgress } from './EstimatedProgress.tsx';
import { PassphraseFields } from './PassphraseFields.tsx';
import { RecoveryKitSheet } from './RecoveryKitSheet.tsx';
import { SplitRecoveryForm } from './SplitRecoveryForm.tsx';
import { splitKit } from '../session/recovery-share-actions.ts';
import { VaultFrame as Frame } from './VaultFrame.tsx';
import { JoinVaultFlow } from '../../sync/JoinVaultFlow.tsx';
import { errorMessage } from '../../ui/error-message.ts';

type Step =
  | { kind: 'passphrase' }
  | { kind: 'join' }
  | { kind: 'working'; label: string; expectedMs: number }
  | { kind: 'kit'; pending: PendingVault }
  | { kind: 'confirm'; pending: PendingVault };

/**
 * First run: passphrase (with strength meter) -> keys derived in the worker
 * -> the recovery kit, shown once -> the person types two of its groups back.
 * The vault is saved only after that confirmation: if the window closes
 * before it, nothing half-made is left behind.
 */
export function CreateVaultFlow() {
  const vaultOpened = useStore((s) => s.vaultOpened);
  const [step, setStep] = useState<Step>({ kind: 'passphrase' });
  const [passphrase, setPassphrase] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onPassphrase = useCallback((usable: string | null) => setPassphrase(usable), []);

  const create = async () => {
    if (!passphrase) return;
    setError(null);
    const service = vaultService();
    const expectedMs = await service.expectedKdfMillis();
    try {
      const pending = await service.prepare(passphrase, (stage) =>
        setStep({
          kind: 'working',
          label: stage === 'measuring' ? 'Measuring this computer to pick the key-derivation strength…' : 'Deriving your keys…',
          expectedMs: stage === 'measuring' ? expectedMs * 3 : expectedMs,
        }),
      );
      setStep({ kind: 'kit', pending });
    } catch (cause) {
      setError(`The vault could not be created: ${errorMessage(cause)}. Try again.`);
      setStep({ kind: 'passphrase' });
    }
  };

  if (step.kind === 'join') return <JoinVaultFlow onBack={() => setStep({ kind: 'passphrase' })} />;
  if (step.kind === 'working') {
    return (
      <Frame title="Creating your vault">
        <EstimatedProgress label={step.label} expectedMs={step.expectedMs} />
      </Frame>
    );
  }
  if (step.kind === 'kit') {
    return (
      <Frame title="Your recovery kit">
        <p>
          This key opens your vault if you forget your passphrase. <strong>It is shown only now.</strong> Save it as a file on a drive you keep safe, or print
          it, and keep it away from this computer.
        </p>
        <RecoveryKitSheet kit={step.pending.recoveryKit} vaultId={step.pending.vaultId} />
        <KitShares pending={step.pending} />
        <div className="button-row">
          <button type="button" className="button primary" onClick={() => setStep({ kind: 'confirm', pending: step.pending })}>
            I have saved it
          </button>
        </div>
      </Frame>
    );
  }
  if (step.kind === 'confirm') {
    return (
      <ConfirmKit
        pending={step.pending}
        onBack={() => setStep({ kind: 'kit', pending: step.pending })}
        onConfirmed={async () => vaultOpened(await vaultService().commit(step.pending))}
      />
    );
  }
  return (
    <Frame title="Create your vault">
      <p>
        Everything you keep in Caravan is encrypted with a key only your passphrase opens. Nobody, including Caravan, can recover it without your passphrase or
        the recovery kit you get next.
      </p>
      <form
        autoComplete="off"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <PassphraseFields onChange={onPassphrase} label="Passphrase" autoFocus />
        <FormError message={error} />
        <button type="submit" className="button primary" disabled={!passphrase}>
          Create vault
        </button>
      </form>
      <p className="muted">
        Already use Caravan on another computer?{' '}
        <button type="button" className="link-button" onClick={() => setStep({ kind: 'join' })}>
          Set up this device from your sync target
        </button>
      </p>
    </Frame>
  );
}

/** Beside the kit, the offer to split it into shares while Caravan still holds it. */
function KitShares({ pending }: { pending: PendingVault }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <p className="muted">
        Rather not keep it all in one place?{' '}
        <button type="button" className="link-button" onClick={() => setOpen(true)}>
          Also split it into shares…
        </button>
      </p>
    );
  }
  return (
    <section aria-labelledby="kit-shares-title">
      <h2 id="kit-shares-title">Split it into shares</h2>
      <p className="muted small">Any few shares together open your vault; fewer reveal nothing. Give them to people or places you trust.</p>
      <SplitRecoveryForm vaultId={pending.vaultId} kit={pending.recoveryKit} split={(request) => splitKit(vaultService(), request)} />
    </section>
  );
}

function ConfirmKit({ pending, onBack, onConfirmed }: { pending: PendingVault; onBack: () => void; onConfirmed: () => Promise<void> }) {
  const [answers, setAnswers] = useState<string[]>(pending.challenge.map(() => ''));
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!checkConfirmation(pending.recoveryKit, pending.challenge, answers)) {
      setError('That does not match your kit. Check the groups and try again, or go back to see the kit.');
      return;
    }
    try {
      await onConfirmed();
    } catch (cause) {
      setError(`The vault could not be saved on this device: ${errorMessage(cause)}.`);
    }
  };
  return (
    <Frame title="Check your recovery kit">
      <p>To make sure the kit you kept is right, type these groups from it.</p>
      <form
        autoComplete="off"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {pending.challenge.map((groupIndex, i) => (
          <div className="field-group" key={groupIndex}>
            <label htmlFor={`kit-group-${groupIndex}`}>Group {groupIndex + 1}</label>
            <input
              id={`kit-group-${groupIndex}`}
              className="kit-input"
              autoComplete="off"
              spellCheck={false}
              maxLength={6}
              autoFocus={i === 0}
              value={answers[i] ?? ''}
              onChange={(e) => setAnswers(answers.map((a, j) => (j === i ? e.target.value : a)))}
            />
          </div>
        ))}
        <FormError message={error} />
        <div className="button-row">
          <button type="button" className="button" onClick={onBack}>
            Show the kit again
          </button>
          <button type="submit" className="button primary">
            Confirm and open my vault
          </button>
        </div>
      </form>
    </Frame>
  );
}
