/** Settings → Timer: idle time, break reminder, and the global shortcut, kept by main. */
import { type ChangeEvent, type FormEvent, useId, useState } from 'react';
import { FormError } from '../app/FormError.tsx';
import { useStore } from '../app/store.ts';
import { caravan, unwrap } from '../ipc/caravan.ts';
import { errorMessage } from '../ui/error-message.ts';
import { useLoaded } from '../ui/use-loaded.ts';
import { DEFAULT_TIMER_PREFERENCES, type TimerPreferences } from '../../src-preload/contract/timer.ts';
import { Field, focusFirstInvalid } from '../ui/Field.tsx';
import type { FieldErrors } from '../ui/field-errors.ts';
import { TIMER_FIELDS, type TimerField, type TimerFormValues, timerFormValues, toTimerPreferences } from './timer-preferences-form.ts';

export function TimerPreferencesCard() {
  const id = useId();
  const read = useLoaded(() => unwrap(caravan().timer.preferences()), []);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Timer</h2>
      {read.status === 'loading' ? (
        <p className="muted">Loading…</p>
      ) : (
        // The form starts from what main keeps; an unreadable answer starts it from main's defaults and says so.
        <TimerPreferencesForm initial={read.value ?? DEFAULT_TIMER_PREFERENCES} readError={read.status === 'failed' ? errorMessage(read.error) : null} />
      )}
    </section>
  );
}

function TimerPreferencesForm({ initial, readError }: { initial: TimerPreferences; readError: string | null }) {
  const [values, setValues] = useState<TimerFormValues>(() => timerFormValues(initial));
  const [errors, setErrors] = useState<FieldErrors<TimerField>>({});
  const [error, setError] = useState<string | null>(readError);
  const [ok, setOk] = useState<string | null>(null);
  const id = useId();
  const fieldId = (field: TimerField) => `${id}-${field}`;
  const set = (field: TimerField) => (event: ChangeEvent<HTMLInputElement>) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    setErrors((e) => (e[field] === undefined ? e : { ...e, [field]: undefined }));
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setOk(null);
    // The Reminders card saves into the same file: start from what main holds now, not from what this form loaded.
    const current = await caravan().timer.preferences();
    if (!current.ok) return setError(current.error.message);
    const checked = toTimerPreferences(values, current.value);
    if (!checked.ok) {
      setErrors(checked.errors);
      setError(null);
      return focusFirstInvalid(TIMER_FIELDS, checked.errors, fieldId);
    }
    setErrors({});
    const result = await caravan().timer.setPreferences(checked.value);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    useStore.getState().setTimerPreferences(result.value);
    setOk('Saved.');
  };

  return (
    <form onSubmit={save} aria-label="Timer settings" autoComplete="off" noValidate>
      <div className="form-grid">
        <Field id={fieldId('idle')} label="Ask “were you away?” after (minutes without input)" error={errors.idle}>
          {(control) => <input autoComplete="off" inputMode="numeric" value={values.idle} onChange={set('idle')} {...control} />}
        </Field>
        <Field id={fieldId('breakReminder')} label="Remind me to take a break after (minutes; 0 = never)" error={errors.breakReminder}>
          {(control) => <input autoComplete="off" inputMode="numeric" value={values.breakReminder} onChange={set('breakReminder')} {...control} />}
        </Field>
        <Field
          id={fieldId('shortcut')}
          label="Start/stop shortcut, anywhere"
          error={errors.shortcut}
          hint="Modifiers and a key joined by +, e.g. CommandOrControl+Alt+T. Empty turns it off."
        >
          {(control) => <input autoComplete="off" value={values.shortcut} placeholder="CommandOrControl+Alt+T" onChange={set('shortcut')} {...control} />}
        </Field>
      </div>
      <FormError message={error} />
      {ok && (
        <p className="form-ok" role="status">
          {ok}
        </p>
      )}
      <button type="submit" className="button">
        Save timer settings
      </button>
    </form>
  );
}
