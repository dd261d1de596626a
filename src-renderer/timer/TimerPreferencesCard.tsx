/** Settings → Timer: idle time, break reminder, and the global shortcut, kept by main. */
import { type FormEvent, useId, useState } from 'react';
import { FormError } from '../app/FormError.tsx';
import { useStore } from '../app/store.ts';
import { caravan, unwrap } from '../ipc/caravan.ts';
import { errorMessage } from '../ui/error-message.ts';
import { useLoaded } from '../ui/use-loaded.ts';
import { DEFAULT_TIMER_PREFERENCES, timerPreferencesSchema, type TimerPreferences } from '../../src-preload/contract/timer.ts';

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
  const [idle, setIdle] = useState(String(initial.idleMinutes));
  const [reminder, setReminder] = useState(String(initial.breakReminderMinutes));
  const [shortcut, setShortcut] = useState(initial.shortcut);
  const [error, setError] = useState<string | null>(readError);
  const [ok, setOk] = useState<string | null>(null);
  const id = useId();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setOk(null);
    const idleMinutes = Number(idle);
    const breakReminderMinutes = Number(reminder);
    if (!Number.isInteger(idleMinutes) || idleMinutes < 1) return setError('Idle time is a whole number of minutes, at least 1.');
    if (!Number.isInteger(breakReminderMinutes) || breakReminderMinutes < 0)
      return setError('The break reminder is a whole number of minutes; 0 turns it off.');
    // The Reminders card saves into the same file: start from what main holds now, not from what this form loaded.
    const current = await caravan().timer.preferences();
    if (!current.ok) return setError(current.error.message);
    // The contract's schema, the one main validates with: what this form accepts, main accepts.
    const preferences = timerPreferencesSchema.safeParse({ ...current.value, idleMinutes, breakReminderMinutes, shortcut: shortcut.trim() });
    if (!preferences.success) return setError(preferences.error.issues[0]?.message ?? 'These preferences cannot be saved.');
    const result = await caravan().timer.setPreferences(preferences.data);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    useStore.getState().setTimerPreferences(result.value);
    setOk('Saved.');
  };

  return (
    <form onSubmit={save} aria-label="Timer settings" autoComplete="off">
      <div className="form-grid">
        <div className="field-group">
          <label htmlFor={`${id}-idle`}>Ask “were you away?” after (minutes without input)</label>
          <input autoComplete="off" id={`${id}-idle`} inputMode="numeric" value={idle} onChange={(e) => setIdle(e.target.value)} />
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-reminder`}>Remind me to take a break after (minutes; 0 = never)</label>
          <input autoComplete="off" id={`${id}-reminder`} inputMode="numeric" value={reminder} onChange={(e) => setReminder(e.target.value)} />
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-shortcut`}>Start/stop shortcut, anywhere</label>
          <input autoComplete="off" id={`${id}-shortcut`} value={shortcut} placeholder="CommandOrControl+Alt+T" onChange={(e) => setShortcut(e.target.value)} />
          <p className="field-hint">Modifiers and a key joined by +, e.g. CommandOrControl+Alt+T. Empty turns it off.</p>
        </div>
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
