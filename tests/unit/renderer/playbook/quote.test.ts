import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { burnByPhase, quoteAmount, quotePhases, UNPHASED } from '../../../../src-renderer/playbook/quote.ts';
import type { TimeBlock } from '../../../../src-renderer/domain/time-block.ts';

const H = 3_600_000;
const MIN = 60_000;

describe('quotePhases', () => {
  it('adds a 50 % research buffer by default: 10 h quotes 15 h', () => {
    const quote = quotePhases([
      { id: 'a', name: 'Discovery', estimateHours: 10 },
      { id: 'b', name: 'POC', estimateHours: 12.5 },
    ]);
    expect(quote.phases.map((p) => [p.id, p.estimateHours, p.bufferHours, p.quotedHours])).toEqual([
      ['a', 10, 5, 15],
      ['b', 12.5, 6.5, 19], // 6.25 h rounds up to the next half hour
    ]);
    expect(quote.totals).toMatchObject({ estimateHours: 22.5, bufferHours: 11.5, quotedHours: 34, quotedMs: 34 * H });
  });

  it('reads the ratio to the basis point, so float noise does not add half an hour', () => {
    const [line] = quotePhases([{ id: 'a', name: 'A', estimateHours: 5 }], 0.1 + 0.2).phases;
    expect(line?.bufferHours).toBe(1.5);
    expect(quotePhases([{ id: 'a', name: 'A', estimateHours: 3 }], 0).totals.quotedHours).toBe(3);
  });

  it('refuses negative estimates and ratios', () => {
    expect(() => quotePhases([{ id: 'a', name: 'A', estimateHours: -1 }])).toThrow(/"A"/u);
    expect(() => quotePhases([], -0.1)).toThrow(RangeError);
    expect(quotePhases([]).totals.quotedMs).toBe(0);
  });

  it('rounds the buffer once, on the total: 6 h over five phases quotes 9 h at 50 %, not 9.5 h', () => {
    const quote = quotePhases([0.6, 1.2, 2.4, 1.2, 0.6].map((h, i) => ({ id: `p${i}`, name: `P${i}`, estimateHours: h })));
    expect(quote.totals).toMatchObject({ estimateHours: 6, bufferHours: 3, quotedHours: 9 });
    // Exact buffers 0.3, 0.6, 1.2, 0.6, 0.3 h: whole half hours first, the two left to the largest remainders.
    expect(quote.phases.map((p) => p.bufferHours)).toEqual([0.5, 0.5, 1, 0.5, 0.5]);
  });

  it('property: the total buffer is the smallest half-hour multiple covering total × ratio; phases add up, each within half an hour of exact', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400_000 }), { maxLength: 8 }), fc.integer({ min: 0, max: 20_000 }), (quarters, bp) => {
        const quote = quotePhases(
          quarters.map((q, i) => ({ id: `p${i}`, name: `P${i}`, estimateHours: q / 4 })),
          bp / 10_000,
        );
        const exactTotal = quote.totals.estimateMs * bp; // × 10 000
        expect(quote.totals.bufferMs % (H / 2)).toBe(0);
        expect(quote.totals.bufferMs * 10_000).toBeGreaterThanOrEqual(exactTotal);
        expect((quote.totals.bufferMs - H / 2) * 10_000).toBeLessThan(exactTotal);
        for (const line of quote.phases) {
          const exact = line.estimateMs * bp;
          expect(line.bufferMs % (H / 2)).toBe(0);
          expect(Math.abs(line.bufferMs * 10_000 - exact)).toBeLessThan((H / 2) * 10_000);
          expect(line.quotedMs).toBe(line.estimateMs + line.bufferMs);
        }
        expect(quote.phases.reduce((s, l) => s + l.bufferMs, 0)).toBe(quote.totals.bufferMs);
        expect(quote.totals.quotedMs).toBe(quote.phases.reduce((s, l) => s + l.quotedMs, 0));
      }),
    );
  });
});

describe('quoteAmount', () => {
  it('hourly: exact on fractional hours, rounded half up once', () => {
    expect(quoteAmount(12.5, { kind: 'hourly', rateMinor: 8_550 })).toEqual({ kind: 'hourly', amountMinor: 106_875 });
    // 0.1 h × 5 = 0.5 minor units → 1, not the float 0.1 × 5 = 0.5000000000000001 or per-phase drift.
    expect(quoteAmount(0.1, { kind: 'hourly', rateMinor: 5 })).toEqual({ kind: 'hourly', amountMinor: 1 });
    expect(quoteAmount(100_000, { kind: 'hourly', rateMinor: 90_071_992_547 })).toEqual({ kind: 'hourly', amountMinor: 9_007_199_254_700_000 });
  });

  it('fixed and value: the fee and the rate it implies', () => {
    expect(quoteAmount(30, { kind: 'fixed', feeMinor: 400_000 })).toEqual({ kind: 'fixed', feeMinor: 400_000, impliedRateMinor: 13_333 });
    expect(quoteAmount(0, { kind: 'value', feeMinor: 1_000, basis: 'churn cut' })).toEqual({ kind: 'value', feeMinor: 1_000, impliedRateMinor: null });
  });

  it('retainer: whole months of the included hours, fee × months and no overage', () => {
    const retainer = { kind: 'retainer', hoursPerMonth: 20, feeMinor: 200_000, overageRateMinor: 12_000 } as const;
    expect(quoteAmount(45, retainer)).toEqual({ kind: 'retainer', months: 3, feeMinor: 200_000, amountMinor: 600_000, impliedRateMinor: 13_333 });
    expect(quoteAmount(40, retainer)).toMatchObject({ months: 2, amountMinor: 400_000 });
    expect(quoteAmount(0, retainer)).toMatchObject({ months: 0, amountMinor: 0, impliedRateMinor: null });
    expect(quoteAmount(5, { ...retainer, hoursPerMonth: 0 })).toMatchObject({ months: null, amountMinor: null, impliedRateMinor: null });
  });

  it('property: hourly amount equals exact rational rounding half up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400_000 }), fc.integer({ min: 0, max: 10_000_000 }), (quarters, rate) => {
        const { amountMinor } = quoteAmount(quarters / 4, { kind: 'hourly', rateMinor: rate }) as { amountMinor: number };
        // quarters × rate / 4, half up, in BigInt.
        const expected = (BigInt(quarters) * BigInt(rate) * 2n + 4n) / 8n;
        expect(BigInt(amountMinor)).toBe(expected);
      }),
    );
  });
});

describe('burnByPhase', () => {
  const block = (phaseId: string | undefined, ms: number, kind: TimeBlock['kind'] = 'deep') => ({ phaseId, start: 1_000, end: 1_000 + ms, kind });

  it('compares quoted and tracked time per phase, non-billable included, breaks excluded', () => {
    const phases = [
      { id: 'a', name: 'Discovery', quotedMs: 10 * H },
      { id: 'b', name: 'POC', quotedMs: 0 },
    ];
    const burn = burnByPhase(phases, [
      block('a', 6 * H),
      block('a', 2 * H, 'meeting'),
      block('a', 30 * MIN, 'break'),
      block('b', H),
      block(undefined, 45 * MIN),
      block('deleted', 15 * MIN),
    ]);
    expect(burn.rows).toEqual([
      { phaseId: 'a', name: 'Discovery', quotedMs: 10 * H, actualMs: 8 * H, ratio: 0.8 },
      { phaseId: 'b', name: 'POC', quotedMs: 0, actualMs: H, ratio: null },
      { phaseId: null, name: UNPHASED, quotedMs: 0, actualMs: H, ratio: null },
    ]);
    expect(burn.totals).toEqual({ quotedMs: 10 * H, actualMs: 10 * H, ratio: 1 });
  });

  it('leaves out "Unphased" when every block has a quoted phase', () => {
    const burn = burnByPhase([{ id: 'a', name: 'A', quotedMs: H }], [block('a', 2 * H)]);
    expect(burn.rows.map((r) => r.name)).toEqual(['A']);
    expect(burn.totals.ratio).toBe(2);
    expect(burnByPhase([], []).totals).toEqual({ quotedMs: 0, actualMs: 0, ratio: null });
  });
});
