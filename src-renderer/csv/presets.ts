/**
 * Saved column mappings ("Hetzner invoices", "Toggl in German"): one workspace setting per import
 * holding a list of named mappings. Read through zod: a damaged value is refused in words and the
 * import goes on without presets, never with a half-read one.
 */
import { z } from 'zod';

const MAX_PRESETS = 50;

/** A saved mapping with its name. */
export interface Preset<M> {
  name: string;
  mapping: M;
}

export type PresetsRead<M> = { ok: true; presets: Preset<M>[] } | { ok: false; message: string };

/** How one import's presets are read and changed. */
export interface PresetCodec<M> {
  readonly schema: z.ZodType<Preset<M>>;
  /** The stored list; none when never saved; a refusal in words when damaged. */
  read(value: unknown): PresetsRead<M>;
  /** `presets` with `preset` added, or replacing the one of the same name (case ignored); a refusal in words. */
  with(presets: readonly Preset<M>[], preset: Preset<M>): PresetsRead<M>;
}

/** The codec for presets of mappings that `mapping` validates. */
export function presetCodec<M>(mapping: z.ZodType<M>): PresetCodec<M> {
  const schema: z.ZodType<Preset<M>> = z.strictObject({ name: z.string().trim().min(1).max(80), mapping });
  const list = z
    .array(schema)
    .max(MAX_PRESETS)
    .refine((l) => new Set(l.map((p) => p.name.toLowerCase())).size === l.length, 'two presets share a name');
  return {
    schema,
    read(value) {
      if (value === undefined) return { ok: true, presets: [] };
      const parsed = list.safeParse(value);
      return parsed.success
        ? { ok: true, presets: parsed.data }
        : { ok: false, message: 'The saved import presets could not be read, so none are offered. Saving a preset again replaces them.' };
    },
    with(presets, preset) {
      const parsed = schema.safeParse(preset);
      if (!parsed.success) return { ok: false, message: 'Preset name: type a name of 1 to 80 characters.' };
      const rest = presets.filter((p) => p.name.toLowerCase() !== parsed.data.name.toLowerCase());
      if (rest.length >= MAX_PRESETS) return { ok: false, message: `Presets: at most ${MAX_PRESETS} can be saved; remove one first.` };
      return { ok: true, presets: [...rest, parsed.data].sort((a, b) => a.name.localeCompare(b.name)) };
    },
  };
}
