/** Rounding rules on billed time, and rates that change from a date on. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeRounding, NO_ROUNDING, roundedBillableMs, type RoundingRule } from '../../../../src-renderer/invoices/billing-rounding.ts';
import { checkSchedule, groupByRate, rateOn } from '../../../../src-renderer/invoices/rate-schedule.ts';

const MIN = 60_000;
const block = (minutes: number, day = '2026-12-07') => ({ ms: minutes * MIN, day });

describe('roundedBillableMs', () => {
  it('leaves time alone without a rule', () => {
    expect(roundedBillableMs([block(7), { ms: 1_500, day: '2026-12-07' }], NO_ROUNDING)).toBe(7 * MIN + 1_500);
  });

  it('rounds each block up, or to the nearest step with a half step going up', () => {
    const up: RoundingRule = { mode: 'up', stepMinutes: 15, per: 'block' };
    const nearest: RoundingRule = { mode: 'nearest', stepMinutes: 15, per: 'block' };
    expect(roundedBillableMs([block(1), block(15), block(16)], up)).toBe((15 + 15 + 30) * MIN);
    expect(roundedBillableMs([block(7), block(8)], nearest)).toBe((0 + 15) * MIN);
    expect(roundedBillableMs([{ ms: 7.5 * MIN, day: '2026-12-07' }], nearest)).toBe(15 * MIN);
    expect(roundedBillableMs([block(20)], { mode: 'up', stepMinutes: 6, per: 'block' })).toBe(24 * MIN);
  });

  it('per day, sums the day first: three 10-minute blocks are 30 minutes, not 45', () => {
    const blocks = [block(10), block(10), block(10), block(5, '2026-12-08')];
    expect(roundedBillableMs(blocks, { mode: 'up', stepMinutes: 15, per: 'block' })).toBe(60 * MIN);
    expect(roundedBillableMs(blocks, { mode: 'up', stepMinutes: 15, per: 'day' })).toBe(45 * MIN);
  });

  it('rounding up never bills less, and the nearest step is within half a step per unit', () => {
    const step = fc.constantFrom<6 | 15 | 30>(6, 15, 30);
    const stretches = fc.array(fc.record({ ms: fc.integer({ min: 0, max: 10 * 3_600_000 }), day: fc.constantFrom('2026-12-07', '2026-12-08') }), {
      maxLength: 20,
    });
    fc.assert(
      fc.property(stretches, step, fc.constantFrom<'block' | 'day'>('block', 'day'), (s, stepMinutes, per) => {
        const exact = roundedBillableMs(s, NO_ROUNDING);
        const up = roundedBillableMs(s, { mode: 'up', stepMinutes, per });
        const nearest = roundedBillableMs(s, { mode: 'nearest', stepMinutes, per });
        expect(up).toBeGreaterThanOrEqual(exact);
        expect(up % (stepMinutes * MIN)).toBe(0);
        const units = per === 'block' ? s.length : new Set(s.map((x) => x.day)).size;
        expect(Math.abs(nearest - exact)).toBeLessThanOrEqual((units * stepMinutes * MIN) / 2);
      }),
    );
  });

  it('describes itself in words', () => {
    expect(describeRounding(NO_ROUNDING)).toBe('No rounding');
    expect(describeRounding({ mode: 'up', stepMinutes: 6, per: 'day' })).toBe('Rounded up 6 minutes, per day');
  });
});

describe('rate schedule', () => {
  const checked = checkSchedule([
    { from: '2026-04-01', rateMinor: 11_000 },
    { from: '2026-01-01', rateMinor: 9_500 },
  ]);
  const schedule = checked.ok ? checked.schedule : [];

  it('bills each day at the rate in force then', () => {
    expect(rateOn(schedule, '2025-12-31')).toBeUndefined();
    expect(rateOn(schedule, '2026-03-31')).toBe(9_500);
    expect(rateOn(schedule, '2026-04-01')).toBe(11_000);
    const groups = groupByRate(schedule, [{ day: '2026-04-02' }, { day: '2026-03-30' }, { day: '2025-12-01' }, { day: '2026-03-31' }]);
    expect(groups).toEqual([
      { change: undefined, items: [{ day: '2025-12-01' }] },
      { change: { from: '2026-01-01', rateMinor: 9_500 }, items: [{ day: '2026-03-30' }, { day: '2026-03-31' }] },
      { change: { from: '2026-04-01', rateMinor: 11_000 }, items: [{ day: '2026-04-02' }] },
    ]);
  });

  it('keeps two periods at the same price apart', () => {
    const back = checkSchedule([
      { from: '2026-01-01', rateMinor: 9_500 },
      { from: '2026-04-01', rateMinor: 11_000 },
      { from: '2026-07-01', rateMinor: 9_500 },
    ]);
    const periods = groupByRate(back.ok ? back.schedule : [], [{ day: '2026-02-01' }, { day: '2026-08-01' }]);
    expect(periods.map((p) => p.change?.from)).toEqual(['2026-01-01', '2026-07-01']);
  });

  it('refuses two rates from one day and a negative rate, naming the day', () => {
    expect(
      checkSchedule([
        { from: '2026-04-01', rateMinor: 100 },
        { from: '2026-04-01', rateMinor: 200 },
      ]),
    ).toEqual({ ok: false, problem: 'Rate from 2026-04-01: two rates start that day. Keep one.' });
    expect(checkSchedule([{ from: '2026-04-01', rateMinor: -1 }])).toEqual({ ok: false, problem: 'Rate from 2026-04-01: a rate is an amount of 0 or more.' });
    // "2026-4-1" sorted as text would land after 2026-12-01: it is refused instead.
    expect(checkSchedule([{ from: '2026-4-1', rateMinor: 11_000 }])).toEqual({
      ok: false,
      problem: 'Rate from: "2026-4-1" is not a date. Choose the first day the rate applies.',
    });
  });
});
