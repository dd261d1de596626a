/**
 * Names for the devices that sync a vault, in words instead of key ids ("5236ae8e"): "This
 * device", "Device added 3 Dec", and "Device added 3 Dec (2)" when two joined the same day. The id
 * stays available to the screen as a detail (a tooltip), for support.
 */
import { formatShortDay } from '../ui/format/dates.ts';

export interface DeviceLike {
  readonly id: string;
  readonly addedAt?: number;
}

/** A name per device id, in the order given (the roster's order keeps "(2)" stable). */
export function deviceNames(devices: readonly DeviceLike[], thisDevice: string | null, locale?: string): Map<string, string> {
  const names = new Map<string, string>();
  const seen = new Map<string, number>();
  const sorted = [...devices].sort((a, b) => (a.addedAt ?? Number.MAX_SAFE_INTEGER) - (b.addedAt ?? Number.MAX_SAFE_INTEGER));
  for (const d of sorted) {
    if (d.id === thisDevice) {
      names.set(d.id, 'This device');
      continue;
    }
    const base = d.addedAt === undefined ? 'A device that joined earlier' : `Device added ${formatShortDay(d.addedAt, undefined, locale)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    names.set(d.id, n === 1 ? base : `${base} (${n})`);
  }
  return names;
}
