/**
 * File and transfer sizes: "812 bytes", "2.8 kB", "4.2 MB", "1.1 GB", through Intl.NumberFormat's
 * units, chosen by size so a 2.8 kB bundle never reads "0.0 MiB". Decimal units (1 kB = 1000 B),
 * as macOS Finder, GNOME Files and Intl's own unit names use; Intl has no kibibyte.
 */

import { pluralize } from './plural.ts';

const UNITS = [
  { unit: 'byte', size: 1 },
  { unit: 'kilobyte', size: 1e3 },
  { unit: 'megabyte', size: 1e6 },
  { unit: 'gigabyte', size: 1e9 },
  { unit: 'terabyte', size: 1e12 },
] as const;

const cache = new Map<string, Intl.NumberFormat>();

/** `bytes` in the largest unit it reaches, with at most one decimal (none for bytes). */
export function formatBytes(bytes: number, locale?: string): string {
  const magnitude = Math.abs(bytes);
  let chosen: (typeof UNITS)[number] = UNITS[0];
  for (const u of UNITS) if (magnitude >= u.size) chosen = u;
  // 999,950 B would round to "1,000 kB": step up a unit instead.
  const next = UNITS[UNITS.indexOf(chosen) + 1];
  if (next && chosen.unit !== 'byte' && Math.round((magnitude / chosen.size) * 10) >= 10_000) chosen = next;
  // Intl's short "byte" has no plural ("812 byte"); bytes are counted in words.
  if (chosen.unit === 'byte') return pluralize(bytes, { one: 'byte', other: 'bytes' }, locale);
  const key = `${locale ?? ''}|${chosen.unit}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'unit', unit: chosen.unit, unitDisplay: 'short', maximumFractionDigits: 1 });
    cache.set(key, format);
  }
  return format.format(bytes / chosen.size);
}
