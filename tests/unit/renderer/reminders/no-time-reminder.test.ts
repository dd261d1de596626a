import { describe, expect, it } from 'vitest';
import { minutesOfDay, noTimeReminderDue, type NoTimeCheck, type TimerWork } from '../../../../src-renderer/reminders/no-time-reminder.ts';
import { fromZoned } from '../../../../src-renderer/time/zoned-time.ts';

const LISBON = 'Europe/Lisbon';
const NEW_YORK = 'America/New_York';
const on = { on: true, at: '17:00', days: [1, 2, 3, 4, 5] };
/** An instant by its wall time in `zone`. */
const wall = (zone: string, year: number, month: number, day: number, hour: number, minute = 0) => fromZoned({ year, month, day, hour, minute }, zone);

const IDLE: TimerWork = { status: 'idle', counting: false, outbox: [] };
const DEEP = { kind: 'deep' as const, plannedMs: 50 * 60_000, cycle: 0, long: false };
const timerBlock = (start: number, end: number, kind: 'deep' | 'break' = 'deep') => ({
  id: `s1:${start}`,
  sessionId: 's1',
  seq: 0,
  kind,
  projectId: 'p1',
  start,
  end,
  cycle: 0,
});

// Monday 7 December 2026.
const check = (over: Partial<NoTimeCheck> = {}): NoTimeCheck => ({
  now: wall(LISBON, 2026, 12, 7, 17, 0),
  zone: LISBON,
  reminder: on,
  lastRemindedDay: null,
  blocks: [],
  timer: IDLE,
  ...over,
});

describe('minutesOfDay', () => {
  it('reads HH:MM and refuses anything else', () => {
    expect(minutesOfDay('00:00')).toBe(0);
    expect(minutesOfDay('17:30')).toBe(17 * 60 + 30);
    expect(minutesOfDay('23:59')).toBe(23 * 60 + 59);
    for (const bad of ['24:00', '7:00', '17:60', '17h00', '', '17:00 ']) expect(minutesOfDay(bad)).toBeNull();
  });
});

describe('noTimeReminderDue', () => {
  it('is due at the hour on a work day with nothing logged, and names the local day', () => {
    expect(noTimeReminderDue(check())).toEqual({ due: true, day: '2026-12-07' });
  });

  it('is not due while turned off (the default)', () => {
    expect(noTimeReminderDue(check({ reminder: { ...on, on: false } }))).toEqual({ due: false });
  });

  it('waits for the hour', () => {
    expect(noTimeReminderDue(check({ now: wall(LISBON, 2026, 12, 7, 16, 59) })).due).toBe(false);
    expect(noTimeReminderDue(check({ now: wall(LISBON, 2026, 12, 7, 16, 59) + 59_999 })).due).toBe(false);
    expect(noTimeReminderDue(check({ now: wall(LISBON, 2026, 12, 7, 23, 59) })).due).toBe(true);
  });

  it('keeps to the chosen work days', () => {
    const saturday = wall(LISBON, 2026, 12, 12, 18);
    expect(noTimeReminderDue(check({ now: saturday })).due).toBe(false);
    expect(noTimeReminderDue(check({ now: saturday, reminder: { ...on, days: [6] } }))).toEqual({ due: true, day: '2026-12-12' });
    // Sunday is 7, not 0.
    expect(noTimeReminderDue(check({ now: wall(LISBON, 2026, 12, 13, 18), reminder: { ...on, days: [7] } })).due).toBe(true);
    expect(noTimeReminderDue(check({ now: wall(LISBON, 2026, 12, 13, 18), reminder: { ...on, days: [1] } })).due).toBe(false);
  });

  it('is silent when a work block started today, whatever its length', () => {
    const blocks = [{ start: wall(LISBON, 2026, 12, 7, 0, 5), kind: 'meeting' }];
    expect(noTimeReminderDue(check({ blocks })).due).toBe(false);
  });

  it('does not count a block from yesterday running past midnight, a break, or one typed for later today', () => {
    const blocks = [
      { start: wall(LISBON, 2026, 12, 6, 23, 30), kind: 'deep' },
      { start: wall(LISBON, 2026, 12, 7, 12), kind: 'break' },
      { start: wall(LISBON, 2026, 12, 7, 18), kind: 'deep' },
    ];
    expect(noTimeReminderDue(check({ blocks })).due).toBe(true);
  });

  it('reminds once a day: not again once the day is recorded, again the next work day', () => {
    expect(noTimeReminderDue(check({ lastRemindedDay: '2026-12-07' })).due).toBe(false);
    expect(noTimeReminderDue(check({ now: wall(LISBON, 2026, 12, 8, 17), lastRemindedDay: '2026-12-07' }))).toEqual({ due: true, day: '2026-12-08' });
  });

  it('started late the same evening: one reminder; the next morning: none for yesterday', () => {
    expect(noTimeReminderDue(check({ now: wall(LISBON, 2026, 12, 7, 19) }))).toEqual({ due: true, day: '2026-12-07' });
    // Monday went unreminded (the app was closed); Tuesday 09:00 is before the hour.
    expect(noTimeReminderDue(check({ now: wall(LISBON, 2026, 12, 8, 9), lastRemindedDay: '2026-12-04' })).due).toBe(false);
    expect(noTimeReminderDue(check({ now: wall(LISBON, 2026, 12, 8, 0, 30), lastRemindedDay: null })).due).toBe(false);
  });

  it('uses the local day, not the UTC one', () => {
    // 20:00 in New York on Monday is 01:00 UTC on Tuesday; the block at 10:00 New York time is Monday's.
    const now = wall(NEW_YORK, 2026, 12, 7, 20);
    expect(new Date(now).getUTCDate()).toBe(8);
    expect(noTimeReminderDue(check({ now, zone: NEW_YORK, blocks: [{ start: wall(NEW_YORK, 2026, 12, 7, 10), kind: 'deep' }] })).due).toBe(false);
    expect(noTimeReminderDue(check({ now, zone: NEW_YORK }))).toEqual({ due: true, day: '2026-12-07' });
  });

  it('on DST days follows the wall clock: spring forward (23 h) and fall back (25 h)', () => {
    // New York, Sunday 8 March 2026: 02:00 jumps to 03:00. A 02:30 reminder is due from 03:00.
    const spring = { ...on, at: '02:30', days: [7] };
    const before = Date.UTC(2026, 2, 8, 6, 59); // 01:59 EST
    expect(noTimeReminderDue(check({ zone: NEW_YORK, now: before, reminder: spring })).due).toBe(false);
    expect(noTimeReminderDue(check({ zone: NEW_YORK, now: before + 60_000, reminder: spring }))).toEqual({ due: true, day: '2026-03-08' });
    // 17:00 on that 23-hour day is still 17:00 on the wall (21:00 UTC, not 22:00).
    const evening = { ...on, days: [7] };
    expect(noTimeReminderDue(check({ zone: NEW_YORK, now: Date.UTC(2026, 2, 8, 20, 59), reminder: evening })).due).toBe(false);
    expect(noTimeReminderDue(check({ zone: NEW_YORK, now: Date.UTC(2026, 2, 8, 21, 0), reminder: evening })).due).toBe(true);

    // Lisbon, Sunday 25 October 2026: 02:00 falls back to 01:00; 01:30 happens twice, the first counts.
    const autumn = { ...on, at: '01:30', days: [7] };
    const firstPass = Date.UTC(2026, 9, 25, 0, 30); // 01:30 WEST
    expect(noTimeReminderDue(check({ zone: LISBON, now: firstPass - 60_000, reminder: autumn })).due).toBe(false);
    expect(noTimeReminderDue(check({ zone: LISBON, now: firstPass, reminder: autumn }))).toEqual({ due: true, day: '2026-10-25' });
    // The second 01:30 (WET) finds the day already reminded.
    expect(noTimeReminderDue(check({ zone: LISBON, now: firstPass + 3_600_000, reminder: autumn, lastRemindedDay: '2026-10-25' })).due).toBe(false);
  });

  it('counts deep work the timer is counting now: a 50-minute block started at 16:30 is time logged', () => {
    const running: TimerWork = { status: 'running', counting: true, period: DEEP, outbox: [] };
    expect(noTimeReminderDue(check({ now: wall(LISBON, 2026, 12, 7, 17, 5), timer: running })).due).toBe(false);
    expect(noTimeReminderDue(check({ now: wall(LISBON, 2026, 12, 7, 17, 5), timer: { ...running, status: 'overrun' } })).due).toBe(false);
    // Away since 16:40 and not yet decided: the work before it was today's.
    const away: TimerWork = { ...running, counting: false, away: { since: wall(LISBON, 2026, 12, 7, 16, 40), cause: 'idle' } };
    expect(noTimeReminderDue(check({ now: wall(LISBON, 2026, 12, 7, 17, 5), timer: away })).due).toBe(false);
    // A break counting now is not work, and away since yesterday says nothing about today.
    expect(noTimeReminderDue(check({ timer: { ...running, status: 'break', period: { ...DEEP, kind: 'break' } } })).due).toBe(true);
    expect(noTimeReminderDue(check({ timer: { ...away, away: { since: wall(LISBON, 2026, 12, 6, 23), cause: 'suspend' } } })).due).toBe(true);
  });

  it('counts the timer’s blocks still in main’s outbox (unlocked at 17:30 after an afternoon of timer work)', () => {
    const now = wall(LISBON, 2026, 12, 7, 17, 30);
    const afternoon = timerBlock(wall(LISBON, 2026, 12, 7, 14), wall(LISBON, 2026, 12, 7, 14, 50));
    expect(noTimeReminderDue(check({ now, timer: { ...IDLE, outbox: [afternoon] } })).due).toBe(false);
    // Paused: the work before the pause is a block in the outbox.
    expect(noTimeReminderDue(check({ now, timer: { status: 'paused', counting: false, period: DEEP, outbox: [afternoon] } })).due).toBe(false);
    // A break, yesterday's block or a 30 s stretch are not time logged today.
    const notWork = [
      timerBlock(wall(LISBON, 2026, 12, 7, 15), wall(LISBON, 2026, 12, 7, 15, 10), 'break'),
      timerBlock(wall(LISBON, 2026, 12, 6, 15), wall(LISBON, 2026, 12, 6, 16)),
      timerBlock(wall(LISBON, 2026, 12, 7, 15), wall(LISBON, 2026, 12, 7, 15) + 30_000),
    ];
    expect(noTimeReminderDue(check({ now, timer: { ...IDLE, outbox: notWork } })).due).toBe(true);
  });
});
