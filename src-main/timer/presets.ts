/**
 * Work/break rhythms the timer offers. A preset is plain data (it is copied
 * into the session and journaled), so a preset edited later never changes a
 * block that is already running.
 */
import { z } from 'zod';

export const MINUTE_MS = 60_000;

/** Which rhythm a session follows. `custom` carries its own lengths. */
export type PresetId = 'pomodoro' | 'fifty-ten' | 'deep-90' | 'custom';

/** A work/break rhythm, in integer milliseconds. */
export interface Preset {
  id: PresetId;
  /** Planned length of one deep-work block. */
  workMs: number;
  /** Planned length of an ordinary break. */
  breakMs: number;
  /** Planned length of the long break; equal to `breakMs` when there is none. */
  longBreakMs: number;
  /** A long break follows every Nth completed block; 0 = never. */
  longBreakEvery: number;
}

/** Limits for custom presets: long enough to mean something, short enough to be a block. */
export const CUSTOM_LIMITS = {
  workMin: { min: 1, max: 240 },
  breakMin: { min: 1, max: 60 },
} as const;

export const PRESETS: Readonly<Record<Exclude<PresetId, 'custom'>, Preset>> = {
  pomodoro: { id: 'pomodoro', workMs: 25 * MINUTE_MS, breakMs: 5 * MINUTE_MS, longBreakMs: 15 * MINUTE_MS, longBreakEvery: 4 },
  'fifty-ten': { id: 'fifty-ten', workMs: 50 * MINUTE_MS, breakMs: 10 * MINUTE_MS, longBreakMs: 10 * MINUTE_MS, longBreakEvery: 0 },
  'deep-90': { id: 'deep-90', workMs: 90 * MINUTE_MS, breakMs: 15 * MINUTE_MS, longBreakMs: 15 * MINUTE_MS, longBreakEvery: 0 },
};

export type CustomPresetResult = { ok: true; preset: Preset } | { ok: false; message: string };

/** A custom rhythm from whole minutes. Out-of-range input is a value, not a throw. */
export function customPreset(workMin: number, breakMin: number): CustomPresetResult {
  const { workMin: w, breakMin: b } = CUSTOM_LIMITS;
  if (!Number.isInteger(workMin) || workMin < w.min || workMin > w.max) {
    return { ok: false, message: `A work block is a whole number of minutes from ${w.min} to ${w.max}.` };
  }
  if (!Number.isInteger(breakMin) || breakMin < b.min || breakMin > b.max) {
    return { ok: false, message: `A break is a whole number of minutes from ${b.min} to ${b.max}.` };
  }
  const breakMs = breakMin * MINUTE_MS;
  return { ok: true, preset: { id: 'custom', workMs: workMin * MINUTE_MS, breakMs, longBreakMs: breakMs, longBreakEvery: 0 } };
}

/**
 * The break that follows a deep block. Only a block that reached its planned
 * length counts towards the long break: an early break is a short one.
 */
export function breakAfter(preset: Preset, completedBlocks: number, blockCompleted: boolean): { plannedMs: number; long: boolean } {
  const long = blockCompleted && preset.longBreakEvery > 0 && completedBlocks > 0 && completedBlocks % preset.longBreakEvery === 0;
  return { plannedMs: long ? preset.longBreakMs : preset.breakMs, long };
}

const ms = (maxMin: number) =>
  z
    .number()
    .int()
    .min(MINUTE_MS)
    .max(maxMin * MINUTE_MS);

/** Run-time shape of a preset, for the journal and for IPC arguments. */
export const presetSchema: z.ZodType<Preset> = z.object({
  id: z.enum(['pomodoro', 'fifty-ten', 'deep-90', 'custom']),
  workMs: ms(CUSTOM_LIMITS.workMin.max),
  breakMs: ms(CUSTOM_LIMITS.breakMin.max),
  longBreakMs: ms(CUSTOM_LIMITS.breakMin.max),
  longBreakEvery: z.number().int().min(0).max(12),
});
