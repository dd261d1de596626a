/**
 * Settings → Reminders: "no time logged by HH:MM on a work day" and "timer running longer than N
 * minutes", both off until turned on. They live in main's per-device timer preferences, so one
 * reminder does not arrive from every synced device at once.
 */
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import { caravan } from '../ipc/caravan.ts';
import { Field } from '../ui/Field.tsx';
import { type FieldErrors, firstInvalid } from '../ui/field-errors.ts';
import { DEFAULT_TIMER_PREFERENCES, type TimerPreferences } from '../../src-preload/contract/timer.ts';
import { DAY_NAMES, REMINDER_FIELDS, REMINDER_LABELS, type ReminderField, type ReminderFormValues, reminderFormValues, toReminders } from './reminder-form.ts';

export function RemindersCard() {
  const id = useId();
  const preferences = useStore((s) => s.timerPreferences);
  const load = useStore((s) => s.loadTimerPreferences);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!preferences) void load().then((loaded) => setFailed(!loaded));
  }, [preferences, load]);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Reminders</h2>
      {preferences ? (
        <RemindersForm initial={preferences} />
      ) : failed ? (
        // Main's defaults, said as such: saving still works and writes on top of what main holds.
        <RemindersForm initial={DEFAULT_TIMER_PREFERENCES} />
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}

function RemindersForm({ initial }: { initial: TimerPreferences }) {
  const [values, setValues] = useState<ReminderFormValues>(() => reminderFormValues(initial));
  const [errors, setErrors] = useState<FieldErrors<ReminderField>>({});
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const setTimerPreferences = useStore((s) => s.setTimerPreferences);
  const id = useId();
  const fieldId = (key: ReminderField) => `${id}-${key}`;
  const set = <K extends keyof ReminderFormValues>(key: K, value: ReminderFormValues[K]) => {
    setOk(null);
    setValues((v) => ({ ...v, [key]: value }));
  };
  const toggleDay = (day: number, checked: boolean) =>
    set('days', checked ? [...values.days.filter((d) => d !== day), day] : values.days.filter((d) => d !== day));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setOk(null);
    const checked = toReminders(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      setError(null);
      const first = firstInvalid(REMINDER_FIELDS, checked.errors);
      // The days are a group of checkboxes: focus its first box.
      if (first) document.getElementById(first === 'days' ? `${fieldId('days')}-1` : fieldId(first))?.focus();
      return;
    }
    setErrors({});
    // The Timer card saves into the same file: start from what main holds now.
    const current = await caravan().timer.preferences();
    if (!current.ok) return setError(current.error.message);
    const result = await caravan().timer.setPreferences({ ...current.value, ...checked.value });
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setTimerPreferences(result.value);
    setOk('Saved.');
  };

  return (
    <form onSubmit={save} aria-label="Reminder settings" autoComplete="off" noValidate>
      <fieldset className="reminder-group">
        <legend>No time logged</legend>
        <label className="checkbox">
          <input autoComplete="off" type="checkbox" checked={values.noTimeOn} onChange={(e) => set('noTimeOn', e.target.checked)} />
          Remind me when no time is logged by a chosen hour on a work day
        </label>
        <div className="form-grid">
          <Field id={fieldId('at')} label={REMINDER_LABELS.at} error={errors.at}>
            {(control) => <input autoComplete="off" type="time" {...control} value={values.at} onChange={(e) => set('at', e.target.value)} />}
          </Field>
          <Field id={fieldId('days')} label={REMINDER_LABELS.days} error={errors.days}>
            {(control) => (
              <div role="group" className="day-boxes" {...control} aria-label={REMINDER_LABELS.days}>
                {DAY_NAMES.map((d) => (
                  <label key={d.day} className="checkbox">
                    <input
                      autoComplete="off"
                      type="checkbox"
                      id={`${fieldId('days')}-${d.day}`}
                      aria-label={d.long}
                      checked={values.days.includes(d.day)}
                      onChange={(e) => toggleDay(d.day, e.target.checked)}
                    />
                    <span aria-hidden>{d.short}</span>
                  </label>
                ))}
              </div>
            )}
          </Field>
        </div>
        <p className="field-hint">
          Checked in the window: it needs Caravan open and unlocked at that hour (it reads your time blocks). If you open Caravan later that day with nothing
          logged, it reminds you then; never for a day already past. Once a day, on this device only.
        </p>
      </fieldset>
      <fieldset className="reminder-group">
        <legend>Timer running long</legend>
        <label className="checkbox">
          <input autoComplete="off" type="checkbox" checked={values.longOn} onChange={(e) => set('longOn', e.target.checked)} />
          Remind me when the timer has counted more than a chosen time in one session
        </label>
        <Field
          id={fieldId('minutes')}
          label={REMINDER_LABELS.minutes}
          error={errors.minutes}
          hint="Counted work only: pauses and breaks do not count. Comes once per session, also when the window is closed or the vault locked."
        >
          {(control) => (
            <input
              autoComplete="off"
              inputMode="numeric"
              className="short"
              {...control}
              value={values.minutes}
              onChange={(e) => set('minutes', e.target.value)}
            />
          )}
        </Field>
      </fieldset>
      <p className="field-hint">Reminders show in the window and as a notification from your system.</p>
      <FormError message={error} />
      {ok && (
        <p className="form-ok" role="status">
          {ok}
        </p>
      )}
      <button type="submit" className="button">
        Save reminders
      </button>
    </form>
  );
}
