import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addCalendarDays,
  addZonedDays,
  formatIsoDate,
  formatZonedTime,
  fromZoned,
  isCalendarDate,
  isoWeek,
  isoWeekOfDate,
  startOfZonedDay,
  startOfZonedWeek,
  weekdayOf,
  zonedParts,
  zoneOffsetMs,
} from '../../../../src-renderer/time/zoned-time.ts';

const HOUR = 3_600_000;
const MIN = 60_000;
const utc = (iso: string) => Date.parse(iso);
const iso = (t: number) => new Date(t).toISOString();

describe('zonedParts and zoneOffsetMs', () => {
  const t = utc('2026-11-20T08:30:15.250Z'); // a Friday
  it.each([
    ['Europe/Berlin', { year: 2026, month: 11, day: 20, hour: 9, minute: 30, second: 15, weekday: 5 }, 60],
    ['America/New_York', { year: 2026, month: 11, day: 20, hour: 3, minute: 30, second: 15, weekday: 5 }, -300],
    ['Asia/Kolkata', { year: 2026, month: 11, day: 20, hour: 14, minute: 0, second: 15, weekday: 5 }, 330],
    ['Asia/Kathmandu', { year: 2026, month: 11, day: 20, hour: 14, minute: 15, second: 15, weekday: 5 }, 345],
    ['Pacific/Kiritimati', { year: 2026, month: 11, day: 20, hour: 22, minute: 30, second: 15, weekday: 5 }, 840],
    ['Pacific/Pago_Pago', { year: 2026, month: 11, day: 19, hour: 21, minute: 30, second: 15, weekday: 4 }, -660],
  ])('reads %s', (zone, parts, offsetMinutes) => {
    expect(zonedParts(t, zone)).toEqual(parts);
    expect(zoneOffsetMs(t, zone)).toBe(offsetMinutes * MIN);
  });

  it('reports midnight as hour 0 and Sunday as 7', () => {
    expect(zonedParts(utc('2026-11-22T00:00:00Z'), 'UTC')).toMatchObject({ hour: 0, weekday: 7 });
  });

  it('follows DST in Berlin and New York', () => {
    expect(zoneOffsetMs(utc('2026-07-01T12:00Z'), 'Europe/Berlin')).toBe(2 * HOUR);
    expect(zoneOffsetMs(utc('2026-07-01T12:00Z'), 'America/New_York')).toBe(-4 * HOUR);
  });

  it('throws on a zone the runtime does not know', () => {
    expect(() => zonedParts(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('fromZoned', () => {
  it.each([
    ['Europe/Berlin', '2026-11-20T08:30:00.000Z'],
    ['America/New_York', '2026-11-20T14:30:00.000Z'],
    ['Asia/Kolkata', '2026-11-20T04:00:00.000Z'],
    ['Asia/Kathmandu', '2026-11-20T03:45:00.000Z'],
  ])('reads 09:30 on 2026-11-20 in %s', (zone, expected) => {
    expect(iso(fromZoned({ year: 2026, month: 11, day: 20, hour: 9, minute: 30 }, zone))).toBe(expected);
  });

  it('keeps seconds and milliseconds', () => {
    const t = fromZoned({ year: 2026, month: 11, day: 20, hour: 9, minute: 30, second: 7, millisecond: 123 }, 'Asia/Kathmandu');
    expect(iso(t)).toBe('2026-11-20T03:45:07.123Z');
  });

  it.each([
    // Spring forward: the wall time does not exist and moves forward by the gap.
    ['Europe/Berlin', [2026, 3, 29, 2, 30], '2026-03-29T01:30:00.000Z', '03:30'],
    ['America/New_York', [2026, 3, 8, 2, 30], '2026-03-08T07:30:00.000Z', '03:30'],
    // Kathmandu moved from +5:30 to +5:45 at midnight on 1986-01-01: a 15-minute gap.
    ['Asia/Kathmandu', [1986, 1, 1, 0, 5], '1985-12-31T18:35:00.000Z', '00:20'],
    // Lord Howe Island shifts by 30 minutes.
    ['Australia/Lord_Howe', [2026, 10, 4, 2, 15], '2026-10-03T15:45:00.000Z', '02:45'],
    // Samoa skipped 30 December 2011 entirely.
    ['Pacific/Apia', [2011, 12, 30, 12, 0], '2011-12-30T22:00:00.000Z', '12:00'],
  ])('moves a wall time in a gap forward (%s %j)', (zone, [year, month, day, hour, minute], expected, wallAfter) => {
    const t = fromZoned({ year: year!, month: month!, day: day!, hour: hour!, minute: minute! }, zone);
    expect(iso(t)).toBe(expected);
    expect(formatZonedTime(t, zone)).toBe(wallAfter);
  });

  it.each([
    // Fall back: the wall time happens twice and the earlier instant wins.
    ['Europe/Berlin', [2026, 10, 25, 2, 30], '2026-10-25T00:30:00.000Z', 1 * HOUR],
    ['America/New_York', [2026, 11, 1, 1, 30], '2026-11-01T05:30:00.000Z', 1 * HOUR],
    ['Australia/Lord_Howe', [2026, 4, 5, 1, 45], '2026-04-04T14:45:00.000Z', 30 * MIN],
  ])('takes the earlier instant of a repeated wall time (%s %j)', (zone, [year, month, day, hour, minute], expected, repeat) => {
    const t = fromZoned({ year: year!, month: month!, day: day!, hour: hour!, minute: minute! }, zone);
    expect(iso(t)).toBe(expected);
    // The later instant reads the same wall time: this really was ambiguous.
    expect(zonedParts(t + repeat, zone)).toEqual(zonedParts(t, zone));
  });

  it('refuses fields outside the calendar instead of rolling them over', () => {
    expect(() => fromZoned({ year: 2025, month: 2, day: 29 }, 'UTC')).toThrow(RangeError);
    expect(() => fromZoned({ year: 2026, month: 13, day: 1 }, 'UTC')).toThrow(RangeError);
    expect(() => fromZoned({ year: 2026, month: 1, day: 1, hour: 24 }, 'UTC')).toThrow(RangeError);
    expect(() => fromZoned({ year: 2026, month: 1, day: 1, minute: 1.5 }, 'UTC')).toThrow(RangeError);
  });
});

describe('days and weeks', () => {
  it('gives 23- and 25-hour days on Berlin DST changes', () => {
    const spring = startOfZonedDay(utc('2026-03-29T12:00Z'), 'Europe/Berlin');
    const autumn = startOfZonedDay(utc('2026-10-25T12:00Z'), 'Europe/Berlin');
    expect(iso(spring)).toBe('2026-03-28T23:00:00.000Z');
    expect(addZonedDays(spring, 1, 'Europe/Berlin') - spring).toBe(23 * HOUR);
    expect(addZonedDays(autumn, 1, 'Europe/Berlin') - autumn).toBe(25 * HOUR);
  });

  it('starts a day at the first wall time that exists when midnight is skipped (Santiago)', () => {
    const start = startOfZonedDay(utc('2026-09-06T16:00Z'), 'America/Santiago');
    expect(iso(start)).toBe('2026-09-06T04:00:00.000Z');
    expect(formatZonedTime(start, 'America/Santiago')).toBe('01:00');
  });

  it('starts days in half- and three-quarter-hour zones', () => {
    expect(iso(startOfZonedDay(utc('2026-11-20T20:00Z'), 'Asia/Kolkata'))).toBe('2026-11-20T18:30:00.000Z');
    expect(iso(startOfZonedDay(utc('2026-11-20T10:00Z'), 'Asia/Kathmandu'))).toBe('2026-11-19T18:15:00.000Z');
  });

  it('keeps the wall time when adding days, across DST, months and years', () => {
    const nineAm = fromZoned({ year: 2026, month: 3, day: 7, hour: 9 }, 'America/New_York');
    expect(iso(addZonedDays(nineAm, 1, 'America/New_York'))).toBe('2026-03-08T13:00:00.000Z');
    expect(formatZonedTime(addZonedDays(nineAm, 1, 'America/New_York'), 'America/New_York')).toBe('09:00');
    expect(iso(addZonedDays(utc('2026-12-31T10:00:00.500Z'), 1, 'UTC'))).toBe('2027-01-01T10:00:00.500Z');
    expect(iso(addZonedDays(utc('2026-03-01T10:00Z'), -1, 'UTC'))).toBe('2026-02-28T10:00:00.000Z');
  });

  it('starts weeks on Monday by default, or on the given weekday', () => {
    const sunday = utc('2026-11-22T15:00Z');
    expect(iso(startOfZonedWeek(sunday, 'Europe/Berlin'))).toBe('2026-11-15T23:00:00.000Z');
    expect(iso(startOfZonedWeek(sunday, 'Europe/Berlin', 7))).toBe('2026-11-21T23:00:00.000Z');
    expect(iso(startOfZonedWeek(sunday, 'America/New_York', 6))).toBe('2026-11-21T05:00:00.000Z');
    // The week of the New York fall-back starts in EDT.
    expect(iso(startOfZonedWeek(utc('2026-11-04T12:00Z'), 'America/New_York', 7))).toBe('2026-11-01T04:00:00.000Z');
    expect(() => startOfZonedWeek(sunday, 'UTC', 0)).toThrow(RangeError);
  });

  it('numbers ISO weeks, including week 53 and weeks that belong to the next year', () => {
    expect(isoWeekOfDate({ year: 2021, month: 1, day: 3 })).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOfDate({ year: 2024, month: 12, day: 30 })).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOfDate({ year: 2026, month: 11, day: 20 })).toEqual({ year: 2026, week: 47 });
    // Sunday evening in New York is already Monday morning in Kathmandu.
    const t = utc('2026-11-22T23:00Z');
    expect(isoWeek(t, 'America/New_York')).toEqual({ year: 2026, week: 47 });
    expect(isoWeek(t, 'Asia/Kathmandu')).toEqual({ year: 2026, week: 48 });
  });

  it('does calendar arithmetic without a zone', () => {
    expect(addCalendarDays({ year: 2024, month: 2, day: 28 }, 1)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(addCalendarDays({ year: 2026, month: 1, day: 1 }, -1)).toEqual({ year: 2025, month: 12, day: 31 });
    expect(weekdayOf({ year: 2026, month: 11, day: 22 })).toBe(7);
    expect(isCalendarDate({ year: 2024, month: 2, day: 29 })).toBe(true);
    expect(isCalendarDate({ year: 2025, month: 2, day: 29 })).toBe(false);
    expect(isCalendarDate({ year: 2026, month: 4, day: 31 })).toBe(false);
    expect(isCalendarDate({ year: 2026, month: 12, day: 31 })).toBe(true);
    expect(isCalendarDate({ year: 2026, month: 0, day: 1 })).toBe(false);
    expect(formatIsoDate({ year: 2026, month: 3, day: 9 })).toBe('2026-03-09');
  });
});

describe('round trip properties', () => {
  const zones = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/Santiago', 'Pacific/Apia', 'UTC'];
  const transitions = [
    '2026-03-29T01:00Z',
    '2026-10-25T01:00Z',
    '2026-03-08T07:00Z',
    '2026-11-01T06:00Z',
    '1985-12-31T18:30Z',
    '2026-04-04T15:00Z',
    '2026-10-03T15:30Z',
    '2026-09-06T04:00Z',
    '2011-12-30T10:00Z',
  ].map(utc);
  // Uniform instants almost never land near a transition, so half of them are drawn close to one.
  const instant = fc.oneof(
    fc.integer({ min: utc('1970-01-01T00:00Z'), max: utc('2100-01-01T00:00Z') }),
    fc.tuple(fc.constantFrom(...transitions), fc.integer({ min: -3 * HOUR, max: 3 * HOUR })).map(([t, d]) => t + d),
  );
  const wallOf = (t: number, zone: string) => ({ ...zonedParts(t, zone), millisecond: ((t % 1000) + 1000) % 1000 });

  it('fromZoned(zonedParts(t)) is t, or the earlier instant when the wall time repeats', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (t, zone) => {
        const back = fromZoned(wallOf(t, zone), zone);
        expect(wallOf(back, zone)).toEqual(wallOf(t, zone));
        if (back !== t) {
          // Only a repeated hour may map elsewhere, and then to the earlier pass.
          expect(back).toBeLessThan(t);
          expect(zoneOffsetMs(back, zone)).toBeGreaterThan(zoneOffsetMs(t, zone));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('every instant lies in the day that startOfZonedDay and addZonedDays bound', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (t, zone) => {
        const start = startOfZonedDay(t, zone);
        const next = addZonedDays(start, 1, zone);
        expect(start).toBeLessThanOrEqual(t);
        expect(next).toBeGreaterThan(t);
        // Samoa's missing 30 December makes its 29th last 48 h; everywhere else a day is 23..25 h.
        if (zone !== 'Pacific/Apia') expect(Math.abs(next - start - 24 * HOUR)).toBeLessThanOrEqual(HOUR);
        expect(zonedParts(start, zone).day).toBe(zonedParts(t, zone).day);
      }),
      { numRuns: 1000 },
    );
  });
});
