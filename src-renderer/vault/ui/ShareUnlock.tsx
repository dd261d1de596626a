import { useCallback, useId, useMemo, useState } from 'react';
import { FormError } from '../../app/FormError.tsx';
import { MIN_THRESHOLD, SHARE_CHARS } from '../crypto/recovery-shares.ts';
import { ordinal, progressText, readShareSet, type ShareField } from '../crypto/recovery-share-set.ts';
import type { UnlockOutcome, VaultSession } from '../session/vault-service.ts';
import { EstimatedProgress } from './EstimatedProgress.tsx';
import { PassphraseFields } from './PassphraseFields.tsx';
import { VaultFrame } from './VaultFrame.tsx';

interface Props {
  vaultId: string;
  onBack: () => void;
  onOpened: (session: VaultSession) => Promise<void>;
  /** `recoverWithShares` bound to the vault service (passed in, so this screen needs no session to render). */
  recover: (texts: readonly string[], newPassphrase: string) => Promise<UnlockOutcome>;
  /** How long the key derivation of the new passphrase is expected to take, for the progress bar. */
  expectedMs: () => Promise<number>;
}

/**
 * Forgotten passphrase, with shares: one field per share (as many as the first share read says
 * are needed), progress in words, then a new passphrase as with the kit. A field's problem is
 * shown once the field is left or holds a whole share, so typing is not interrupted.
 */
export function ShareUnlock({ vaultId, onBack, onOpened, recover, expectedMs }: Props) {
  const id = useId();
  const [texts, setTexts] = useState<string[]>(() => Array.from({ length: MIN_THRESHOLD }, () => ''));
  const [touched, setTouched] = useState<boolean[]>([]);
  const [passphrase, setPassphrase] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onPassphrase = useCallback((usable: string | null) => setPassphrase(usable), []);

  const reading = useMemo(() => readShareSet(texts, vaultId), [texts, vaultId]);
  // The first share read says how many are needed; never fewer fields than already hold text.
  const fieldCount = Math.max(reading.threshold ?? MIN_THRESHOLD, texts.length);
  const shown = Array.from({ length: fieldCount }, (_, i) => texts[i] ?? '');

  const submit = async () => {
    if (!passphrase) return;
    setError(null);
    setBusy(await expectedMs());
    const outcome = await recover(shown, passphrase);
    setBusy(null);
    if (outcome.ok) await onOpened(outcome.session);
    else setError(outcome.message);
  };

  return (
    <VaultFrame title="Recover with shares">
      {busy !== null ? (
        <EstimatedProgress label="Opening your vault and setting the new passphrase…" expectedMs={busy} />
      ) : (
        <form
          autoComplete="off"
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <p>Type the shares you gathered, in any order. Each sheet says how many are needed.</p>
          {shown.map((text, index) => (
            <ShareInput
              key={index}
              id={`${id}-share-${index}`}
              index={index}
              text={text}
              field={reading.fields[index] ?? { state: 'empty' }}
              showProblem={touched[index] === true || compactLength(text) >= SHARE_CHARS}
              autoFocus={index === 0}
              onChange={(value) => setTexts(shown.map((t, i) => (i === index ? value : t)))}
              onBlur={() => setTouched((all) => Object.assign([...all], { [index]: true }))}
            />
          ))}
          <p className="share-progress" role="status" aria-live="polite" data-testid="share-progress">
            {progressText(reading)}
          </p>
          <PassphraseFields onChange={onPassphrase} label="New passphrase" />
          <FormError message={error} />
          <div className="button-row">
            <button type="button" className="button" onClick={onBack}>
              Back
            </button>
            <button type="submit" className="button primary" disabled={!reading.ready || !passphrase}>
              Unlock and set new passphrase
            </button>
          </div>
        </form>
      )}
    </VaultFrame>
  );
}

interface InputProps {
  id: string;
  index: number;
  text: string;
  field: ShareField;
  showProblem: boolean;
  autoFocus: boolean;
  onChange: (value: string) => void;
  onBlur: () => void;
}

function ShareInput({ id, index, text, field, showProblem, autoFocus, onChange, onBlur }: InputProps) {
  const label = `${ordinal(index).replace(/^./, (c) => c.toUpperCase())} share`;
  const problem = field.state === 'refused' && showProblem ? field.error.message : null;
  return (
    <div className={`field-group${problem ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={2}
        spellCheck={false}
        autoComplete="off"
        // 72 characters and 17 separators, with room for spaces people add; a page of pasted text is cut.
        maxLength={400}
        autoFocus={autoFocus}
        value={text}
        placeholder="XXXX-XXXX-…"
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-note`}
        onChange={(e) => onChange(e.target.value)}
        onBlur={onBlur}
      />
      <p id={`${id}-note`} className={problem ? 'field-error' : 'muted small'}>
        {problem ??
          (field.state === 'read'
            ? `Share ${field.share.number} of ${field.share.total} (any ${field.share.threshold} open the vault) ✓`
            : 'Case, spaces and dashes do not matter; O and 0, I and 1 are read the same.')}
      </p>
    </div>
  );
}

function compactLength(text: string): number {
  return text.replace(/[\s\-\u2010-\u2015\u2212]+/g, '').length;
}
