/**
 * From an ICS date or date-time (as ical.js reads it) to a UTC instant. RFC 5545 §3.3.5 has three
 * forms of date-time, and a date:
 * - UTC (`20260302T080000Z`): the instant as written;
 * - with a TZID: wall time in that zone. Caravan reads the wall time with the runtime's IANA rules
 *   when the TZID names an IANA zone (zone-names.ts: IANA, vendor-prefixed, or an Outlook Windows
 *   name); otherwise with the file's own VTIMEZONE, through ical.js; a TZID neither names nor
 *   defines is read as floating, and said so;
 * - floating (no TZID, no Z): "the same wall time wherever you are", read in the display zone;
 * - a DATE (all-day): the day's midnight in the display zone.
 * Recurrences are expanded by ical.js on wall times (as the RFC wants: a weekly 09:00 stays 09:00
 * across a daylight-saving change); only then is each wall time turned into an instant here.
 */
import ICAL from 'ical.js';
import { fromZoned } from '../../time/zoned-time.ts';
import { ianaZoneOf } from './zone-names.ts';

type IcalTime = InstanceType<typeof ICAL.Time>;
type IcalProperty = InstanceType<typeof ICAL.Property>;
type IcalComponent = InstanceType<typeof ICAL.Component>;
type IcalTimezone = InstanceType<typeof ICAL.Timezone>;

/** How a property's times are to be read. */
export type TimeAnchor =
  | { kind: 'date' }
  | { kind: 'utc' }
  | { kind: 'zone'; zone: string; tzid: string }
  | { kind: 'file-zone'; tzid: string; timezone: IcalTimezone }
  | { kind: 'floating'; unknownTzid?: string };

/** How the times of `prop` (DTSTART, DTEND, RECURRENCE-ID) are read; `calendar` holds the file's VTIMEZONEs. */
export function anchorOf(prop: IcalProperty, calendar: IcalComponent): TimeAnchor {
  const value = prop.getFirstValue() as IcalTime;
  if (value.isDate) return { kind: 'date' };
  if (value.zone === ICAL.Timezone.utcTimezone) return { kind: 'utc' };
  const tzid = prop.getParameter('tzid');
  if (typeof tzid !== 'string' || tzid === '') return { kind: 'floating' };
  const zone = ianaZoneOf(tzid);
  if (zone !== null) return { kind: 'zone', zone, tzid };
  const timezone = calendar.getTimeZoneByID(tzid) as IcalTimezone | null;
  return timezone ? { kind: 'file-zone', tzid, timezone } : { kind: 'floating', unknownTzid: tzid };
}

/** The wall time `time` reads, with a leap second (":60", which RFC 5545 allows) taken as :59. */
function wall(time: IcalTime) {
  return { year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: Math.min(time.second, 59) };
}

/** The instant `time` names when read as `anchor` says; floating times in `displayZone`, dates at UTC midnight. */
export function instantOf(time: IcalTime, anchor: TimeAnchor, displayZone: string): number {
  switch (anchor.kind) {
    case 'date':
      // A DATE names a day on no clock: kept at UTC midnight and read back as a UTC day everywhere
      // (the week's all-day row, the event list, convert to block), so no zone can move it.
      return Date.UTC(time.year, time.month - 1, time.day);
    case 'utc': {
      const w = wall(time);
      return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    }
    case 'zone':
      return fromZoned(wall(time), anchor.zone);
    case 'file-zone': {
      // An occurrence from ical.js's iterator is a floating copy: give it the file's zone back.
      const zoned = new ICAL.Time(wall(time), anchor.timezone);
      return zoned.toUnixTime() * 1000;
    }
    case 'floating':
      return fromZoned(wall(time), displayZone);
  }
}

/** The IANA zone an event was written in, for OverlayEvent.zone: only an IANA (or mapped) TZID gives one. */
export function zoneOfAnchor(anchor: TimeAnchor): string | null {
  return anchor.kind === 'zone' ? anchor.zone : null;
}
