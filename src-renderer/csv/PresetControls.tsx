/** Choosing a saved mapping, and saving the one on screen under a name: the parts every mapping step shares. */
import { useId, useState } from 'react';
import { FormError } from '../app/FormError.tsx';
import type { Preset } from './presets.ts';

/** The "Preset" select; shown only when presets exist. */
export function PresetPicker<M>({ presets, onPick }: { presets: readonly Preset<M>[]; onPick: (preset: Preset<M>) => void }) {
  const id = useId();
  if (presets.length === 0) return null;
  return (
    <div className="field-group">
      <label htmlFor={id}>Preset</label>
      <select
        id={id}
        autoComplete="off"
        defaultValue=""
        onChange={(e) => {
          const preset = presets.find((p) => p.name === e.target.value);
          if (preset) onPick(preset);
        }}
      >
        <option value="">None</option>
        {presets.map((p) => (
          <option key={p.name} value={p.name}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * "Save this mapping as" with its button. `save` returns whether it was saved (the caller shows
 * why not); the name typed is kept so that a preset picked can be saved again under its name.
 */
export function SavePreset({ name, onName, save }: { name: string; onName: (name: string) => void; save: () => Promise<boolean> }) {
  const id = useId();
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <>
      <div className="field-row">
        <label htmlFor={id}>Save this mapping as</label>
        <input id={id} autoComplete="off" maxLength={80} value={name} onChange={(e) => onName(e.target.value)} />
        <button type="button" className="button" onClick={() => void save().then((ok) => setSaved(ok ? `Saved as "${name.trim()}".` : null))}>
          Save preset
        </button>
      </div>
      {saved && (
        <p className="muted" role="status">
          {saved}
        </p>
      )}
    </>
  );
}

/** The foot of a mapping step: save as a preset, what is wrong with the mapping, "Read the file" and Cancel. */
export function MappingFooter(props: {
  name: string;
  onName: (name: string) => void;
  save: () => Promise<boolean>;
  error: string | null;
  onCancel: () => void;
}) {
  return (
    <>
      <SavePreset name={props.name} onName={props.onName} save={props.save} />
      <FormError message={props.error} />
      <div className="button-row">
        <button type="submit" className="button primary">
          Read the file
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
