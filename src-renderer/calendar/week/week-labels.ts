/**
 * The words the week says about an event, for its accessible name and its tooltip:
 * "Zürich pilot, Acme, Deep work, kickoff, Tue 09:00–10:30". The weekday and times are in the zone the
 * week is drawn in; a segment that is part of a longer event names the whole event's range.
 */
import { formatClockTime } from '../../ui/format/dates.ts';
import { zonedDate, zonedParts } from '../../time/zoned-time.ts';

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

/** "Tue" in the person's locale, for the day `epochMs` falls on in `zone`. */
export function shortWeekday(epochMs: number, zone: string): string {
  let format = weekdayFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: zone });
    weekdayFormats.set(zone, format);
  }
  return format.format(epochMs);
}

/** "Tue 09:00–10:30", or "Tue 22:00–Wed 01:00" across midnight. */
export function rangeWords(start: number, end: number, zone: string): string {
  const a = zonedDate(start, zone);
  // An end at midnight closes the day it ends, as people say "until midnight".
  const last = zonedParts(end, zone);
  const endsAtMidnight = last.hour === 0 && last.minute === 0;
  const b = zonedDate(endsAtMidnight ? end - 1 : end, zone);
  const sameDay = a.year === b.year && a.month === b.month && a.day === b.day;
  const to = sameDay ? formatClockTime(end, zone) : `${shortWeekday(end, zone)} ${formatClockTime(end, zone)}`;
  return `${shortWeekday(start, zone)} ${formatClockTime(start, zone)}–${to}`;
}

/**
 * The accessible name of a block: project, client, kind, note, range; "billed" when it is locked.
 * The words the block shows come first and in the order shown (project, then "client · kind ·
 * note"), so speech input users can say what they see (WCAG 2.5.3, axe label-content-name-mismatch).
 */
export function blockLabel(parts: {
  kind: string;
  project: string;
  client: string;
  note: string;
  start: number;
  end: number;
  zone: string;
  billed: boolean;
}): string {
  const words = [parts.project, parts.client, parts.kind, parts.note.trim(), rangeWords(parts.start, parts.end, parts.zone)].filter((w) => w !== '');
  return `${words.join(', ')}${parts.billed ? ', billed (locked)' : ''}`;
}

/** The accessible name of an imported calendar event. */
export function overlayLabel(parts: { summary: string; location: string; start: number; end: number; zone: string }): string {
  const words = [`Calendar event: ${parts.summary || 'untitled'}`, parts.location, rangeWords(parts.start, parts.end, parts.zone)].filter((w) => w !== '');
  return words.join(', ');
}
