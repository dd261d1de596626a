/** When to warn about Schengen days, and whether a system notification goes with the banner (`presence.rules`). */
import { type FormEvent, useId, useState } from 'react';
import type { PresenceRules } from '../../domain/presence.ts';
import { Field } from '../../ui/Field.tsx';
import type { WriteOutcome } from './presence-backend.ts';
import { toSchengenWarning } from './rule-form.ts';

export function SchengenWarningForm({ rules, save }: { rules: PresenceRules; save: (rules: PresenceRules) => Promise<WriteOutcome> }) {
  const id = useId();
  const [days, setDays] = useState(String(rules.schengenWarnDaysLeft));
  const [notify, setNotify] = useState(rules.notify);
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = toSchengenWarning(days);
    if (!checked.ok) {
      setError(checked.error);
      document.getElementById(`${id}-days`)?.focus();
      return;
    }
    const outcome = await save({ ...rules, schengenWarnDaysLeft: checked.days, notify });
    setError(outcome.ok ? undefined : outcome.message);
    setSaved(outcome.ok);
  };
  return (
    <form autoComplete="off" className="field-row presence-warn-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Warnings">
      <Field id={`${id}-days`} label="Warn when this many Schengen days are left" error={error} hint="0: never.">
        {(control) => (
          <input
            autoComplete="off"
            type="text"
            inputMode="numeric"
            {...control}
            value={days}
            onChange={(e) => {
              setDays(e.target.value);
              setSaved(false);
            }}
          />
        )}
      </Field>
      <label className="checkbox">
        <input
          autoComplete="off"
          type="checkbox"
          checked={notify}
          onChange={(e) => {
            setNotify(e.target.checked);
            setSaved(false);
          }}
        />{' '}
        Also as a system notification
      </label>
      <button type="submit" className="button">
        Save warnings
      </button>
      {saved && (
        <span className="form-ok" role="status">
          Saved.
        </span>
      )}
    </form>
  );
}
