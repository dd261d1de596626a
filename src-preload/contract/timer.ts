/** The deep-work timer, kept by main: its view, the commands the window sends, the tray's projects, the preferences. */
import { z } from 'zod';
import { noArgs, recordIdSchema, type EventMap, type InvokeMap } from './spec.ts';

/** A block the timer recorded, waiting for the renderer to store it in the vault. Ids only. */
export const timerBlockSchema = z.strictObject({
  /** `<sessionId>:<seq>`: storing it twice writes one row. */
  id: z.string(),
  sessionId: z.string(),
  seq: z.number(),
  kind: z.enum(['deep', 'break']),
  projectId: z.string(),
  phaseId: z.string().optional(),
  experimentId: z.string().optional(),
  start: z.number(),
  end: z.number(),
  cycle: z.number(),
});
export type TimerBlock = z.infer<typeof timerBlockSchema>;

/** What the window shows of the timer. */
export const timerViewSchema = z.strictObject({
  status: z.enum(['idle', 'running', 'paused', 'break', 'overrun']),
  /** The running session: its blocks' ids start with `<sessionId>:`, so the window can say what a stop saved. */
  sessionId: z.string().optional(),
  projectId: z.string().optional(),
  phaseId: z.string().optional(),
  experimentId: z.string().optional(),
  presetId: z.string().optional(),
  period: z.strictObject({ kind: z.enum(['deep', 'break']), plannedMs: z.number(), cycle: z.number(), long: z.boolean() }).optional(),
  /** Time left in the period at `at` (0 in overrun). */
  remainingMs: z.number(),
  /** Time counted in the period at `at`. */
  accruedMs: z.number(),
  /** Whether time is accruing, so the window may count on between updates. */
  counting: z.boolean(),
  /** The person was away (idle, asleep, locked, app down) since `since`: keep, discard or break? */
  away: z.strictObject({ since: z.number(), cause: z.enum(['idle', 'suspend', 'lock', 'restart']) }).optional(),
  /** Blocks waiting to be stored in the vault. */
  outbox: z.array(timerBlockSchema),
  /** Projects whose kill switch stops the timer until acknowledged. */
  halted: z.array(z.string()),
  /** When this view was computed, epoch ms. */
  at: z.number(),
  /** The running session's counted deep work passed the long-timer reminder's limit (main has notified). */
  longRunning: z.boolean().optional(),
  /** Said once if the journal could not be read at start-up. */
  problem: z.string().optional(),
});
export type TimerView = z.infer<typeof timerViewSchema>;

const binding = { projectId: recordIdSchema, phaseId: recordIdSchema.optional() };

/** What the window can ask the timer to do. */
export const timerCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('start'),
    ...binding,
    preset: z.union([z.enum(['pomodoro', 'fifty-ten', 'deep-90']), z.strictObject({ workMin: z.int().min(1).max(240), breakMin: z.int().min(1).max(60) })]),
  }),
  z.strictObject({ type: z.enum(['pause', 'resume', 'stop', 'startBreak', 'skipBreak']) }),
  z.strictObject({ type: z.literal('switchProject'), ...binding }),
  z.strictObject({ type: z.literal('resolveAway'), choice: z.enum(['keep', 'discard', 'break']) }),
  /** A kill switch that stops the timer has triggered: main stops and refuses this project until acknowledged. */
  z.strictObject({ type: z.literal('killSwitchTriggered'), projectId: recordIdSchema, switchId: recordIdSchema }),
  z.strictObject({ type: z.literal('acknowledgeKillSwitch'), projectId: recordIdSchema }),
]);
export type TimerCommand = z.infer<typeof timerCommandSchema>;

/**
 * Projects the tray may offer, with their labels, sent while the vault is unlocked and replaced by
 * `{ unlocked: false, projects: [] }` on lock: main keeps the names in memory only. At most a
 * menu's worth; names are shortened by the presenter.
 */
export const trayProjectsSchema = z.strictObject({
  unlocked: z.boolean(),
  projects: z.array(z.strictObject({ id: recordIdSchema, name: z.string().max(400) })).max(50),
});
export type TrayProjects = z.infer<typeof trayProjectsSchema>;

/**
 * An Electron accelerator: modifiers then one key, joined by "+". Checked here so that a typo is
 * refused with a sentence instead of failing inside Electron.
 */
const MODIFIERS = ['CommandOrControl', 'CmdOrCtrl', 'Command', 'Cmd', 'Control', 'Ctrl', 'Alt', 'Option', 'AltGr', 'Shift', 'Super', 'Meta'];
const KEY =
  /^(?:[A-Z0-9]|F(?:[1-9]|1[0-9]|2[0-4])|Space|Tab|Backspace|Delete|Insert|Return|Enter|Up|Down|Left|Right|Home|End|PageUp|PageDown|Escape|Esc|Plus|[`\-=[\]\\;',./])$/;

export function isAccelerator(text: string): boolean {
  const parts = text.split('+');
  const key = parts.pop();
  if (key === undefined || !KEY.test(key)) return false;
  // A global shortcut needs at least one modifier, or it would swallow a key everywhere.
  return parts.length > 0 && parts.every((p) => MODIFIERS.includes(p)) && new Set(parts).size === parts.length;
}

/** A time of day on a 24-hour clock, "HH:MM". */
const CLOCK_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/u;

/** Work days, ISO numbered: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * "No time logged by HH:MM on a work day": the window checks its vault and reminds once a day.
 * Per device (this file), so a person with two computers is not told twice.
 */
export const noTimeReminderSchema = z
  .strictObject({
    on: z.boolean(),
    /** Local wall-clock time, "17:00". */
    at: z.string().max(5).regex(CLOCK_TIME, 'must be a time of day such as 17:00'),
    days: z.array(z.int().min(1).max(7)).max(7),
  })
  .refine((r) => new Set(r.days).size === r.days.length, { message: 'a day is listed twice', path: ['days'] })
  .refine((r) => !r.on || r.days.length > 0, { message: 'choose at least one day', path: ['days'] });
export type NoTimeReminder = z.infer<typeof noTimeReminderSchema>;

/** "Timer running longer than N minutes": main reminds once per session when its counted deep work passes N. */
export const longTimerReminderSchema = z.strictObject({
  on: z.boolean(),
  minutes: z
    .int()
    .min(10)
    .max(24 * 60),
});
export type LongTimerReminder = z.infer<typeof longTimerReminderSchema>;

/** The timer's preferences, kept by main. */
export const timerPreferencesSchema = z.strictObject({
  /** No input for this long asks "you were away". At least 1. */
  idleMinutes: z.int().min(1, 'Idle time is at least 1 minute.').max(240, 'Idle time is at most 240 minutes.'),
  /** Remind to take a break after this much continuous deep work; 0 = never. */
  breakReminderMinutes: z
    .int()
    .min(0, 'The break reminder is 0 (never) or more minutes.')
    .max(8 * 60, 'The break reminder is at most 480 minutes (8 hours).'),
  /** Electron accelerator that starts or stops the timer from anywhere ("CommandOrControl+Alt+T"); empty = none. */
  shortcut: z
    .string()
    .max(60, 'The shortcut is at most 60 characters.')
    .refine((s) => s === '' || isAccelerator(s), 'The shortcut needs one or more modifiers and a key, such as CommandOrControl+Alt+T.'),
  noTimeReminder: noTimeReminderSchema,
  longTimerReminder: longTimerReminderSchema,
});
export type TimerPreferences = z.infer<typeof timerPreferencesSchema>;

/** What main uses until the person changes them (and when its stored file is damaged). */
export const DEFAULT_TIMER_PREFERENCES: Readonly<TimerPreferences> = {
  idleMinutes: 5,
  breakReminderMinutes: 60,
  shortcut: 'CommandOrControl+Alt+T',
  // Off until the person turns them on; the hour, days and limit are what turning on starts from.
  noTimeReminder: { on: false, at: '17:00', days: [1, 2, 3, 4, 5] },
  longTimerReminder: { on: false, minutes: 180 },
};

export const timerInvoke = {
  /** The timer as it is now. */
  'timer:state': { args: noArgs, result: timerViewSchema },
  /** Start, pause, stop, answer an away question...; a refusal (kill switch, away pending) is an error with the reason. */
  'timer:command': { args: z.tuple([timerCommandSchema]), result: timerViewSchema },
  /** The vault stored this timer block (idempotent); main drops it from its outbox. */
  'timer:blockStored': { args: z.tuple([recordIdSchema]), result: timerViewSchema },
  /** Which projects the tray offers and under what names (names only while unlocked, kept in memory). */
  'timer:trayProjects': { args: z.tuple([trayProjectsSchema]), result: z.void() },
  /** The timer's preferences. */
  'timer:preferences': { args: noArgs, result: timerPreferencesSchema },
  /** Changes them; a shortcut another app holds is refused ('unavailable') and nothing changes. */
  'timer:setPreferences': { args: z.tuple([timerPreferencesSchema]), result: timerPreferencesSchema },
} satisfies InvokeMap<'timer'>;

export const timerEvents = {
  /** The timer changed (a step, a tick each second while it runs, a tray click). */
  'timer:changed': timerViewSchema,
} satisfies EventMap<'timer'>;
