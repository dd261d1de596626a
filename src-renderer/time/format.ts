/**
 * Times and durations for display, in the person's locale (Intl), with the block's zone where
 * it matters. Storage and CSV never use these: they keep UTC epoch ms.
 */

const hoursFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, minimumFractionDigits: 0 });

/** Milliseconds as decimal hours: "1.5 h", "12 h". */
export function formatHours(ms: number): string {
  return `${hoursFormat.format(ms / 3_600_000)} h`;
}

/**
 * A duration as "1 h 30 min", "45 min", "2 h", rounded to the minute. Locale-neutral on purpose
 * ("h" and "min" are read the same in most languages): messages built here must not depend on the
 * UI's locale; the UI formats numbers with Intl itself.
 */
export function formatDuration(ms: number): string {
  const { sign, hours, minutes } = split(ms);
  if (hours === 0) return `${sign}${minutes} min`;
  return minutes === 0 ? `${sign}${hours} h` : `${sign}${hours} h ${minutes} min`;
}

/** A duration as "h:mm" ("1:30", "0:45", "26:05"), rounded to the minute, for tables and totals. */
export function formatDurationShort(ms: number): string {
  const { sign, hours, minutes } = split(ms);
  return `${sign}${hours}:${String(minutes).padStart(2, '0')}`;
}

function split(ms: number): { sign: string; hours: number; minutes: number } {
  const total = Math.round(Math.abs(ms) / 60_000);
  return { sign: ms < 0 && total > 0 ? '-' : '', hours: Math.floor(total / 60), minutes: total % 60 };
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = cache.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone });
    cache.set(zone, format);
  }
  return format;
}

/** "09:30" (or "9:30 AM") in `zone`. */
export function formatTime(epochMs: number, zone: string): string {
  return cached(timeFormats, zone, { hour: 'numeric', minute: '2-digit' }).format(epochMs);
}

/** "Mon 20 Nov 2026" in `zone`. */
export function formatDate(epochMs: number, zone: string): string {
  return cached(dateFormats, zone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(epochMs);
}

/** "09:30–11:00" in `zone`. */
export function formatRange(start: number, end: number, zone: string): string {
  return `${formatTime(start, zone)}–${formatTime(end, zone)}`;
}
