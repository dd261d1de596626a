import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMER_PREFERENCES } from '../../../../src-preload/contract/timer.ts';
import { reminderFormValues, toReminders } from '../../../../src-renderer/settings/reminder-form.ts';

const base = reminderFormValues(DEFAULT_TIMER_PREFERENCES);

describe('the Reminders card form', () => {
  it('starts off, at 17:00 on Monday to Friday with a 180-minute limit', () => {
    expect(base).toEqual({ noTimeOn: false, at: '17:00', days: [1, 2, 3, 4, 5], longOn: false, minutes: '180' });
  });

  it('turns both on with the values typed, days in week order', () => {
    expect(toReminders({ ...base, noTimeOn: true, at: '18:30', days: [5, 1], longOn: true, minutes: ' 240 ' })).toEqual({
      ok: true,
      value: { noTimeReminder: { on: true, at: '18:30', days: [1, 5] }, longTimerReminder: { on: true, minutes: 240 } },
    });
  });

  it('marks every invalid field at once, in the words of its label, with no schema wording', () => {
    const checked = toReminders({ ...base, noTimeOn: true, at: '', days: [], longOn: true, minutes: '5' });
    expect(checked).toEqual({
      ok: false,
      errors: {
        at: 'Remind at must be a time of day such as 17:00.',
        days: 'Work days: choose at least one day.',
        minutes: 'Remind after (minutes): at least 10.',
      },
    });
  });

  it('says what a limit is when it is not a whole number', () => {
    for (const typed of ['3h', '90.5', '-20', '']) {
      const checked = toReminders({ ...base, longOn: true, minutes: typed });
      expect(checked.ok ? 'accepted' : checked.errors.minutes).toBe('Remind after (minutes): a whole number of minutes, such as 180.');
    }
    const tooLong = toReminders({ ...base, longOn: true, minutes: '2000' });
    expect(tooLong.ok ? 'accepted' : tooLong.errors.minutes).toBe('Remind after (minutes): at most 1,440.');
  });
});
