/** The history window (days) from the workspace setting, and a way to change it. */
import { useCallback, useEffect, useState } from 'react';
import { useStore } from '../app/store.ts';
import { DEFAULT_RETENTION_DAYS, HISTORY_RETENTION_KEY, retentionDays } from './retention.ts';

export function useRetentionDays(): { days: number; save: (days: number) => Promise<void> } {
  const readSetting = useStore((s) => s.readSetting);
  const writeSetting = useStore((s) => s.writeSetting);
  const [days, setDays] = useState(DEFAULT_RETENTION_DAYS);
  useEffect(() => {
    let live = true;
    readSetting(HISTORY_RETENTION_KEY)
      .then((stored) => live && setDays(retentionDays(stored)))
      // Unreadable: the default stands, and the Settings card says so when saving fails.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [readSetting]);
  const save = useCallback(
    async (next: number) => {
      await writeSetting(HISTORY_RETENTION_KEY, next);
      setDays(next);
    },
    [writeSetting],
  );
  return { days, save };
}
