/**
 * Writing an `.ics` file with ical.js (never by hand: ARCHITECTURE.md "Libraries").
 *
 * Timed events (time blocks) are written in the block's own zone, DTSTART;TZID=Europe/Lisbon, with
 * a VTIMEZONE for each zone used (vtimezone.ts), not in UTC with X-WR-TIMEZONE: a block logged at
 * 09:00 in Lisbon then reads 09:00 Lisbon in any calendar app, the zone survives a round trip
 * (Caravan's import takes the TZID back as the block's zone), and X-WR-TIMEZONE is a non-standard
 * property that only some apps read. Blocks in UTC are written in UTC. All-day events (deadlines,
 * due dates) are DATEs, which RFC 5545 defines as floating: the day, wherever the reader is.
 *
 * UIDs are `<record id>@caravan`, so importing the file again into a calendar app updates the
 * events instead of adding them twice.
 */
import ICAL from 'ical.js';
import { vtimezone, wallTimeIn } from './vtimezone.ts';

/** One event to write. */
export type IcsItem =
  | { kind: 'timed'; uid: string; summary: string; description: string; start: number; end: number; zone: string }
  | { kind: 'all-day'; uid: string; summary: string; description: string; /** 'YYYY-MM-DD' */ day: string };

const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu']);

function utcTime(epochMs: number) {
  return ICAL.Time.fromJSDate(new Date(epochMs), true);
}

function dateOf(day: string, plusDays = 0) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return ICAL.Time.fromData({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), isDate: true });
}

/** The `.ics` text of `items`, stamped `now`, named `name` (X-WR-CALNAME). */
export function writeIcs(items: readonly IcsItem[], options: { now: number; name: string }): string {
  const calendar = new ICAL.Component('vcalendar');
  calendar.addPropertyWithValue('prodid', '-//Caravan//Caravan calendar export//EN');
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  calendar.addPropertyWithValue('method', 'PUBLISH');
  calendar.addPropertyWithValue('x-wr-calname', options.name);

  // Each zone's period: from its first block's start to its last block's end.
  const spans = new Map<string, { from: number; to: number }>();
  for (const item of items) {
    if (item.kind !== 'timed' || UTC_ZONES.has(item.zone)) continue;
    const span = spans.get(item.zone);
    spans.set(item.zone, { from: Math.min(span?.from ?? item.start, item.start), to: Math.max(span?.to ?? item.end, item.end) });
  }
  for (const [zone, span] of [...spans].sort(([a], [b]) => a.localeCompare(b))) calendar.addSubcomponent(vtimezone(zone, span.from, span.to));

  const stamp = utcTime(options.now);
  for (const item of items) {
    const event = new ICAL.Component('vevent');
    event.addPropertyWithValue('uid', item.uid);
    event.addPropertyWithValue('dtstamp', stamp);
    if (item.kind === 'timed') {
      for (const [name, at] of [
        ['dtstart', item.start],
        ['dtend', item.end],
      ] as const) {
        if (UTC_ZONES.has(item.zone)) {
          event.addPropertyWithValue(name, utcTime(at));
        } else {
          const prop = event.addPropertyWithValue(name, wallTimeIn(at, item.zone));
          prop.setParameter('tzid', item.zone);
        }
      }
    } else {
      event.addPropertyWithValue('dtstart', dateOf(item.day));
      event.addPropertyWithValue('dtend', dateOf(item.day, 1));
      // A deadline blocks no time in the reader's free/busy.
      event.addPropertyWithValue('transp', 'TRANSPARENT');
    }
    event.addPropertyWithValue('summary', item.summary);
    if (item.description !== '') event.addPropertyWithValue('description', item.description);
    calendar.addSubcomponent(event);
  }
  // RFC 5545 §3.1: lines end with CRLF.
  return `${calendar.toString().replace(/\r?\n/g, '\r\n')}\r\n`;
}
