/** The saved mappings, read when the mapping step shows and written when the person saves one. */
import { useCallback, useEffect, useState } from 'react';
import { useStore } from '../app/store.ts';
import { errorMessage } from '../ui/error-message.ts';
import { type CostImportPreset, PRESETS_SETTING, readPresets, withPreset } from './presets.ts';

export function useCostPresets(): {
  presets: CostImportPreset[];
  /** Why the saved presets are not offered (damaged), or why a save failed. */
  problem: string | null;
  save: (preset: CostImportPreset) => Promise<boolean>;
} {
  const readSetting = useStore((s) => s.readSetting);
  const writeSetting = useStore((s) => s.writeSetting);
  const [presets, setPresets] = useState<CostImportPreset[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    readSetting(PRESETS_SETTING).then(
      (value) => {
        if (!live) return;
        const read = readPresets(value);
        if (read.ok) setPresets(read.presets);
        else setProblem(read.message);
      },
      (e: unknown) => live && setProblem(`The saved import presets could not be read: ${errorMessage(e)}`),
    );
    return () => {
      live = false;
    };
  }, [readSetting]);

  const save = useCallback(
    async (preset: CostImportPreset) => {
      const next = withPreset(presets, preset);
      if (!next.ok) {
        setProblem(next.message);
        return false;
      }
      try {
        await writeSetting(PRESETS_SETTING, next.presets);
        setPresets(next.presets);
        setProblem(null);
        return true;
      } catch (e) {
        setProblem(`The preset was not saved: ${errorMessage(e)}`);
        return false;
      }
    },
    [presets, writeSetting],
  );
  return { presets, problem, save };
}
