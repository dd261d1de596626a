import { describe, expect, it } from 'vitest';
import { shiftWeek, weekDays, weekStartOf } from '../../../../src-renderer/calendar/week/week-days.ts';
import { layoutWeek } from '../../../../src-renderer/calendar/week/week-layout.ts';
import { fromZoned } from '../../../../src-renderer/time/zoned-time.ts';

const BERLIN = 'Europe/Berlin';
const HOUR = 3_600_000;
const at = (iso: string, zone = BERLIN) => {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(iso)!;
  return fromZoned({ year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]! }, zone);
};

describe('the days of a week', () => {
  it('starts on Monday in the zone and lists seven days', () => {
    const start = weekStartOf(at('2026-11-19 15:00'), BERLIN);
    const days = weekDays(start, BERLIN);
    expect(days.map((d) => d.iso)).toEqual(['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']);
    expect(days.every((d) => d.lengthMs === 24 * HOUR && d.change === null)).toBe(true);
    expect(weekDays(shiftWeek(start, 1, BERLIN), BERLIN)[0]!.iso).toBe('2026-11-23');
  });

  it('knows the 23-hour day in spring and where its hour is skipped', () => {
    const days = weekDays(weekStartOf(at('2026-03-25 12:00'), BERLIN), BERLIN);
    const sunday = days[6]!;
    expect(sunday.iso).toBe('2026-03-29');
    expect(sunday.lengthMs).toBe(23 * HOUR);
    expect(sunday.change).toEqual({ atMinute: 120, minutes: 60 });
  });

  it('knows the 25-hour day in autumn and its repeated hour', () => {
    const days = weekDays(weekStartOf(at('2026-10-21 12:00'), BERLIN), BERLIN);
    const sunday = days[6]!;
    expect(sunday.iso).toBe('2026-10-25');
    expect(sunday.lengthMs).toBe(25 * HOUR);
    expect(sunday.change).toEqual({ atMinute: 180, minutes: -60 });
  });
});

describe('placing events', () => {
  const week = weekDays(weekStartOf(at('2026-11-19 12:00'), BERLIN), BERLIN);

  it('splits an event across midnight into one segment per day', () => {
    const segments = layoutWeek([{ id: 'late', start: at('2026-11-17 22:00'), end: at('2026-11-18 01:30') }], week, BERLIN);
    expect(segments).toEqual([
      expect.objectContaining({ id: 'late', day: 1, top: 22 * 60, bottom: 1440, continuesBefore: false, continuesAfter: true }),
      expect.objectContaining({ id: 'late', day: 2, top: 0, bottom: 90, continuesBefore: true, continuesAfter: false }),
    ]);
  });

  it('leaves out what lies outside the week and empty ranges', () => {
    const segments = layoutWeek(
      [
        { id: 'before', start: at('2026-11-15 09:00'), end: at('2026-11-15 10:00') },
        { id: 'empty', start: at('2026-11-17 09:00'), end: at('2026-11-17 09:00') },
        { id: 'edge', start: at('2026-11-15 23:00'), end: at('2026-11-16 00:00') },
      ],
      week,
      BERLIN,
    );
    expect(segments).toEqual([]);
  });

  it('sets overlapping events side by side and leaves others full width', () => {
    const segments = layoutWeek(
      [
        { id: 'a', start: at('2026-11-17 09:00'), end: at('2026-11-17 11:00') },
        { id: 'b', start: at('2026-11-17 10:00'), end: at('2026-11-17 12:00') },
        { id: 'c', start: at('2026-11-17 11:30'), end: at('2026-11-17 12:30') },
        { id: 'd', start: at('2026-11-17 14:00'), end: at('2026-11-17 15:00') },
      ],
      week,
      BERLIN,
    );
    const by = Object.fromEntries(segments.map((s) => [s.id, [s.column, s.columns]]));
    // a and b overlap; c starts after a ends, so it takes a's column; d stands alone.
    expect(by).toEqual({ a: [0, 2], b: [1, 2], c: [0, 2], d: [0, 1] });
  });

  it('places by wall clock on the 23-hour day (the skipped hour holds nothing)', () => {
    const days = weekDays(weekStartOf(at('2026-03-25 12:00'), BERLIN), BERLIN);
    // 01:00 to 04:00 on the wall clock lasts two hours: 02:00 never happened.
    const start = at('2026-03-29 01:00');
    const end = at('2026-03-29 04:00');
    expect(end - start).toBe(2 * HOUR);
    const [segment] = layoutWeek([{ id: 'x', start, end }], days, BERLIN);
    expect(segment).toMatchObject({ day: 6, top: 60, bottom: 240 });
  });

  it('keeps a block in the repeated hour of the 25-hour day at least its real length tall', () => {
    const days = weekDays(weekStartOf(at('2026-10-21 12:00'), BERLIN), BERLIN);
    // 02:30 summer time to 02:15 winter time: 45 minutes whose wall end is before its wall start.
    const start = Date.parse('2026-10-25T00:30:00Z');
    const end = Date.parse('2026-10-25T01:15:00Z');
    const [segment] = layoutWeek([{ id: 'x', start, end }], days, BERLIN);
    expect(segment).toMatchObject({ day: 6, top: 150, bottom: 195 });
    // A whole-day event fills the 25-hour day from top to bottom.
    const [whole] = layoutWeek([{ id: 'd', start: days[6]!.start, end: days[6]!.end }], days, BERLIN);
    expect(whole).toMatchObject({ top: 0, bottom: 1440, continuesAfter: false });
  });

  it('splits in the zone it is given: a Berlin afternoon call crosses midnight in Tokyo', () => {
    const tokyoWeek = weekDays(weekStartOf(Date.parse('2026-11-19T00:00:00Z'), 'Asia/Tokyo'), 'Asia/Tokyo');
    const event = { id: 'call', start: Date.parse('2026-11-17T14:00:00Z'), end: Date.parse('2026-11-17T16:00:00Z') };
    expect(layoutWeek([event], week, BERLIN)).toEqual([expect.objectContaining({ day: 1, top: 15 * 60, bottom: 17 * 60 })]);
    expect(layoutWeek([event], tokyoWeek, 'Asia/Tokyo')).toEqual([
      expect.objectContaining({ day: 1, top: 23 * 60, continuesAfter: true }),
      expect.objectContaining({ day: 2, top: 0, bottom: 60 }),
    ]);
  });
});
