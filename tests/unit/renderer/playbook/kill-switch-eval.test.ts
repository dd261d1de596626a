import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  evaluateKillSwitch,
  spendFacts,
  type EvaluatedSwitch,
  type KillLevel,
  type KillSwitchFacts,
} from '../../../../src-renderer/playbook/kill-switch-eval.ts';
import type { KillTrigger } from '../../../../src-renderer/domain/kill-switch.ts';

const H = 3_600_000;

const facts = (over: Partial<KillSwitchFacts> = {}): KillSwitchFacts => ({
  trackedMs: 0,
  spendMinor: new Map(),
  today: '2026-11-23',
  metrics: new Map(),
  ...over,
});

const sw = (trigger: KillTrigger, over: Partial<EvaluatedSwitch> = {}): EvaluatedSwitch => ({
  trigger,
  state: 'armed',
  createdAt: Date.UTC(2026, 10, 1, 15),
  ...over,
});

const RANK: Record<KillLevel, number> = { armed: 0, approaching: 1, triggered: 2 };
const en = { locale: 'en-IE', hourStyle: 'decimal' as const };

describe('evaluateKillSwitch: hours', () => {
  const forty = sw({ kind: 'hours', hours: 40 });

  it('is approaching at 80 % by default, and says so in a sentence', () => {
    expect(evaluateKillSwitch(forty, facts({ trackedMs: 32 * H }), en)).toEqual({
      level: 'approaching',
      ratio: 0.8,
      progress: '32 h of 40 h (80 %)',
      active: true,
    });
    expect(evaluateKillSwitch(forty, facts({ trackedMs: 31.5 * H }), en)).toMatchObject({ level: 'armed', progress: '31.5 h of 40 h (78 %)' });
    expect(evaluateKillSwitch(forty, facts({ trackedMs: 31.5 * H }), { ...en, hourStyle: 'clock' })).toMatchObject({ progress: '31:30 h of 40 h (78 %)' });
    expect(evaluateKillSwitch(forty, facts({ trackedMs: 40 * H }), en)).toMatchObject({ level: 'triggered', ratio: 1 });
  });

  it('uses the switch’s own warnAtRatio', () => {
    const early = sw({ kind: 'hours', hours: 40 }, { warnAtRatio: 0.5 });
    expect(evaluateKillSwitch(early, facts({ trackedMs: 20 * H }), en).level).toBe('approaching');
  });

  it('never shows 100 % before it trips', () => {
    const result = evaluateKillSwitch(forty, facts({ trackedMs: 40 * H - 1 }), en);
    expect(result.level).toBe('approaching');
    expect(result.progress).toBe('40 h of 40 h (99 %)');
  });

  it('reports a disarmed switch as armed and inactive, with its progress', () => {
    const off = sw({ kind: 'hours', hours: 40 }, { state: 'disarmed' });
    expect(evaluateKillSwitch(off, facts({ trackedMs: 50 * H }), en)).toEqual({ level: 'armed', ratio: 1.25, progress: '50 h of 40 h (125 %)', active: false });
  });
});

describe('evaluateKillSwitch: spend', () => {
  const budget = sw({ kind: 'spend', amountMinor: 400_000, currency: 'EUR' });

  it('reads only the switch’s currency, and formats money', () => {
    const result = evaluateKillSwitch(
      budget,
      facts({
        spendMinor: new Map([
          ['EUR', 320_000],
          ['USD', 9_999_999],
        ]),
      }),
      en,
    );
    expect(result).toEqual({ level: 'approaching', ratio: 0.8, progress: '€3,200.00 of €4,000.00 (80 %)', active: true });
    expect(evaluateKillSwitch(budget, facts({ spendMinor: new Map([['USD', 9_999_999]]) }), en)).toMatchObject({ level: 'armed', ratio: 0 });
  });
});

describe('evaluateKillSwitch: date', () => {
  // Created 2026-11-01, due 2026-12-01: 30 days, so the last 6 days warn.
  const due = sw({ kind: 'date', date: '2026-12-01' });

  it.each([
    ['2026-11-20', 'armed', 'due 2026-12-01, 11 days left'],
    ['2026-11-23', 'armed', 'due 2026-12-01, 8 days left'],
    ['2026-11-25', 'approaching', 'due 2026-12-01, 6 days left'],
    ['2026-11-30', 'approaching', 'due 2026-12-01, 1 day left'],
    ['2026-12-01', 'triggered', 'due 2026-12-01, today'],
    ['2026-12-04', 'triggered', 'due 2026-12-01, 3 days ago'],
  ] as const)('on %s it is %s', (today, level, progress) => {
    expect(evaluateKillSwitch(due, facts({ today }))).toMatchObject({ level, progress });
  });

  it('falls back to 3 days when created on or after the date', () => {
    const late = sw({ kind: 'date', date: '2026-12-01' }, { createdAt: Date.UTC(2026, 11, 5) });
    expect(evaluateKillSwitch(late, facts({ today: '2026-11-27' }))).toMatchObject({ level: 'armed', ratio: null });
    expect(evaluateKillSwitch(late, facts({ today: '2026-11-28' }))).toMatchObject({ level: 'approaching', ratio: null });
  });

  it('refuses a malformed today', () => {
    expect(() => evaluateKillSwitch(due, facts({ today: 'tomorrow' }))).toThrow(RangeError);
  });
});

describe('evaluateKillSwitch: metric', () => {
  const accuracy = sw({ kind: 'metric', experimentId: 'e1', comparator: '<', threshold: 0.65 });
  const names = { ...en, metricNames: new Map([['e1', 'accuracy']]) };

  it('triggers when the latest value satisfies the comparator', () => {
    expect(evaluateKillSwitch(accuracy, facts({ metrics: new Map([['e1', 0.61]]) }), names)).toEqual({
      level: 'triggered',
      ratio: null,
      progress: 'accuracy 0.61, stops below 0.65',
      active: true,
    });
    expect(evaluateKillSwitch(accuracy, facts({ metrics: new Map([['e1', 0.65]]) }), names).level).toBe('armed');
    const atOrBelow = sw({ kind: 'metric', experimentId: 'e1', comparator: '<=', threshold: 0.65 });
    expect(evaluateKillSwitch(atOrBelow, facts({ metrics: new Map([['e1', 0.65]]) }), names).level).toBe('triggered');
  });

  it('is armed while there is no value yet', () => {
    expect(evaluateKillSwitch(accuracy, facts({ metrics: new Map([['e1', undefined]]) }), names)).toMatchObject({
      level: 'armed',
      progress: 'accuracy not measured yet, stops below 0.65',
    });
    expect(evaluateKillSwitch(accuracy, facts()).progress).toBe('metric not measured yet, stops below 0.65');
  });
});

describe('evaluateKillSwitch: properties', () => {
  const warnAt = fc.option(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { nil: undefined });
  const minor = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
  const ms = fc.integer({ min: 0, max: 200_000 * H });
  const hoursThreshold = fc.integer({ min: 0, max: 400_000 }).map((q) => q / 4);

  it('hours: ratio ≥ 1 exactly when triggered; more time never lowers the level', () => {
    fc.assert(
      fc.property(hoursThreshold, ms, ms, warnAt, (hours, a, b, warnAtRatio) => {
        const k = sw({ kind: 'hours', hours }, { warnAtRatio });
        const lo = evaluateKillSwitch(k, facts({ trackedMs: Math.min(a, b) }));
        const hi = evaluateKillSwitch(k, facts({ trackedMs: Math.max(a, b) }));
        for (const r of [lo, hi]) expect((r.ratio ?? 0) >= 1).toBe(r.level === 'triggered');
        expect(RANK[hi.level]).toBeGreaterThanOrEqual(RANK[lo.level]);
      }),
    );
  });

  it('spend: ratio ≥ 1 exactly when triggered; monotonic; blind to other currencies', () => {
    fc.assert(
      fc.property(minor, minor, minor, fc.integer({ min: -1e12, max: 1e12 }), warnAt, (amount, a, b, usd, warnAtRatio) => {
        const k = sw({ kind: 'spend', amountMinor: amount, currency: 'EUR' }, { warnAtRatio });
        const lo = evaluateKillSwitch(k, facts({ spendMinor: new Map([['EUR', Math.min(a, b)]]) }));
        const hi = evaluateKillSwitch(k, facts({ spendMinor: new Map([['EUR', Math.max(a, b)]]) }));
        const withUsd = evaluateKillSwitch(
          k,
          facts({
            spendMinor: new Map([
              ['EUR', Math.min(a, b)],
              ['USD', usd],
            ]),
          }),
        );
        for (const r of [lo, hi]) expect((r.ratio ?? 0) >= 1).toBe(r.level === 'triggered');
        expect(RANK[hi.level]).toBeGreaterThanOrEqual(RANK[lo.level]);
        expect(withUsd).toEqual(lo);
      }),
    );
  });

  it('thresholds of 0 trigger at once', () => {
    fc.assert(
      fc.property(ms, fc.integer({ min: -1e9, max: 1e9 }), (tracked, spent) => {
        expect(evaluateKillSwitch(sw({ kind: 'hours', hours: 0 }), facts({ trackedMs: tracked })).level).toBe('triggered');
        const zero = sw({ kind: 'spend', amountMinor: 0, currency: 'EUR' });
        expect(evaluateKillSwitch(zero, facts({ spendMinor: new Map([['EUR', spent]]) })).level).toBe('triggered');
      }),
    );
    expect(evaluateKillSwitch(sw({ kind: 'hours', hours: 0 }), facts(), en).progress).toBe('0 h of 0 h');
  });
});

describe('spendFacts', () => {
  const base = { start: 0, kind: 'deep' as const, billable: true };
  const projects = [
    { id: 'h', currency: 'EUR', billing: { kind: 'hourly', rateMinor: 10_000 } as const },
    { id: 'r', currency: 'EUR', billing: { kind: 'retainer', hoursPerMonth: 10, feeMinor: 1, overageRateMinor: 1 } as const },
    { id: 'f', currency: 'USD', billing: { kind: 'fixed', feeMinor: 5 } as const },
  ];

  it('prices billable hourly time once on the sum, and adds every expense in its own currency', () => {
    const third = H / 3; // 1/3 h at €100: three blocks give €100.00, not 3 × €33.33
    const blocks = [
      { ...base, projectId: 'h', end: third },
      { ...base, projectId: 'h', end: third },
      { ...base, projectId: 'h', end: third },
      { ...base, projectId: 'h', end: H, billable: false },
      { ...base, projectId: 'h', end: H, kind: 'break' as const },
      { ...base, projectId: 'r', end: 100 * H },
      { ...base, projectId: 'f', end: 100 * H },
      { ...base, projectId: 'gone', end: H },
    ];
    const expenses = [
      { amountMinor: 5_000, currency: 'EUR' },
      { amountMinor: -1_000, currency: 'EUR' },
      { amountMinor: 700, currency: 'GBP' },
    ];
    expect(spendFacts(blocks, expenses, projects)).toEqual(
      new Map([
        ['EUR', 14_000],
        ['GBP', 700],
      ]),
    );
  });

  it('is empty without hourly time or expenses', () => {
    expect(spendFacts([], [], projects).size).toBe(0);
  });
});
