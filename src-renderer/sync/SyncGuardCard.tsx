/**
 * Settings → Sync: when a sync round asks before deleting (engine/deletion-guard.ts). A workspace
 * setting, so every device of the vault asks alike.
 */
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import { Field } from '../ui/Field.tsx';
import { errorMessage } from '../ui/error-message.ts';
import { repoContext } from '../vault/session/runtime.ts';
import { DEFAULT_GUARD_LIMITS } from './engine/deletion-guard.ts';
import { loadGuardLimits, saveGuardLimits } from './guard-settings.ts';

export function SyncGuardCard() {
  const id = useId();
  const notify = useStore((s) => s.notify);
  const [percent, setPercent] = useState(String(DEFAULT_GUARD_LIMITS.share * 100));
  const [count, setCount] = useState(String(DEFAULT_GUARD_LIMITS.count));
  const [errors, setErrors] = useState<{ percent?: string; count?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    loadGuardLimits(repoContext())
      .then((limits) => {
        setPercent(String(Math.round(limits.share * 100)));
        setCount(String(limits.count));
      })
      .catch((e: unknown) => setFailure(`The limits could not be read: ${errorMessage(e)}`));
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const p = Number(percent);
    const c = Number(count);
    const next: typeof errors = {};
    if (!Number.isInteger(p) || p < 1 || p > 100) next.percent = 'A whole number of percent from 1 to 100.';
    if (!Number.isInteger(c) || c < 1) next.count = 'A whole number of records, 1 or more.';
    setErrors(next);
    if (next.percent || next.count) return;
    try {
      await saveGuardLimits(repoContext(), { share: p / 100, minShareCount: DEFAULT_GUARD_LIMITS.minShareCount, count: c });
      setFailure(null);
      notify('Deletion limits saved.');
    } catch (e) {
      setFailure(`The limits were not saved: ${errorMessage(e)}`);
    }
  };

  return (
    <form autoComplete="off" className="card" onSubmit={(e) => void save(e)} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>Sync</h2>
      <p className="field-hint">
        When another device’s changes would delete a large part of a client’s records, this device stops and shows you what would go before anything is deleted.
      </p>
      <div className="form-grid">
        <Field
          id={`${id}-percent`}
          label="Ask when more than this share of a client’s records would go (%)"
          error={errors.percent}
          hint="Counted from 10 records on."
        >
          {(control) => <input autoComplete="off" inputMode="numeric" {...control} value={percent} onChange={(e) => setPercent(e.target.value)} />}
        </Field>
        <Field id={`${id}-count`} label="… or more than this many records" error={errors.count}>
          {(control) => <input autoComplete="off" inputMode="numeric" {...control} value={count} onChange={(e) => setCount(e.target.value)} />}
        </Field>
      </div>
      <div className="button-row">
        <button type="submit" className="button">
          Save limits
        </button>
      </div>
      <FormError message={failure} />
    </form>
  );
}
