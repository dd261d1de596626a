/** The devices' names in words (device-names.ts), from what the targets' rosters list. */
import { useCallback, useMemo } from 'react';
import { useStore } from '../app/store.ts';
import { deviceNames } from './device-names.ts';

export function useDeviceName(): (id: string) => string {
  const targets = useStore((s) => s.sync.targets);
  const thisDevice = useStore((s) => s.sync.deviceId ?? null);
  const names = useMemo(() => {
    const all = new Map<string, { id: string; addedAt?: number }>();
    for (const report of Object.values(targets)) for (const d of report.devices) all.set(d.id, d);
    return deviceNames([...all.values()], thisDevice);
  }, [targets, thisDevice]);
  return useCallback((id: string) => names.get(id) ?? (id === thisDevice ? 'This device' : 'Another device'), [names, thisDevice]);
}
