/**
 * The timer's preferences as stored and as the machine reads them. Pure: parsing a stored file
 * never throws (a damaged file gives the defaults), and the conversion to machine settings is one
 * place. The shape (and the accelerator check) is the contract's, the one `timer:setPreferences`
 * validates with.
 */
import { DEFAULT_TIMER_PREFERENCES, timerPreferencesSchema, type TimerPreferences } from '../../src-preload/contract/timer.ts';
import type { TimerSettings } from './timer-types.ts';

export const DEFAULT_PREFERENCES = DEFAULT_TIMER_PREFERENCES;

/** Stored preferences, or the defaults for anything missing or damaged. */
export function parsePreferences(stored: unknown): TimerPreferences {
  // A file from before the reminders has no reminder fields: it reads with them off.
  const parsed = timerPreferencesSchema.safeParse({ ...DEFAULT_PREFERENCES, ...(typeof stored === 'object' && stored !== null ? stored : {}) });
  return parsed.success ? parsed.data : structuredClone(DEFAULT_PREFERENCES);
}

/** What the machine reads. */
export function toSettings(p: TimerPreferences): Partial<TimerSettings> {
  return {
    idleThresholdMs: p.idleMinutes * 60_000,
    breakReminderMs: p.breakReminderMinutes * 60_000,
    longSessionMs: p.longTimerReminder.on ? p.longTimerReminder.minutes * 60_000 : 0,
  };
}
