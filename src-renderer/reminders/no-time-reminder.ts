/**
 * "No time logged by HH:MM on a work day", as a pure decision: given the clock, the person's zone,
 * the preference, the day last reminded and when the vault's blocks started, is a reminder due
 * now? Any work block that started today counts as logged (breaks do not), and so does the timer's
 * work today that is not in the vault yet: blocks still in main's outbox (stored shortly after an
 * unlock) and deep work it is counting now. Only today (the person's local day) is ever
 * considered, so an app opened the next morning says nothing about yesterday, and an app opened
 * late the same evening reminds once.
 *
 * Wall time is compared as wall time: "17:00" means the clock on the wall reads 17:00 or later, on
 * a 23- or 25-hour DST day too. A reminder hour inside a spring-forward gap is due from the first
 * wall time after the gap.
 */
import type { NoTimeReminder, TimerView } from '../../src-preload/contract/timer.ts';
import { worthSaving } from '../timer/timer-blocks.ts';
import { formatIsoDate, zonedDate, zonedParts } from '../time/zoned-time.ts';

/** Minutes after local midnight that "HH:MM" names; null for anything else. */
export function minutesOfDay(clock: string): number | null {
  const match = /^(\d{2}):(\d{2})$/u.exec(clock);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}

export interface NoTimeCheck {
  now: number;
  zone: string;
  reminder: NoTimeReminder;
  /** The local day ("2026-12-07") this device last reminded, or null. */
  lastRemindedDay: string | null;
  /** The vault's time blocks (all of them, or at least every recent one). */
  blocks: Iterable<{ start: number; kind: string }>;
  /** Main's timer, as the window last heard it. */
  timer: TimerWork | null;
}

/** What of the timer's view says whether work was done today. */
export type TimerWork = Pick<TimerView, 'status' | 'counting' | 'period' | 'away' | 'outbox'>;

/**
 * The latest instant the timer counted deep work that no block holds yet: now while it counts, the
 * moment the person went away while that is undecided. Paused, on a break or stopped, the work so
 * far is a block (in the outbox or stored), so there is none.
 */
function timerWorkingAt(timer: TimerWork, now: number): number | undefined {
  if (timer.period?.kind !== 'deep' || (timer.status !== 'running' && timer.status !== 'overrun')) return undefined;
  if (timer.counting) return now;
  return timer.away?.since;
}

export type NoTimeDecision = { due: false } | { due: true; day: string };

export function noTimeReminderDue(check: NoTimeCheck): NoTimeDecision {
  const { reminder, now, zone } = check;
  if (!reminder.on) return { due: false };
  const at = minutesOfDay(reminder.at);
  if (at === null) return { due: false };
  const wall = zonedParts(now, zone);
  const day = formatIsoDate(wall);
  if (check.lastRemindedDay === day) return { due: false };
  if (!reminder.days.includes(wall.weekday)) return { due: false };
  if (wall.hour * 60 + wall.minute < at) return { due: false };
  const today = (t: number) => t <= now && formatIsoDate(zonedDate(t, zone)) === day;
  // A break is not work logged, and a block typed for later today has not started yet.
  for (const block of check.blocks) if (block.kind !== 'break' && today(block.start)) return { due: false };
  if (check.timer) {
    // A stretch under a minute does not become a row of its own.
    if (check.timer.outbox.some((b) => b.kind !== 'break' && worthSaving(b) && today(b.start))) return { due: false };
    const workingAt = timerWorkingAt(check.timer, now);
    if (workingAt !== undefined && today(workingAt)) return { due: false };
  }
  return { due: true, day };
}
