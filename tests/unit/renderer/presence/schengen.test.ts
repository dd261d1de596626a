/**
 * The 90/180 rule on worked examples (window edges, entry and exit days, states joining, days in two
 * states) and, as properties, against a plain day-by-day count.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, dayText } from '../../../../src-renderer/presence/calendar-days.ts';
import { latestExit, schengenStatus, type PresenceDay } from '../../../../src-renderer/presence/schengen.ts';

/** Every day from `from` to `to` in `country`. */
function trip(from: string, to: string, country: string): PresenceDay[] {
  const out: PresenceDay[] = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n++) out.push({ day: dayText(n), country });
  return out;
}

describe('schengenStatus', () => {
  it('counts entry and exit days, and a day in two states once', () => {
    const days = [...trip('2026-03-01', '2026-03-10', 'FR'), { day: '2026-03-10', country: 'DE' }, { day: '2026-03-11', country: 'GB' }];
    expect(schengenStatus(days, '2026-03-10')).toEqual({ used: 10, remaining: 80, overstay: 0, windowStart: '2025-09-12', windowEnd: '2026-03-10' });
    expect(schengenStatus(days, '2026-03-11').used).toBe(10);
  });

  it('a day counts for 180 days, itself included, then drops out', () => {
    const days = [{ day: '2026-01-01', country: 'AT' }];
    expect(schengenStatus(days, '2026-06-29').used).toBe(1);
    expect(schengenStatus(days, '2026-06-29').windowStart).toBe('2026-01-01');
    expect(schengenStatus(days, '2026-06-30').used).toBe(0);
    // Days after `on` do not count yet.
    expect(schengenStatus(days, '2025-12-31').used).toBe(0);
  });

  it('counts a state only from the day it applied the rules in full', () => {
    const on = (day: string, country: string) => schengenStatus([{ day, country }], day).used;
    expect(on('2022-12-31', 'HR')).toBe(0);
    expect(on('2023-01-01', 'HR')).toBe(1);
    expect(on('2024-03-30', 'RO')).toBe(0);
    expect(on('2024-03-31', 'RO')).toBe(1);
    expect(on('2024-03-31', 'BG')).toBe(1);
    for (const member of ['IS', 'LI', 'NO', 'CH', 'de']) expect(on('2026-05-01', member)).toBe(1);
    for (const outside of ['CY', 'IE', 'GB', 'AD', 'FO', 'GL', 'SJ', 'GF']) expect(on('2026-05-01', outside)).toBe(0);
  });

  it('says how far past 90 days a stay went', () => {
    const days = trip('2026-01-01', '2026-04-05', 'ES');
    expect(schengenStatus(days, '2026-04-05')).toMatchObject({ used: 95, remaining: 0, overstay: 5 });
  });

  it('refuses a day that is not a calendar day, naming it', () => {
    expect(() => schengenStatus([], '2026-02-30')).toThrow('"2026-02-30" is not a calendar day written as YYYY-MM-DD.');
    expect(() => schengenStatus([{ day: '1/2/2026', country: 'FR' }], '2026-02-01')).toThrow('"1/2/2026"');
  });
});

describe('latestExit', () => {
  it('with no days before, a stay may last 90 days, the entry day included', () => {
    expect(latestExit([], '2026-01-01')).toBe('2026-03-31');
  });

  it('outside the area a planned day changes nothing', () => {
    expect(latestExit([{ day: '2026-02-01', country: 'GB' }], '2026-01-01')).toBe('2026-03-31');
  });

  it('days already used shorten the stay, and days leaving the window lengthen it again', () => {
    // 60 days from 1 January; back on 1 May: on 1 May the window (2 Nov – 1 May) holds all 60.
    const history = trip('2026-01-01', '2026-03-01', 'IT');
    expect(schengenStatus(history, '2026-05-01').remaining).toBe(30);
    // 30 more days would end on 30 May; but January's days leave the window from 30 June on, and
    // a stay to 30 May already uses all 90: the answer is 30 May.
    expect(latestExit(history, '2026-05-01')).toBe('2026-05-30');
    // Entering later, when old days have begun to fall out, the stay runs longer than 90 − used.
    const later = latestExit(history, '2026-06-20');
    expect(later).not.toBeNull();
    expect(dayNumber(later!) - dayNumber('2026-06-20') + 1).toBeGreaterThan(schengenStatus(history, '2026-06-20').remaining);
  });

  it('keeps a trip already planned after the stay within the rule', () => {
    const planned = trip('2026-05-01', '2026-05-20', 'PT');
    const alone = latestExit([], '2026-01-01');
    const withPlan = latestExit(planned, '2026-01-01');
    expect(alone).toBe('2026-03-31');
    // 20 planned days in May leave room for 70 from 1 January.
    expect(withPlan).toBe('2026-03-11');
  });

  it('is null when the entry day alone would break the rule', () => {
    expect(latestExit(trip('2026-01-01', '2026-03-31', 'FR'), '2026-04-01')).toBeNull();
  });
});

const FIRST = dayNumber('2025-06-01');
const arbitraryDays = fc.array(fc.record({ n: fc.integer({ min: FIRST, max: FIRST + 500 }), country: fc.constantFrom('FR', 'DE', 'RO', 'GB', 'CY', 'CH') }), {
  maxLength: 200,
});
const toDays = (rows: { n: number; country: string }[]): PresenceDay[] => rows.map(({ n, country }) => ({ day: dayText(n), country }));
const MEMBERS = new Set(['FR', 'DE', 'RO', 'CH']); // all members throughout these dates

/** A plain count: the Schengen days among the 180 ending on `end`. */
function plainUsed(rows: { n: number; country: string }[], end: number): number {
  const set = new Set(rows.filter((r) => MEMBERS.has(r.country) && r.n <= end && r.n > end - 180).map((r) => r.n));
  return set.size;
}

describe('properties', () => {
  it('used is the plain count, and used + remaining is 90 until the rule is broken', () => {
    fc.assert(
      fc.property(arbitraryDays, fc.integer({ min: FIRST, max: FIRST + 600 }), (rows, on) => {
        const status = schengenStatus(toDays(rows), dayText(on));
        expect(status.used).toBe(plainUsed(rows, on));
        expect(status.remaining - status.overstay).toBe(90 - status.used);
      }),
    );
  });

  it('the latest exit keeps every counted day within 90, and one more day would not', () => {
    fc.assert(
      fc.property(arbitraryDays, fc.integer({ min: FIRST, max: FIRST + 400 }), (rows, entry) => {
        const broken = (stay: { n: number; country: string }[]) => {
          const all = [...rows, ...stay];
          return all.some((r) => MEMBERS.has(r.country) && r.n >= entry && plainUsed(all, r.n) > 90);
        };
        const stayTo = (last: number) => Array.from({ length: last - entry + 1 }, (_, i) => ({ n: entry + i, country: 'FR' }));
        const exit = latestExit(toDays(rows), dayText(entry));
        if (exit === null) {
          expect(broken(stayTo(entry))).toBe(true);
          return;
        }
        const last = dayNumber(exit);
        expect(last - entry).toBeLessThan(90);
        expect(broken(stayTo(last))).toBe(false);
        if (last - entry < 89) expect(broken(stayTo(last + 1))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
