/** The saved mappings of one import, read when its mapping step shows and written when the person saves one. */
import { useCallback, useEffect, useState } from 'react';
import { useStore } from '../app/store.ts';
import { errorMessage } from '../ui/error-message.ts';
import type { Preset, PresetCodec } from './presets.ts';

export function usePresets<M>(
  setting: string,
  codec: PresetCodec<M>,
): {
  presets: Preset<M>[];
  /** Why the saved presets are not offered (damaged), or why a save failed. */
  problem: string | null;
  save: (preset: Preset<M>) => Promise<boolean>;
} {
  const readSetting = useStore((s) => s.readSetting);
  const writeSetting = useStore((s) => s.writeSetting);
  const [presets, setPresets] = useState<Preset<M>[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    readSetting(setting).then(
      (value) => {
        if (!live) return;
        const read = codec.read(value);
        if (read.ok) setPresets(read.presets);
        else setProblem(read.message);
      },
      (e: unknown) => live && setProblem(`The saved import presets could not be read: ${errorMessage(e)}`),
    );
    return () => {
      live = false;
    };
  }, [readSetting, setting, codec]);

  const save = useCallback(
    async (preset: Preset<M>) => {
      const next = codec.with(presets, preset);
      if (!next.ok) {
        setProblem(next.message);
        return false;
      }
      try {
        await writeSetting(setting, next.presets);
        setPresets(next.presets);
        setProblem(null);
        return true;
      } catch (e) {
        setProblem(`The preset was not saved: ${errorMessage(e)}`);
        return false;
      }
    },
    [presets, writeSetting, setting, codec],
  );
  return { presets, problem, save };
}
