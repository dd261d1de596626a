/**
 * What a mapping step does with the form on screen: read it (`build` returns the mapping or a
 * refusal in words), go on with it, or save it as a preset under the name typed.
 */
import { type FormEvent, useState } from 'react';
import type { Preset } from './presets.ts';

export function useMappingForm<M>(build: () => M | string, onMapped: (mapping: M) => void, save: (preset: Preset<M>) => Promise<boolean>, presetName: string) {
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const mapping = build();
    if (typeof mapping === 'string') return setError(mapping);
    onMapped(mapping);
  };
  const saveAs = async () => {
    const mapping = build();
    if (typeof mapping === 'string') {
      setError(mapping);
      return false;
    }
    setError(null);
    return save({ name: presetName, mapping });
  };
  return { error, setError, submit, saveAs };
}
