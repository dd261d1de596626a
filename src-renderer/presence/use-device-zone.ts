/**
 * Records this device's zone for today while the vault is unlocked (device-zones.ts): at unlock,
 * and whenever the day or the zone changes (the app clock re-reads both every 30 s). Mounted once,
 * in the app shell; it shows nothing.
 */
import { useEffect } from 'react';
import { useStore } from '../app/store.ts';
import { recordDeviceZone } from './device-zones.ts';
import { dayInZone } from './hints.ts';
import { ledgerDeps } from './runtime-deps.ts';

export function useDeviceZoneRecorder(zone: string, now: number): void {
  const ready = useStore((s) => s.workspace.kind === 'ready');
  const day = dayInZone(now, zone);
  useEffect(() => {
    if (!ready) return;
    // A failure loses one day's hint, nothing else: say so in the console, not to the person.
    // Inside the promise: a lock racing this effect makes ledgerDeps() throw, which is caught here.
    Promise.resolve()
      .then(() => recordDeviceZone(ledgerDeps().zones, day, zone))
      .catch((cause: unknown) => console.warn('The device zone for the presence ledger was not recorded.', cause));
  }, [ready, day, zone]);
}
