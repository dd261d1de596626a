/**
 * The window's half of the reminders.
 *
 * "No time logged by HH:MM": it reads the vault's blocks, so it runs here, while the vault is
 * unlocked. Every 15 s (and whenever the blocks or the preference change) it asks the pure rule
 * in no-time-reminder.ts, which also counts the timer's work not yet in the vault; when due it records the day first (so a reload cannot say it twice),
 * then shows the reminder in the window and asks main for an OS notification.
 *
 * "Timer still running": main decides and notifies (it keeps the timer, and must also speak while
 * the window is hidden or the vault locked); the view says `longRunning`, and this shows it in the
 * window once per session.
 */
import { useEffect } from 'react';
import { useStore } from '../app/store.ts';
import { caravan } from '../ipc/caravan.ts';
import { noTimeReminderDue } from './no-time-reminder.ts';
import { lastLongTimerSession, lastNoTimeDay, rememberLongTimerSession, rememberNoTimeDay } from './reminder-memory.ts';
import { formatDurationWords } from '../ui/format/index.ts';

export const NO_TIME_TITLE = 'No time logged';
export const NO_TIME_MESSAGE = 'No time logged today. Add what you worked on?';
const CHECK_EVERY_MS = 15_000;

export function useReminders(zone: string): void {
  const ready = useStore((s) => s.workspace.kind === 'ready');
  const preferences = useStore((s) => s.timerPreferences);
  const loadPreferences = useStore((s) => s.loadTimerPreferences);
  const blocks = useStore((s) => s.blocks);
  const showReminder = useStore((s) => s.showReminder);

  useEffect(() => {
    if (ready && !preferences) void loadPreferences();
  }, [ready, preferences, loadPreferences]);

  const noTime = preferences?.noTimeReminder;
  useEffect(() => {
    if (!ready || !noTime?.on) return;
    const check = () => {
      const { blocks: stored, timer } = useStore.getState();
      // Until main's timer is heard from, today's timer work is unknown: say nothing yet.
      if (!timer) return;
      const decision = noTimeReminderDue({ now: Date.now(), zone, reminder: noTime, lastRemindedDay: lastNoTimeDay(), blocks: stored, timer });
      if (!decision.due) return;
      rememberNoTimeDay(decision.day);
      showReminder({ kind: 'no-time', message: NO_TIME_MESSAGE });
      void caravan().app.notify({ title: NO_TIME_TITLE, body: NO_TIME_MESSAGE });
    };
    check();
    const timer = setInterval(check, CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, [ready, noTime, zone, blocks, showReminder]);

  const longSession = useStore((s) => (s.timer?.longRunning ? s.timer.sessionId : undefined));
  const limit = preferences?.longTimerReminder.minutes;
  useEffect(() => {
    if (!longSession || lastLongTimerSession() === longSession) return;
    rememberLongTimerSession(longSession);
    const counted = limit === undefined ? 'longer than you set' : `more than ${formatDurationWords(limit * 60_000)}`;
    showReminder({
      kind: 'long-timer',
      message: `The timer has counted ${counted} in this session. Still working, or did it keep running by mistake?`,
      sessionId: longSession,
    });
  }, [longSession, limit, showReminder]);
}
