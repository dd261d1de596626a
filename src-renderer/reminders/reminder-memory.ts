/**
 * What this device remembers about reminders it already gave, so a reload or a restart does not
 * give them again: the local day of the last "no time logged" reminder, and the timer session the
 * window last showed "still running" for. Kept in the window's local storage, which is per device
 * like the preference itself, and holds a date and a random session id: nothing from the vault.
 */
const NO_TIME_DAY = 'caravan.reminders.noTimeDay';
const LONG_TIMER_SESSION = 'caravan.reminders.longTimerSession';

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage refused (a locked-down profile): reminders may repeat after a reload, nothing worse
  }
}

function write(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // As above: the reminder is still shown; only its memory across reloads is lost.
  }
}

export const lastNoTimeDay = (): string | null => read(NO_TIME_DAY);
export const rememberNoTimeDay = (day: string): void => write(NO_TIME_DAY, day);
export const lastLongTimerSession = (): string | null => read(LONG_TIMER_SESSION);
export const rememberLongTimerSession = (sessionId: string): void => write(LONG_TIMER_SESSION, sessionId);
