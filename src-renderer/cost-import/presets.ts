/** Saved cost mappings ("Hetzner invoices", "Bank card export"): the workspace setting `costImport.presets`. */
import { presetCodec, type Preset } from '../csv/presets.ts';
import { type ColumnMapping, columnMappingSchema } from './mapping.ts';

export const PRESETS_SETTING = 'costImport.presets';

export const costPresets = presetCodec(columnMappingSchema);
export const costImportPresetSchema = costPresets.schema;
/** A saved mapping with its name. */
export type CostImportPreset = Preset<ColumnMapping>;

/** The presets stored under {@link PRESETS_SETTING}; none when never saved; a refusal in words when damaged. */
export const readPresets = (value: unknown) => costPresets.read(value);

/** `presets` with `preset` added, or replacing the one of the same name (case ignored); a refusal in words. */
export const withPreset = (presets: readonly CostImportPreset[], preset: CostImportPreset) => costPresets.with(presets, preset);
