/**
 * A "timer still running" reminder stayed until dismissed, across sessions and locks, and its
 * "Stop the timer" stopped whatever ran at the click: a session started later, never spoken of.
 */
import { describe, expect, it } from 'vitest';
import type { ActiveReminder } from '../../../../src-renderer/reminders/reminders-slice.ts';
import { shownReminders } from '../../../../src-renderer/reminders/shown-reminders.ts';

const noTime: ActiveReminder = { kind: 'no-time', message: 'No time logged today. Add what you worked on?' };
const longTimer: ActiveReminder = { kind: 'long-timer', message: 'The timer has counted more than 3 h in this session.', sessionId: 's1' };

describe('shownReminders', () => {
  it('shows a long-timer reminder while its session runs', () => {
    expect(shownReminders([noTime, longTimer], 's1')).toEqual([noTime, longTimer]);
  });

  it('hides it once that session stopped or another one runs; the no-time reminder stays', () => {
    expect(shownReminders([noTime, longTimer], undefined)).toEqual([noTime]);
    expect(shownReminders([noTime, longTimer], 's2')).toEqual([noTime]);
  });
});
