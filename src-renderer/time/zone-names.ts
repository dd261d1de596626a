/**
 * Names of zones and of their offsets, for the words people read beside a time: "Lisbon" after a
 * range shown in another zone than the header's, "CEST" and "UTC+2" in a daylight-saving question.
 * Locale-neutral on purpose (these land in sentences built in English), with Intl as the only
 * source of zone rules and abbreviations.
 */
import { zoneOffsetMs } from './zoned-time.ts';

/** "Lisbon" for Europe/Lisbon, "New York" for America/New_York, "UTC" for UTC: the zone's city. */
export function zoneCity(zone: string): string {
  const last = zone.split('/').pop() ?? zone;
  return last.replaceAll('_', ' ');
}

/** "UTC+2", "UTC−3", "UTC+5:30", "UTC": the offset `zone` keeps at `epochMs`. */
export function offsetLabel(epochMs: number, zone: string): string {
  const minutes = Math.round(zoneOffsetMs(epochMs, zone) / 60_000);
  if (minutes === 0) return 'UTC';
  const sign = minutes > 0 ? '+' : '−';
  const abs = Math.abs(minutes);
  const rest = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${rest === 0 ? '' : `:${String(rest).padStart(2, '0')}`}`;
}

const abbreviations = new Map<string, Intl.DateTimeFormat>();

function shortName(epochMs: number, zone: string, locale: 'en-GB' | 'en-US'): string {
  const key = `${locale}|${zone}`;
  let format = abbreviations.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' });
    // Bounded so that a stream of hostile zone names cannot grow it without end.
    if (abbreviations.size >= 200) abbreviations.clear();
    abbreviations.set(key, format);
  }
  return format.formatToParts(epochMs).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/**
 * "CET", "CEST", "EDT" where the zone has a common abbreviation; otherwise (Santiago, Lord Howe,
 * Kolkata) the offset, since ICU's "GMT+11" fallbacks read as yet another system.
 */
export function zoneAbbreviation(epochMs: number, zone: string): string {
  // en-GB knows the European abbreviations (CET, BST) that en-US prints as GMT+1; en-US knows the American ones.
  for (const locale of ['en-GB', 'en-US'] as const) {
    const name = shortName(epochMs, zone, locale);
    if (/^[A-Z]{2,5}$/u.test(name) && name !== 'GMT') return name;
    if (name === 'GMT' && zoneOffsetMs(epochMs, zone) === 0) return zone === 'UTC' || zone === 'Etc/UTC' ? 'UTC' : 'GMT';
  }
  return offsetLabel(epochMs, zone);
}
