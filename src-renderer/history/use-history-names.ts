/**
 * Names for the history views: clients, projects, phases and experiments from the workspace store
 * (plus any the view found in the log, e.g. a client deleted since), and the devices, named as on
 * the Sync screen ("This device", "Device added 3 Dec").
 */
import { useMemo } from 'react';
import { useStore } from '../app/store.ts';
import { deviceNames } from '../sync/device-names.ts';
import type { Names } from './describe.ts';

/** Names from the store; `extra` (table|id → name) fills in what the store no longer holds. */
export function useRecordNames(extra?: ReadonlyMap<string, string>): Names {
  const clients = useStore((s) => s.clients);
  const projects = useStore((s) => s.projects);
  const phases = useStore((s) => s.phases);
  const experiments = useStore((s) => s.experiments);
  return useMemo(() => {
    const map = new Map<string, string>(extra);
    for (const c of clients) map.set(`clients|${c.id}`, c.name);
    for (const p of projects) map.set(`projects|${p.id}`, p.name);
    for (const p of phases) map.set(`phases|${p.id}`, p.name);
    for (const e of experiments) map.set(`experiments|${e.id}`, e.hypothesis);
    return { name: (table, id) => map.get(`${table}|${id}`) };
  }, [clients, projects, phases, experiments, extra]);
}

/** Who made a write: this device (no origin), or the device sync received it from. */
export function useDeviceNameOf(): (origin: string | undefined) => string {
  const sync = useStore((s) => s.sync);
  return useMemo(() => {
    const devices = new Map<string, { id: string; addedAt?: number }>();
    for (const report of Object.values(sync.targets)) for (const d of report.devices) devices.set(d.id, d);
    const names = deviceNames([...devices.values()], sync.deviceId ?? null);
    return (origin) => (origin === undefined ? 'This device' : (names.get(origin) ?? 'Another of your devices'));
  }, [sync.targets, sync.deviceId]);
}
