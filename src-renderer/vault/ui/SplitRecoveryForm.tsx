import { useId, useState } from 'react';
import { FormError } from '../../app/FormError.tsx';
import { MAX_SHARES, MIN_THRESHOLD, type RecoveryShare } from '../crypto/recovery-shares.ts';
import type { SplitOutcome, SplitRequest } from '../session/recovery-share-actions.ts';
import { RecoveryShareSheets } from './RecoveryShareSheets.tsx';

interface Props {
  vaultId: string;
  /** The kit Caravan has just made (first run); without it the person types theirs. */
  kit?: string;
  /** `splitKit` bound to the vault service (passed in, so this form needs no session to render). */
  split: (request: SplitRequest) => Promise<SplitOutcome>;
}

const COUNTS = Array.from({ length: MAX_SHARES - MIN_THRESHOLD + 1 }, (_, i) => i + MIN_THRESHOLD);

/**
 * Split the recovery kit into shares: how many to make, how many are needed, then one sheet per
 * share. The shares live only in this component's state; "Done" forgets them.
 */
export function SplitRecoveryForm({ vaultId, kit, split }: Props) {
  const id = useId();
  const [typedKit, setTypedKit] = useState('');
  const [total, setTotal] = useState(3);
  const [threshold, setThreshold] = useState(2);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<{ shares: RecoveryShare[]; at: Date } | null>(null);

  const make = async () => {
    setError(null);
    setBusy(true);
    const outcome = await split({ kit: kit ?? typedKit, vaultId, threshold, total, kitFrom: kit ? 'new-vault' : 'typed' }).finally(() => setBusy(false));
    if (outcome.ok) {
      setTypedKit('');
      setMade({ shares: outcome.shares, at: new Date() });
    } else setError(outcome.message);
  };

  if (made) {
    return (
      <div className="split-recovery">
        <p role="status">
          {made.shares.length} shares made; any {made.shares[0]?.threshold} of them open your vault. Save or print each one, write whom it is for, and give it
          to that person or place. They are shown only now.
        </p>
        <RecoveryShareSheets shares={made.shares} createdAt={made.at} />
        <div className="button-row">
          <button type="button" className="button" onClick={() => setMade(null)}>
            Done
          </button>
        </div>
      </div>
    );
  }

  return (
    <form
      className="split-recovery"
      autoComplete="off"
      aria-label="Split recovery into shares"
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) void make();
      }}
    >
      {!kit && (
        <div className="field-group">
          <label htmlFor={`${id}-kit`}>Recovery key</label>
          <textarea
            id={`${id}-kit`}
            rows={2}
            spellCheck={false}
            autoComplete="off"
            maxLength={400}
            value={typedKit}
            onChange={(e) => setTypedKit(e.target.value)}
            placeholder="XXXX-XXXX-…"
            aria-describedby={`${id}-kit-hint`}
          />
          <p id={`${id}-kit-hint`} className="muted small">
            The kit you saved when you made the vault. Caravan never keeps it, so it is needed once here.
          </p>
        </div>
      )}
      <div className="field-row">
        <div className="field-group">
          <label htmlFor={`${id}-total`}>Shares to make</label>
          <select
            id={`${id}-total`}
            autoComplete="off"
            value={total}
            onChange={(e) => {
              const next = Number(e.target.value);
              setTotal(next);
              setThreshold((k) => Math.min(k, next));
            }}
          >
            {COUNTS.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-threshold`}>Shares needed to recover</label>
          <select id={`${id}-threshold`} autoComplete="off" value={threshold} onChange={(e) => setThreshold(Number(e.target.value))}>
            {COUNTS.filter((k) => k <= total).map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="muted small">
        Any {threshold} of the {total} shares open your vault; {threshold - 1 === 1 ? 'one share alone reveals' : `${threshold - 1} shares together reveal`}{' '}
        nothing. Give them to people or places you trust that do not all meet.
      </p>
      <FormError message={error} />
      <button type="submit" className="button primary" disabled={busy || (!kit && typedKit.trim() === '')}>
        {busy ? 'Making shares…' : 'Make shares'}
      </button>
    </form>
  );
}
