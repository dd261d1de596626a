/**
 * The Timer card's values (as typed) and their check against the contract's schema, the one main
 * validates `timer:setPreferences` with: every invalid field at once, in the words of its label.
 */
import { isAccelerator, timerPreferencesSchema, type TimerPreferences } from '../../src-preload/contract/timer.ts';
import { type Checked, type FieldErrors, issuesAsFieldErrors } from '../ui/field-errors.ts';

export interface TimerFormValues {
  idle: string;
  breakReminder: string;
  shortcut: string;
}

export const TIMER_FIELDS = ['idle', 'breakReminder', 'shortcut'] as const;
export type TimerField = (typeof TIMER_FIELDS)[number];

export const TIMER_LABELS: Readonly<Record<TimerField, string>> = {
  idle: 'Ask “were you away?” after',
  breakReminder: 'Break reminder',
  shortcut: 'Start/stop shortcut',
};

export function timerFormValues(p: TimerPreferences): TimerFormValues {
  return { idle: String(p.idleMinutes), breakReminder: String(p.breakReminderMinutes), shortcut: p.shortcut };
}

const WHOLE = /^\d{1,5}$/u;
const label = (field: TimerField) => ({ field, label: TIMER_LABELS[field] });

/** `current` with the card's fields changed: the Reminders card saves into the same preferences. */
export function toTimerPreferences(values: TimerFormValues, current: TimerPreferences): Checked<TimerPreferences, TimerField> {
  const errors: FieldErrors<TimerField> = {};
  const idle = values.idle.trim();
  const reminder = values.breakReminder.trim();
  const shortcut = values.shortcut.trim();
  if (!WHOLE.test(idle) || Number(idle) < 1 || Number(idle) > 240) errors.idle = `${TIMER_LABELS.idle}: a whole number of minutes from 1 to 240.`;
  if (!WHOLE.test(reminder) || Number(reminder) > 480) {
    errors.breakReminder = `${TIMER_LABELS.breakReminder}: a whole number of minutes up to 480 (8 hours); 0 turns it off.`;
  }
  if (shortcut.length > 60) errors.shortcut = `${TIMER_LABELS.shortcut}: at most 60 characters.`;
  else if (shortcut !== '' && !isAccelerator(shortcut)) {
    errors.shortcut = `${TIMER_LABELS.shortcut}: one or more modifiers and a key joined by +, such as CommandOrControl+Alt+T.`;
  }
  const parsed = timerPreferencesSchema.safeParse({
    ...current,
    idleMinutes: WHOLE.test(idle) ? Number(idle) : current.idleMinutes,
    breakReminderMinutes: WHOLE.test(reminder) ? Number(reminder) : current.breakReminderMinutes,
    shortcut,
  });
  if (!parsed.success) {
    const found = issuesAsFieldErrors(
      parsed.error,
      { idleMinutes: label('idle'), breakReminderMinutes: label('breakReminder'), shortcut: label('shortcut') },
      label('shortcut'),
    );
    for (const field of TIMER_FIELDS) errors[field] ??= found[field];
  }
  return Object.values(errors).some((m) => m !== undefined) || !parsed.success ? { ok: false, errors } : { ok: true, value: parsed.data };
}
