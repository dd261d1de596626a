import { describe, expect, it } from 'vitest';
import {
  countOf,
  formatBytes,
  formatCalendarDate,
  formatCalendarDay,
  formatClock,
  formatDay,
  formatDecimalHours,
  formatDurationWords,
  formatHoursIn,
  formatInstant,
  formatPercent,
  formatTimerClock,
  formatRelative,
  formatShortDay,
  formatSpan,
  pluralize,
} from '../../../../../src-renderer/ui/format/index.ts';

const MIN = 60_000;
const H = 60 * MIN;

describe('hours', () => {
  it('h:mm rounds to the minute, half up, and keeps the sign', () => {
    expect(formatClock(4.5 * H)).toBe('4:30');
    expect(formatClock(26 * H + 5 * MIN)).toBe('26:05');
    expect(formatClock(29_999)).toBe('0:00');
    expect(formatClock(30_000)).toBe('0:01');
    expect(formatClock(-H)).toBe('-1:00');
    expect(formatClock(-10_000)).toBe('0:00');
  });

  it('decimal hours come from whole minutes: 3 h 20 min is 3.33 h, never 3.34 h', () => {
    expect(formatDecimalHours(3 * H + 20 * MIN, 'en-GB')).toBe('3.33');
    expect(formatDecimalHours(3 * H + 20 * MIN + 24_000, 'en-GB')).toBe('3.33');
    expect(formatDecimalHours(3 * H + 20 * MIN + 36_000, 'en-GB')).toBe('3.35'); // 3:21 → 3.35
    expect(formatDecimalHours(4.5 * H, 'en-GB')).toBe('4.5');
    expect(formatDecimalHours(12 * H, 'en-GB')).toBe('12');
    expect(formatDecimalHours(10 * MIN, 'en-GB')).toBe('0.17');
    expect(formatDecimalHours(4.5 * H, 'de-DE')).toBe('4,5');
    expect(formatDecimalHours(-30 * MIN, 'en-GB')).toBe('-0.5');
  });

  it('property: decimal hours are within 18 s of the minute-rounded duration', () => {
    for (let minutes = 0; minutes < 24 * 60; minutes++) {
      const shown = Number(formatDecimalHours(minutes * MIN, 'en-GB').replace(/,/gu, ''));
      expect(Math.abs(shown * H - minutes * MIN)).toBeLessThanOrEqual(18_000);
    }
  });

  it('with the unit, in either style; whole hours read "12 h" in both', () => {
    expect(formatHoursIn(4.5 * H, 'clock')).toBe('4:30 h');
    expect(formatHoursIn(4.5 * H, 'decimal', 'en-GB')).toBe('4.5 h');
    expect(formatHoursIn(12 * H, 'clock')).toBe('12 h');
    expect(formatHoursIn(0, 'clock')).toBe('0 h');
  });

  it('words for sentences', () => {
    expect(formatDurationWords(90 * MIN)).toBe('1 h 30 min');
    expect(formatDurationWords(45 * MIN)).toBe('45 min');
    expect(formatDurationWords(2 * H)).toBe('2 h');
  });

  it('a rough span never says "less than a second" after "about"', () => {
    expect(formatSpan(400, 'en-GB')).toBe('0 seconds');
    expect(formatSpan(1_000, 'en-GB')).toBe('1 second');
    expect(formatSpan(90 * MIN, 'en-GB')).toBe('2 hours');
    expect(formatSpan(3 * 24 * H, 'en-GB')).toBe('3 days');
  });
});

describe('plurals', () => {
  it('"1 block", "2 blocks", "0 blocks", with the number in the locale', () => {
    expect(countOf(1, 'block')).toBe('1 block');
    expect(countOf(2, 'block')).toBe('2 blocks');
    expect(countOf(0, 'block')).toBe('0 blocks');
    expect(countOf(1204, 'block', 'en-GB')).toBe('1,204 blocks');
    expect(pluralize(1, { one: 'change', other: 'changes' })).toBe('1 change');
    expect(pluralize(3, { one: 'entry', other: 'entries' })).toBe('3 entries');
  });
});

describe('sizes', () => {
  it('chooses the unit by size: a 2.8 kB bundle is never "0.0 MiB"', () => {
    expect(formatBytes(812, 'en-GB')).toBe('812 bytes');
    expect(formatBytes(1, 'en-GB')).toBe('1 byte');
    expect(formatBytes(2_800, 'en-GB')).toBe('2.8 kB');
    expect(formatBytes(4_200_000, 'en-GB')).toBe('4.2 MB');
    expect(formatBytes(999_990, 'en-GB')).toBe('1 MB');
    expect(formatBytes(1_100_000_000, 'en-GB')).toBe('1.1 GB');
    expect(formatBytes(2_800, 'de-DE')).toBe('2,8 kB');
  });
});

describe('dates', () => {
  const at = Date.UTC(2026, 11, 7, 8, 30); // Mon 7 Dec 2026, 09:30 in Berlin

  it('one day style for instants and calendar days', () => {
    expect(formatDay(at, 'Europe/Berlin', 'en-GB')).toBe('Mon, 7 Dec 2026');
    expect(formatCalendarDay('2026-12-07', 'en-GB')).toBe('Mon, 7 Dec 2026');
    expect(formatCalendarDay({ year: 2026, month: 12, day: 7 }, 'en-GB')).toBe('Mon, 7 Dec 2026');
    expect(formatCalendarDate('2026-12-30', 'en-GB')).toBe('30 Dec 2026');
    expect(formatShortDay(at, 'Europe/Berlin', 'en-GB')).toBe('7 Dec');
    expect(formatInstant(at, 'Europe/Berlin', 'en-GB')).toBe('7 Dec 2026, 09:30');
    expect(() => formatCalendarDay('07/12/2026')).toThrow(RangeError);
  });

  it('a calendar day never moves in a far zone', () => {
    expect(formatCalendarDate('2026-01-01', 'en-GB')).toBe('1 Jan 2026');
  });

  it('relative times in words', () => {
    expect(formatRelative(at - 2_000, at, 'en-GB')).toBe('now');
    expect(formatRelative(at - 12_000, at, 'en-GB')).toBe('12 seconds ago');
    expect(formatRelative(at - 3 * MIN, at, 'en-GB')).toBe('3 minutes ago');
    expect(formatRelative(at - 26 * H, at, 'en-GB')).toBe('yesterday');
    expect(formatRelative(at + 2 * 24 * H, at, 'en-GB')).toBe('in 2 days');
  });
});

describe('formatPercent', () => {
  it('writes Intl digits with the house space before the sign, rounding or flooring as asked', () => {
    expect(formatPercent(0.2, 'round', 'en-GB')).toBe('20 %');
    expect(formatPercent(0.995, 'round', 'en-GB')).toBe('100 %');
    expect(formatPercent(0.995, 'floor', 'en-GB')).toBe('99 %');
    expect(formatPercent(1 - Number.EPSILON, 'floor', 'en-GB')).toBe('99 %');
    expect(formatPercent(12.5, 'round', 'en-GB')).toBe('1,250 %');
    expect(formatPercent(4.5, 'round', 'de-DE')).toBe('450 %');
  });
});

describe('formatTimerClock', () => {
  it('is m:ss under an hour and h:mm:ss above, seconds rounded up, never negative', () => {
    expect(formatTimerClock(65_000)).toBe('1:05');
    expect(formatTimerClock(3_845_000)).toBe('1:04:05');
    expect(formatTimerClock(400)).toBe('0:01');
    expect(formatTimerClock(-5_000)).toBe('0:00');
  });
});
