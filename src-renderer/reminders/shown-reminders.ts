/**
 * Which reminders the banner shows. "Timer still running" asks about one session: once that
 * session has stopped or another one runs, the question is answered, and its "Stop the timer"
 * would stop a session it never spoke of, so it is no longer shown.
 */
import type { ActiveReminder } from './reminders-slice.ts';

export function shownReminders(reminders: readonly ActiveReminder[], timerSessionId: string | undefined): ActiveReminder[] {
  return reminders.filter((r) => r.kind !== 'long-timer' || r.sessionId === timerSessionId);
}
