import { useEffect, useId, useState } from 'react';
import { estimateStrength, guessTimeText, passphraseProblem } from './strength.ts';
import { useLoaded } from '../../ui/use-loaded.ts';

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

interface Props {
  /** Called whenever the pair changes: the passphrase when usable, else null, with the reason. */
  onChange: (usable: string | null, problem: string | null) => void;
  label?: string;
  autoFocus?: boolean;
}

/** A new passphrase, its confirmation and a strength meter (zxcvbn). */
export function PassphraseFields({ onChange, label = 'New passphrase', autoFocus }: Props) {
  const id = useId();
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  // The estimate is kept with the text it was made for, so a stale one is never shown.
  const estimate = useLoaded(async () => (passphrase === '' ? null : { text: passphrase, strength: await estimateStrength(passphrase) }), [passphrase]).value;
  const strength = estimate && estimate.text === passphrase && passphrase !== '' ? estimate.strength : null;

  const problem = passphraseProblem(passphrase, confirmation, strength);
  useEffect(() => onChange(problem ? null : passphrase, problem), [problem, passphrase, onChange]);

  return (
    <div className="field-group">
      <label htmlFor={`${id}-new`}>{label}</label>
      <input
        id={`${id}-new`}
        type="password"
        autoComplete="new-password"
        value={passphrase}
        onChange={(e) => setPassphrase(e.target.value)}
        autoFocus={autoFocus}
        aria-describedby={`${id}-meter`}
      />
      <div id={`${id}-meter`} className="strength" data-score={strength?.score ?? -1} aria-live="polite">
        <div className="strength-bar">
          {[0, 1, 2, 3, 4].map((i) => (
            <span key={i} className={strength && i <= strength.score ? 'on' : ''} />
          ))}
        </div>
        <span data-testid="strength-label">
          {strength
            ? `${LABELS[strength.score]}: ${guessTimeText(strength.crackTime)} to guess offline`
            : 'Four or five random words make a strong passphrase.'}
        </span>
        {strength?.warning && <span className="muted small">{strength.warning}</span>}
      </div>
      <label htmlFor={`${id}-confirm`}>Type it again</label>
      <input id={`${id}-confirm`} type="password" autoComplete="new-password" value={confirmation} onChange={(e) => setConfirmation(e.target.value)} />
      {passphrase !== '' && problem && <p className="field-hint">{problem}</p>}
    </div>
  );
}
