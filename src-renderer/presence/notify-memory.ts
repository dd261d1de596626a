/**
 * Which presence warnings this device has already notified today, so a system notification fires
 * once per day per warning however often the warnings are recomputed (the banner shows them all
 * the time). Kept in the window's local storage like the reminders' memory (reminders/
 * reminder-memory.ts): per device, holding a day and warning ids ("schengen", "tax:PT:2026"),
 * nothing from the vault beyond which countries crossed a threshold.
 */
import type { PresenceWarning } from './warnings.ts';

/** What was notified, and on which day. */
export interface NotifiedMemory {
  day: string;
  ids: string[];
}

/** The warnings due a notification today, and the memory to keep afterwards. Pure. */
export function warningsToNotify(
  warnings: readonly PresenceWarning[],
  today: string,
  memory: NotifiedMemory | null,
): { due: PresenceWarning[]; memory: NotifiedMemory } {
  const already = memory !== null && memory.day === today ? memory.ids : [];
  // An 'over' warning is a new warning, not the same one again: it is notified even when its
  // 'warning' was notified earlier the same day.
  const key = (w: PresenceWarning) => `${w.id}|${w.level}`;
  const due = warnings.filter((w) => !already.includes(key(w)));
  return { due, memory: { day: today, ids: [...already, ...due.map(key)] } };
}

const KEY = 'caravan.presence.notified';

/** The stored memory, or null when none (or storage is refused). */
export function readNotified(): NotifiedMemory | null {
  try {
    const value = JSON.parse(window.localStorage.getItem(KEY) ?? 'null') as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const { day, ids } = value as Partial<NotifiedMemory>;
    return typeof day === 'string' && Array.isArray(ids) ? { day, ids: ids.filter((i): i is string => typeof i === 'string') } : null;
  } catch {
    return null; // storage refused or damaged: a notification may repeat, nothing worse
  }
}

export function rememberNotified(memory: NotifiedMemory): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(memory));
  } catch {
    // As above: the warning is still shown in the window; only the memory is lost.
  }
}
