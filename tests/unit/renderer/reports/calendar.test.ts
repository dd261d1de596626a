import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isoWeekOf, memoBuckets, monthOf } from '../../../../src-renderer/reports/calendar.ts';

const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('isoWeekOf', () => {
  it('starts on Monday 00:00 in the zone, not in UTC', () => {
    // Friday 2026-11-20 09:30 UTC.
    const t = Date.UTC(2026, 10, 20, 9, 30);
    expect(isoWeekOf(t, 'UTC')).toEqual({ start: Date.UTC(2026, 10, 16), end: Date.UTC(2026, 10, 23), label: '2026-W47' });
    const berlin = isoWeekOf(t, 'Europe/Berlin');
    expect(iso(berlin.start)).toBe('2026-11-15T23:00:00.000Z');
    expect(berlin.label).toBe('2026-W47');
  });

  it('puts Sunday 23:30 UTC into the next week in Berlin, where it is already Monday', () => {
    const t = Date.UTC(2026, 10, 22, 23, 30);
    expect(isoWeekOf(t, 'UTC').label).toBe('2026-W47');
    expect(isoWeekOf(t, 'Europe/Berlin').label).toBe('2026-W48');
    expect(isoWeekOf(t, 'America/New_York').label).toBe('2026-W47');
  });

  it('labels weeks by the year of their Thursday', () => {
    expect(isoWeekOf(Date.UTC(2027, 0, 1, 12), 'UTC').label).toBe('2026-W53');
    expect(isoWeekOf(Date.UTC(2024, 11, 30, 12), 'UTC').label).toBe('2025-W01');
    expect(isoWeekOf(Date.UTC(2026, 0, 1, 12), 'UTC').label).toBe('2026-W01');
    expect(isoWeekOf(Date.UTC(2021, 0, 3, 12), 'UTC').label).toBe('2020-W53');
  });

  it('is 167 hours long in the week clocks go forward', () => {
    const week = isoWeekOf(Date.UTC(2026, 2, 27, 12), 'Europe/Lisbon');
    expect(week.end - week.start).toBe(167 * H);
    expect(iso(week.start)).toBe('2026-03-23T00:00:00.000Z');
    expect(iso(week.end)).toBe('2026-03-29T23:00:00.000Z');
  });
});

describe('monthOf', () => {
  it('follows the zone across a month boundary', () => {
    const t = Date.UTC(2026, 10, 30, 23, 30); // already 1 December in Berlin
    expect(monthOf(t, 'UTC').label).toBe('2026-11');
    const dec = monthOf(t, 'Europe/Berlin');
    expect(dec.label).toBe('2026-12');
    expect(iso(dec.start)).toBe('2026-11-30T23:00:00.000Z');
    expect(iso(dec.end)).toBe('2026-12-31T23:00:00.000Z');
  });

  it('starts a month whose midnight was skipped at the jump (Asunción, 1 October 2017)', () => {
    const oct = monthOf(Date.UTC(2017, 9, 15), 'America/Asuncion');
    // 00:00 at −04:00 never happened: clocks read 01:00 −03:00 at that instant.
    expect(iso(oct.start)).toBe('2017-10-01T04:00:00.000Z');
    expect(oct.label).toBe('2017-10');
  });

  it('handles zones far from UTC', () => {
    const nov = monthOf(Date.UTC(2026, 9, 31, 12), 'Pacific/Kiritimati');
    expect(nov.label).toBe('2026-11');
    expect(iso(nov.start)).toBe('2026-10-31T10:00:00.000Z');
  });
});

describe('memoBuckets', () => {
  it('agrees with the direct computation for any instant, zone and bucket kind', () => {
    const zones = ['UTC', 'Europe/Berlin', 'America/Santiago', 'Asia/Kolkata', 'Pacific/Chatham', 'America/St_Johns'];
    for (const zone of zones) {
      const weeks = memoBuckets(zone, isoWeekOf);
      const months = memoBuckets(zone, monthOf);
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), (t) => {
          expect(weeks(t)).toEqual(isoWeekOf(t, zone));
          expect(months(t)).toEqual(monthOf(t, zone));
          expect(weeks(t).start).toBeLessThanOrEqual(t);
          expect(weeks(t).end).toBeGreaterThan(t);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('answers both sides of a boundary inside one UTC day', () => {
    const weeks = memoBuckets('Europe/Berlin', isoWeekOf);
    expect(weeks(Date.UTC(2026, 10, 22, 22, 59)).label).toBe('2026-W47');
    expect(weeks(Date.UTC(2026, 10, 22, 23, 0)).label).toBe('2026-W48');
    expect(weeks(Date.UTC(2026, 10, 22, 0, 0)).label).toBe('2026-W47');
  });
});
