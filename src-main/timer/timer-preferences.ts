/**
 * The timer's preferences as stored and as the machine reads them. Pure: parsing a stored file
 * never throws (a damaged file gives the defaults), and the conversion to machine settings is one
 * place.
 */
import { z } from 'zod';
import type { TimerPreferences } from '../../src-preload/contract/types.ts';
import type { TimerSettings } from './timer-types.ts';

export const DEFAULT_PREFERENCES: Readonly<TimerPreferences> = { idleMinutes: 5, breakReminderMinutes: 60, shortcut: 'CommandOrControl+Alt+T' };

/**
 * An Electron accelerator: modifiers then one key, joined by "+". Checked here so that a typo is
 * refused with a sentence instead of failing inside Electron.
 */
const MODIFIERS = ['CommandOrControl', 'CmdOrCtrl', 'Command', 'Cmd', 'Control', 'Ctrl', 'Alt', 'Option', 'AltGr', 'Shift', 'Super', 'Meta'];
const KEY = /^(?:[A-Z0-9]|F(?:[1-9]|1[0-9]|2[0-4])|Space|Tab|Backspace|Delete|Insert|Return|Enter|Up|Down|Left|Right|Home|End|PageUp|PageDown|Escape|Esc|Plus|[`\-=[\]\\;',./])$/;

export function isAccelerator(text: string): boolean {
  const parts = text.split('+');
  const key = parts.pop();
  if (key === undefined || !KEY.test(key)) return false;
  // A global shortcut needs at least one modifier, or it would swallow a key everywhere.
  return parts.length > 0 && parts.every((p) => MODIFIERS.includes(p)) && new Set(parts).size === parts.length;
}

export const preferencesSchema = z.strictObject({
  idleMinutes: z.int().min(1, 'Idle time is at least 1 minute.').max(240),
  breakReminderMinutes: z.int().min(0).max(8 * 60),
  shortcut: z
    .string()
    .max(60)
    .refine((s) => s === '' || isAccelerator(s), 'The shortcut needs one or more modifiers and a key, such as CommandOrControl+Alt+T.'),
});

/** Stored preferences, or the defaults for anything missing or damaged. */
export function parsePreferences(stored: unknown): TimerPreferences {
  const parsed = preferencesSchema.safeParse({ ...DEFAULT_PREFERENCES, ...(typeof stored === 'object' && stored !== null ? stored : {}) });
  return parsed.success ? parsed.data : { ...DEFAULT_PREFERENCES };
}

/** What the machine reads. */
export function toSettings(p: TimerPreferences): Partial<TimerSettings> {
  return { idleThresholdMs: p.idleMinutes * 60_000, breakReminderMs: p.breakReminderMinutes * 60_000 };
}
