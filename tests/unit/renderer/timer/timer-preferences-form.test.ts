/** The Timer card's check: every bad field at once in its label's words; the reminders it does not show are kept. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMER_PREFERENCES } from '../../../../src-preload/contract/timer.ts';
import { timerFormValues, toTimerPreferences } from '../../../../src-renderer/timer/timer-preferences-form.ts';
import { validatorText } from '../../support/validator-text.ts';

const CURRENT = { ...DEFAULT_TIMER_PREFERENCES, longTimerReminder: { on: true, minutes: 120 } };

describe('toTimerPreferences', () => {
  it('marks every bad field at once, in words', () => {
    const checked = toTimerPreferences({ idle: '0', breakReminder: '-5', shortcut: 'T' }, CURRENT);
    expect(checked).toEqual({
      ok: false,
      errors: {
        idle: 'Ask “were you away?” after: a whole number of minutes from 1 to 240.',
        breakReminder: 'Break reminder: a whole number of minutes up to 480 (8 hours); 0 turns it off.',
        shortcut: 'Start/stop shortcut: one or more modifiers and a key joined by +, such as CommandOrControl+Alt+T.',
      },
    });
    for (const message of Object.values(checked.ok ? {} : checked.errors)) expect(validatorText(message ?? '')).toBeNull();
    expect(toTimerPreferences({ idle: '2.5', breakReminder: '481', shortcut: 'x'.repeat(61) }, CURRENT)).toMatchObject({
      ok: false,
      errors: { idle: expect.any(String), breakReminder: expect.any(String), shortcut: 'Start/stop shortcut: at most 60 characters.' },
    });
  });

  it('keeps what the card does not show (the reminders) and trims the shortcut', () => {
    const checked = toTimerPreferences({ ...timerFormValues(CURRENT), idle: ' 3 ', shortcut: ' Alt+Shift+F9 ' }, CURRENT);
    expect(checked).toEqual({ ok: true, value: { ...CURRENT, idleMinutes: 3, shortcut: 'Alt+Shift+F9' } });
    expect(toTimerPreferences({ ...timerFormValues(CURRENT), shortcut: '' }, CURRENT)).toMatchObject({ ok: true, value: { shortcut: '' } });
  });
});
