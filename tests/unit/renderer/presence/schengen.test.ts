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
    for (const member of ['IS', 'LI', 'NO', 'CH', 'AX', 'MC', 'de']) expect(on('2026-05-01', member)).toBe(1);
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

  it('after 90 days in, re-entry is possible once the first day has left the period, for 90 days again', () => {
    const first90 = trip('2026-01-01', '2026-03-31', 'FR');
    expect(latestExit(first90, '2026-06-29')).toBeNull();
    expect(latestExit(first90, '2026-06-30')).toBe('2026-09-27');
  });

  it('a stay under way that is already over the limit gives its last allowed day, in the past', () => {
    expect(latestExit(trip('2026-01-01', '2026-04-10', 'DE'), '2026-01-01')).toBe('2026-03-31');
  });

  it('a planned trip that breaks the rule on its own does not block a stay that leaves it no worse', () => {
    const planned = trip('2026-06-01', '2026-09-03', 'PT'); // 95 days: over on its own
    expect(schengenStatus(planned, '2026-09-03').overstay).toBe(5);
    const exit = latestExit(planned, '2026-01-01');
    expect(exit).not.toBeNull();
    // Until 29 June the planned days' periods reach back to 1 January: 29 of them leave 61 for the stay.
    expect(exit).toBe('2026-03-02');
  });

  it('Bulgaria counts from 31 March 2024: a February 2024 trip uses nothing, a May one ten days', () => {
    expect(schengenStatus(trip('2024-02-01', '2024-02-10', 'BG'), '2024-02-10').used).toBe(0);
    expect(schengenStatus(trip('2024-05-01', '2024-05-10', 'BG'), '2024-05-10').used).toBe(10);
  });
});

const FIRST = dayNumber('2025-06-01');
// Trips, not scattered days: stays of up to 120 days make overstays common, so both rules are exercised.
const arbitraryDays = fc
  .array(
    fc.record({
      start: fc.integer({ min: FIRST, max: FIRST + 500 }),
      length: fc.integer({ min: 1, max: 120 }),
      country: fc.constantFrom('FR', 'DE', 'RO', 'GB', 'CY', 'CH'),
    }),
    { maxLength: 6 },
  )
  .map((trips) => trips.flatMap(({ start, length, country }) => Array.from({ length }, (_, i) => ({ n: start + i, country }))));
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

  it('the latest exit keeps the stay within 90 and later days no worse than they were, and one more day would not', () => {
    fc.assert(
      fc.property(arbitraryDays, fc.integer({ min: FIRST, max: FIRST + 400 }), (rows, entry) => {
        const broken = (last: number) => {
          const stay = Array.from({ length: last - entry + 1 }, (_, i) => ({ n: entry + i, country: 'FR' }));
          const all = [...rows, ...stay];
          return all.some((r) => {
            if (!MEMBERS.has(r.country) || r.n < entry) return false;
            const allowed = r.n <= last ? 90 : Math.max(90, plainUsed(rows, r.n));
            return plainUsed(all, r.n) > allowed;
          });
        };
        const exit = latestExit(toDays(rows), dayText(entry));
        if (exit === null) {
          expect(broken(entry)).toBe(true);
          return;
        }
        const last = dayNumber(exit);
        expect(last - entry).toBeLessThan(90);
        expect(broken(last)).toBe(false);
        if (last - entry < 89) expect(broken(last + 1)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
