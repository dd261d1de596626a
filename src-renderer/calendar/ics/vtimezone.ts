/**
 * A VTIMEZONE for an IANA zone over a period, built from the runtime's zone rules (Intl, the only
 * zone data Caravan carries: time/zoned-time.ts). ical.js has no zone database, and RFC 5545
 * (§3.6.5) lets a VTIMEZONE list each onset as its own observance, so the zone is written as
 * the offset in force at the period's start plus one observance per change within it (found by a
 * day-by-day scan and a bisection to the second). Calendar apps that know the TZID use their own
 * rules; the others (and ical.js, in the round-trip tests) read these.
 */
import ICAL from 'ical.js';
import { zoneOffsetMs, zonedParts } from '../../time/zoned-time.ts';

type IcalComponent = InstanceType<typeof ICAL.Component>;

const DAY_MS = 86_400_000;
const HALF_YEAR_MS = 182 * DAY_MS;

/** The instants in [from, to] where `zone`'s offset changes (the first instant of the new offset). */
export function offsetChanges(zone: string, from: number, to: number): number[] {
  const changes: number[] = [];
  let at = from;
  let offset = zoneOffsetMs(at, zone);
  while (at < to) {
    const next = Math.min(at + DAY_MS, to);
    const nextOffset = zoneOffsetMs(next, zone);
    if (nextOffset !== offset) {
      // Bisect (to the second) for the first instant with the new offset.
      let lo = at;
      let hi = next;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (zoneOffsetMs(mid, zone) === offset) lo = mid;
        else hi = mid;
      }
      changes.push(hi);
      offset = nextOffset;
    }
    at = next;
  }
  return changes;
}

/** Wall time of `epochMs` at `offsetMs` from UTC, as a floating ICAL.Time. */
function wallAt(epochMs: number, offsetMs: number) {
  const d = new Date(epochMs + offsetMs);
  return ICAL.Time.fromData({
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    isDate: false,
  });
}

/** Daylight when the offset is above the lower of the offsets half a year either side (the zone's standard time). */
function isDaylight(zone: string, at: number, offset: number): boolean {
  return offset > Math.min(zoneOffsetMs(at - HALF_YEAR_MS, zone), zoneOffsetMs(at + HALF_YEAR_MS, zone), offset);
}

function observance(zone: string, at: number, fromOffset: number, toOffset: number): IcalComponent {
  const c = new ICAL.Component(isDaylight(zone, at, toOffset) ? 'daylight' : 'standard');
  // DTSTART of an onset is the wall time just before it, in the offset it changes from (§3.6.5).
  c.addPropertyWithValue('dtstart', wallAt(at, fromOffset));
  c.addPropertyWithValue('tzoffsetfrom', ICAL.UtcOffset.fromSeconds(fromOffset / 1000));
  c.addPropertyWithValue('tzoffsetto', ICAL.UtcOffset.fromSeconds(toOffset / 1000));
  return c;
}

/** The VTIMEZONE of `zone` for instants in [from, to]. */
export function vtimezone(zone: string, from: number, to: number): IcalComponent {
  const tz = new ICAL.Component('vtimezone');
  tz.addPropertyWithValue('tzid', zone);
  // Starts a day early so an event at `from` is after the first onset whatever its offset.
  const start = from - DAY_MS;
  const first = zoneOffsetMs(start, zone);
  tz.addSubcomponent(observance(zone, start, first, first));
  let offset = first;
  for (const at of offsetChanges(zone, start, to + DAY_MS)) {
    const next = zoneOffsetMs(at, zone);
    tz.addSubcomponent(observance(zone, at, offset, next));
    offset = next;
  }
  return tz;
}

/** `epochMs` as wall time in `zone`, for a DTSTART with that TZID. */
export function wallTimeIn(epochMs: number, zone: string) {
  const p = zonedParts(epochMs, zone);
  return ICAL.Time.fromData({ year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second, isDate: false });
}
