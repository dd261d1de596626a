/**
 * Saved mappings ("Hetzner invoices", "Bank card export"), one workspace setting
 * `costImport.presets` holding a list. Read through zod: a damaged value is refused in words and
 * the import goes on without presets, never with a half-read one.
 */
import { z } from 'zod';
import { columnMappingSchema } from './mapping.ts';

export const PRESETS_SETTING = 'costImport.presets';
const MAX_PRESETS = 50;

export const costImportPresetSchema = z.strictObject({
  name: z.string().trim().min(1).max(80),
  mapping: columnMappingSchema,
});
/** A saved mapping with its name. */
export type CostImportPreset = z.infer<typeof costImportPresetSchema>;

const presetsSchema = z
  .array(costImportPresetSchema)
  .max(MAX_PRESETS)
  .refine((list) => new Set(list.map((p) => p.name.toLowerCase())).size === list.length, 'two presets share a name');

/** The presets stored under {@link PRESETS_SETTING}; none when never saved; a refusal in words when damaged. */
export function readPresets(value: unknown): { ok: true; presets: CostImportPreset[] } | { ok: false; message: string } {
  if (value === undefined) return { ok: true, presets: [] };
  const parsed = presetsSchema.safeParse(value);
  return parsed.success
    ? { ok: true, presets: parsed.data }
    : { ok: false, message: 'The saved import presets could not be read, so none are offered. Saving a preset again replaces them.' };
}

/** `presets` with `preset` added, or replacing the one of the same name (case ignored); a refusal in words. */
export function withPreset(
  presets: readonly CostImportPreset[],
  preset: CostImportPreset,
): { ok: true; presets: CostImportPreset[] } | { ok: false; message: string } {
  const parsed = costImportPresetSchema.safeParse(preset);
  if (!parsed.success) return { ok: false, message: 'Preset name: type a name of 1 to 80 characters.' };
  const rest = presets.filter((p) => p.name.toLowerCase() !== parsed.data.name.toLowerCase());
  if (rest.length >= MAX_PRESETS) return { ok: false, message: `Presets: at most ${MAX_PRESETS} can be saved; remove one first.` };
  return { ok: true, presets: [...rest, parsed.data].sort((a, b) => a.name.localeCompare(b.name)) };
}
