/**
 * Settings → Sync history: how far back history must reach. A workspace setting, so every device
 * compacts the sync target by the same window.
 */
import { useState } from 'react';
import { FormError } from '../app/FormError.tsx';
import { errorMessage } from '../ui/error-message.ts';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, parseRetentionDays } from './retention.ts';
import { useRetentionDays } from './use-retention.ts';

export function HistoryRetentionCard() {
  const { days, save } = useRetentionDays();
  // null: nothing typed yet, show the stored value (it arrives after the first render).
  const [typed, setText] = useState<string | null>(null);
  const text = typed ?? String(days);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const parsed = parseRetentionDays(text);
    if (!parsed.ok) return setError(parsed.message);
    setError(null);
    save(parsed.days).then(
      () => setSaved(true),
      (e: unknown) => setError(`The history window was not saved: ${errorMessage(e)}`),
    );
  };
  return (
    <form className="card" onSubmit={submit} noValidate autoComplete="off" aria-labelledby="history-retention-title">
      <h2 id="history-retention-title">Sync history</h2>
      <label htmlFor="history-retention-days">Keep history for (days)</label>
      <input
        id="history-retention-days"
        autoComplete="off"
        type="number"
        inputMode="numeric"
        min={MIN_RETENTION_DAYS}
        max={MAX_RETENTION_DAYS}
        value={text}
        aria-invalid={error !== null}
        onChange={(e) => setText(e.target.value)}
      />
      <p className="field-hint">
        History (Sync → History) can go back this far, and sync keeps every change of this period on your targets. This device keeps its own history in full. A
        device you add later starts from a summary of the vault and has the history after it.
      </p>
      <FormError message={error} />
      {saved && <p role="status">Saved.</p>}
      <div className="button-row">
        <button type="submit" className="button">
          Save
        </button>
      </div>
    </form>
  );
}
