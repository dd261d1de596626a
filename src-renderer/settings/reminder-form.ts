/**
 * The Reminders card's values (as typed) and their check against the contract's schemas, the ones
 * main validates `timer:setPreferences` with. Every invalid field gets a message in the words of
 * its label; kept apart from the component so it is tested without a DOM.
 */
import {
  longTimerReminderSchema,
  noTimeReminderSchema,
  type LongTimerReminder,
  type NoTimeReminder,
  type TimerPreferences,
} from '../../src-preload/contract/timer.ts';
import { type Checked, type FieldErrors, issuesAsFieldErrors } from '../ui/field-errors.ts';

export interface ReminderFormValues {
  noTimeOn: boolean;
  /** "17:00", from a time input. */
  at: string;
  /** ISO weekdays, 1 = Monday. */
  days: number[];
  longOn: boolean;
  /** As typed. */
  minutes: string;
}

/** The fields in the order they appear: focus goes to the first invalid one. */
export const REMINDER_FIELDS = ['at', 'days', 'minutes'] as const;
export type ReminderField = (typeof REMINDER_FIELDS)[number];

export const REMINDER_LABELS: Readonly<Record<ReminderField, string>> = {
  at: 'Remind at',
  days: 'Work days',
  minutes: 'Remind after (minutes)',
};

export const DAY_NAMES: readonly { day: number; short: string; long: string }[] = [
  { day: 1, short: 'Mon', long: 'Monday' },
  { day: 2, short: 'Tue', long: 'Tuesday' },
  { day: 3, short: 'Wed', long: 'Wednesday' },
  { day: 4, short: 'Thu', long: 'Thursday' },
  { day: 5, short: 'Fri', long: 'Friday' },
  { day: 6, short: 'Sat', long: 'Saturday' },
  { day: 7, short: 'Sun', long: 'Sunday' },
];

export function reminderFormValues(p: Pick<TimerPreferences, 'noTimeReminder' | 'longTimerReminder'>): ReminderFormValues {
  return {
    noTimeOn: p.noTimeReminder.on,
    at: p.noTimeReminder.at,
    days: [...p.noTimeReminder.days],
    longOn: p.longTimerReminder.on,
    minutes: String(p.longTimerReminder.minutes),
  };
}

const label = (field: ReminderField) => ({ field, label: REMINDER_LABELS[field] });

export function toReminders(values: ReminderFormValues): Checked<{ noTimeReminder: NoTimeReminder; longTimerReminder: LongTimerReminder }, ReminderField> {
  const errors: FieldErrors<ReminderField> = {};
  const noTime = noTimeReminderSchema.safeParse({ on: values.noTimeOn, at: values.at.trim(), days: [...values.days].sort((a, b) => a - b) });
  if (!noTime.success) Object.assign(errors, issuesAsFieldErrors(noTime.error, { at: label('at'), days: label('days') }, label('at')));
  const typed = values.minutes.trim();
  // Only digits: "90.5" or "3h" would otherwise reach the schema as NaN and read as "not valid".
  const minutes = /^\d{1,5}$/u.test(typed) ? Number(typed) : Number.NaN;
  const long = longTimerReminderSchema.safeParse({ on: values.longOn, minutes });
  if (Number.isNaN(minutes)) errors.minutes = `${REMINDER_LABELS.minutes}: a whole number of minutes, such as 180.`;
  else if (!long.success) Object.assign(errors, issuesAsFieldErrors(long.error, { minutes: label('minutes') }, label('minutes')));
  if (!noTime.success || !long.success) return { ok: false, errors };
  return { ok: true, value: { noTimeReminder: noTime.data, longTimerReminder: long.data } };
}
