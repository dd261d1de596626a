/**
 * "Timer running longer than N minutes": main fires it once per session when the session's
 * counted deep work passes N. Counted means what the ledger will hold: pauses, breaks and away
 * time not (yet) kept do not count, so a paused timer never trips it.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../../src-main/timer/presets.ts';
import { recover, serializeJournal } from '../../../../src-main/timer/journal.ts';
import { step } from '../../../../src-main/timer/timer-machine.ts';
import { TimerController } from '../../../../src-main/timer/timer-controller.ts';
import { DEFAULT_PREFERENCES } from '../../../../src-main/timer/timer-preferences.ts';
import type { TimerPreferences } from '../../../../src-preload/contract/timer.ts';
import { Driver, MIN, noticesOf, T0 } from './harness.ts';

const deep90 = (sessionId = 's1', projectId = 'p1') => ({ type: 'start', sessionId, projectId, preset: PRESETS['deep-90'] }) as const;
const longOnly = (notices: string[]) => notices.filter((n) => n === 'long-session');

describe('long-timer reminder in the machine', () => {
  it('is off by default', () => {
    const d = new Driver();
    d.at(0, deep90());
    d.at(600);
    expect(d.notices()).not.toContain('long-session');
  });

  it('fires once when the counted time passes the limit, in overrun too', () => {
    const d = new Driver(T0, { settings: { longSessionMs: 100 * MIN } });
    d.at(0, deep90());
    expect(noticesOf(d.at(90))).toEqual(['block-end']);
    expect(noticesOf(d.at(99.99))).toEqual([]);
    expect(noticesOf(d.at(100))).toEqual(['long-session']);
    d.at(150);
    d.at(400);
    expect(longOnly(d.notices())).toHaveLength(1);
  });

  it('does not count or fire while paused; fires once work resumes past the limit', () => {
    const d = new Driver(T0, { settings: { longSessionMs: 60 * MIN } });
    d.at(0, deep90());
    d.at(50, { type: 'pause' });
    expect(longOnly(noticesOf(d.at(300)))).toEqual([]);
    d.at(300, { type: 'resume' });
    expect(noticesOf(d.at(309.9))).toEqual([]);
    expect(noticesOf(d.at(310))).toEqual(['long-session']);
  });

  it('does not count breaks', () => {
    const d = new Driver(T0, { settings: { longSessionMs: 30 * MIN, breakReminderMs: 0 } });
    d.at(0, { type: 'start', sessionId: 's1', projectId: 'p1', preset: PRESETS.pomodoro });
    d.at(25, { type: 'startBreak' });
    d.at(30); // the break ends; the timer waits paused
    d.at(31, { type: 'resume' });
    expect(noticesOf(d.at(35.9))).toEqual([]);
    expect(noticesOf(d.at(36))).toEqual(['long-session']);
  });

  it('does not count away time until it is kept', () => {
    const d = new Driver(T0, { settings: { longSessionMs: 60 * MIN, idleThresholdMs: 5 * MIN } });
    d.at(0, deep90());
    d.at(45, { type: 'idleDetected', idleSince: T0 + 40 * MIN });
    expect(longOnly(noticesOf(d.at(120)))).toEqual([]);
    expect(noticesOf(d.at(120, { type: 'idleResolved', choice: 'keep' }))).toContain('long-session');
  });

  it('fires again for the next session, not twice for one', () => {
    const d = new Driver(T0, { settings: { longSessionMs: 60 * MIN, breakReminderMs: 0 } });
    d.at(0, deep90());
    d.at(70);
    d.at(70, { type: 'stop' });
    d.at(71, deep90('s2'));
    expect(noticesOf(d.at(130.9))).toEqual([]);
    expect(noticesOf(d.at(131))).toEqual(['long-session']);
    expect(longOnly(d.notices())).toHaveLength(2);
  });

  it('stays fired across a restart (the journal keeps it)', () => {
    const d = new Driver(T0, { settings: { longSessionMs: 60 * MIN } });
    d.at(0, deep90());
    d.at(61);
    expect(longOnly(d.notices())).toHaveLength(1);
    const restarted = recover(serializeJournal(d.state), T0 + 62 * MIN, { settings: { longSessionMs: 60 * MIN } });
    expect(restarted.state.session?.longReminded).toBe(true);
    expect(noticesOf(restarted.effects)).toEqual([]);
  });

  it('reads a journal written before the count was kept, and counts on from it', () => {
    const d = new Driver(T0);
    d.at(0, deep90());
    d.at(10, { type: 'pause' });
    d.at(11, { type: 'resume' });
    const old = JSON.parse(serializeJournal(d.state)) as { state: { session: Record<string, unknown> } };
    expect(old.state.session.workedMs).toBe(10 * MIN);
    delete old.state.session.workedMs;
    const settings = { longSessionMs: 30 * MIN };
    const restarted = recover(JSON.stringify(old), T0 + 12 * MIN, { settings });
    expect(restarted.problem).toBeUndefined();
    // Without the older count, only the open stretch counts: a late reminder rather than a lost journal.
    expect(noticesOf(step(restarted.state, { type: 'tick' }, T0 + 40 * MIN, { settings }).effects)).toEqual([]);
    expect(noticesOf(step(restarted.state, { type: 'tick' }, T0 + 41 * MIN, { settings }).effects)).toEqual(['long-session']);
  });
});

describe('long-timer reminder through main', () => {
  async function controller(preferences: TimerPreferences) {
    const w = { time: Date.UTC(2026, 11, 7, 8), notes: [] as string[], views: [] as boolean[] };
    let stored: unknown = preferences;
    const timer = await TimerController.create({
      now: () => w.time,
      journal: { read: async () => null, write: async () => {} },
      newSessionId: () => 'sess',
      platform: 'linux',
      broadcast: (view) => w.views.push(view.longRunning === true),
      drawTray: () => {},
      showNotification: (title, body) => w.notes.push(`${title}: ${body}`),
      openWindow: () => {},
      quit: () => {},
      preferencesStore: { read: async () => stored, write: async (value) => void (stored = value) },
    });
    return { w, timer };
  }
  const on = { ...DEFAULT_PREFERENCES, breakReminderMinutes: 0, longTimerReminder: { on: true, minutes: 150 } };

  it('notifies once with the limit and the project name while unlocked, and the window hears it in the view', async () => {
    const { w, timer } = await controller(on);
    timer.setTrayProjects({ unlocked: true, projects: [{ id: 'p1', name: 'Acme · Churn model' }] });
    await timer.command({ type: 'start', projectId: 'p1', preset: 'deep-90' });
    w.time += 149 * MIN;
    await timer.service.dispatch({ type: 'tick' });
    expect(timer.view().longRunning).toBeUndefined();
    w.time += MIN;
    await timer.service.dispatch({ type: 'tick' });
    w.time += 30 * MIN;
    await timer.service.dispatch({ type: 'tick' });
    const reminders = w.notes.filter((n) => n.startsWith('Timer still running'));
    expect(reminders).toEqual([
      'Timer still running: The timer has counted more than 2 h 30 min on Acme · Churn model. Still working, or did it keep running by mistake?',
    ]);
    expect(timer.view().longRunning).toBe(true);
    expect(w.views.at(-1)).toBe(true);
    expect((await timer.command({ type: 'stop' })).longRunning).toBeUndefined();
  });

  it('names no project while the vault is locked', async () => {
    const { w, timer } = await controller(on);
    timer.setTrayProjects({ unlocked: true, projects: [{ id: 'p1', name: 'Acme · Churn model' }] });
    await timer.command({ type: 'start', projectId: 'p1', preset: 'deep-90' });
    timer.setTrayProjects({ unlocked: false, projects: [] });
    w.time += 151 * MIN;
    await timer.service.dispatch({ type: 'tick' });
    const reminder = w.notes.find((n) => n.startsWith('Timer still running'));
    expect(reminder).toBeDefined();
    expect(reminder).not.toContain('Acme');
  });

  it('stays silent when off (the default) and follows a change of the limit', async () => {
    const { w, timer } = await controller(DEFAULT_PREFERENCES);
    await timer.command({ type: 'start', projectId: 'p1', preset: 'deep-90' });
    w.time += 200 * MIN;
    await timer.service.dispatch({ type: 'tick' });
    expect(w.notes.filter((n) => n.startsWith('Timer still running'))).toEqual([]);
    await timer.setPreferences({ ...DEFAULT_PREFERENCES, longTimerReminder: { on: true, minutes: 180 } });
    w.time += 1_000;
    await timer.service.dispatch({ type: 'tick' });
    expect(w.notes.filter((n) => n.startsWith('Timer still running'))).toEqual([
      'Timer still running: The timer has counted more than 3 h. Still working, or did it keep running by mistake?',
    ]);
  });
});

describe('stored preferences from before the reminders', () => {
  it('read with both reminders off and their starting values', async () => {
    const { parsePreferences } = await import('../../../../src-main/timer/timer-preferences.ts');
    expect(parsePreferences({ idleMinutes: 7, breakReminderMinutes: 45, shortcut: '' })).toEqual({
      idleMinutes: 7,
      breakReminderMinutes: 45,
      shortcut: '',
      noTimeReminder: { on: false, at: '17:00', days: [1, 2, 3, 4, 5] },
      longTimerReminder: { on: false, minutes: 180 },
    });
  });
});
