/**
 * Reminders shown in the window, and the timer preferences they read. The preferences are main's
 * (a per-device file); this is the window's copy, loaded once unlocked and replaced whenever a
 * Settings card saves. A reminder stays on screen until the person dismisses it or acts on it:
 * unlike a toast it does not time out, since it may arrive while nobody is looking.
 */
import type { StateCreator } from 'zustand';
import type { TimerPreferences } from '../../src-preload/contract/timer.ts';
import { caravan } from '../ipc/caravan.ts';

export type ReminderKind = 'no-time' | 'long-timer';

export type ActiveReminder =
  | { kind: 'no-time'; message: string }
  /** About one timer session: shown only while that session is the timer's (shown-reminders.ts). */
  | { kind: 'long-timer'; message: string; sessionId: string };

export interface RemindersSlice {
  timerPreferences: TimerPreferences | null;
  /** Reads main's preferences into the window; false when main could not answer (they stay unknown, reminders quiet). */
  loadTimerPreferences: () => Promise<boolean>;
  setTimerPreferences: (preferences: TimerPreferences) => void;
  reminders: ActiveReminder[];
  /** Shows a reminder, replacing one of the same kind. */
  showReminder: (reminder: ActiveReminder) => void;
  dismissReminder: (kind: ReminderKind) => void;
}

export const createRemindersSlice: StateCreator<RemindersSlice, [], [], RemindersSlice> = (set, get) => ({
  timerPreferences: null,
  loadTimerPreferences: async () => {
    const result = await caravan().timer.preferences();
    if (result.ok) set({ timerPreferences: result.value });
    return result.ok;
  },
  setTimerPreferences: (timerPreferences) => set({ timerPreferences }),
  reminders: [],
  showReminder: (reminder) => set({ reminders: [...get().reminders.filter((r) => r.kind !== reminder.kind), reminder] }),
  dismissReminder: (kind) => set({ reminders: get().reminders.filter((r) => r.kind !== kind) }),
});
