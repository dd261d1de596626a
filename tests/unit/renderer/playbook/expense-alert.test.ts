import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { costAlert } from '../../../../src-renderer/playbook/expense-alert.ts';
import type { ExpenseCategory } from '../../../../src-renderer/domain/expense.ts';

const e = (amountMinor: number, currency = 'EUR', category: ExpenseCategory = 'software') => ({ amountMinor, currency, category });

describe('costAlert', () => {
  it('is ok below 80 %, approaching from 80 %, over once the threshold is reached', () => {
    expect(costAlert([e(39_999)], 50_000, 'EUR')).toMatchObject({ spentMinor: 39_999, level: 'ok' });
    expect(costAlert([e(30_000), e(10_000)], 50_000, 'EUR')).toMatchObject({ spentMinor: 40_000, ratio: 0.8, level: 'approaching' });
    expect(costAlert([e(50_000)], 50_000, 'EUR')).toMatchObject({ ratio: 1, level: 'over' });
    expect(costAlert([e(60_000), e(-20_000)], 50_000, 'EUR')).toMatchObject({ spentMinor: 40_000, level: 'approaching' });
  });

  it('counts only the alert’s currency and lists the others separately', () => {
    const alert = costAlert([e(10_000), e(99_999, 'USD'), e(5, 'JPY'), e(1, 'USD')], 50_000, 'EUR');
    expect(alert).toEqual({
      spentMinor: 10_000,
      ratio: 0.2,
      level: 'ok',
      otherCurrencies: new Map([
        ['USD', 100_000],
        ['JPY', 5],
      ]),
    });
  });

  it('filters by category when given', () => {
    const expenses = [e(45_000, 'EUR', 'hardware'), e(1_000), e(700, 'USD', 'travel')];
    expect(costAlert(expenses, 50_000, 'EUR', 'software')).toEqual({ spentMinor: 1_000, ratio: 0.02, level: 'ok', otherCurrencies: new Map() });
    expect(costAlert(expenses, 50_000, 'EUR', 'hardware').level).toBe('approaching');
    expect(costAlert(expenses, 50_000, 'EUR', 'travel').otherCurrencies).toEqual(new Map([['USD', 700]]));
  });

  it('treats a zero threshold as "nothing may be spent"', () => {
    expect(costAlert([], 0, 'EUR')).toMatchObject({ spentMinor: 0, ratio: null, level: 'ok' });
    expect(costAlert([e(1)], 0, 'EUR')).toMatchObject({ ratio: null, level: 'over' });
  });

  it('refuses a negative or fractional threshold', () => {
    expect(() => costAlert([], -1, 'EUR')).toThrow(RangeError);
    expect(() => costAlert([], 1.5, 'EUR')).toThrow(RangeError);
  });

  it('property: the level follows exact integer thresholds and ignores other currencies', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1e9, max: 1e9 }), { maxLength: 10 }),
        fc.array(fc.integer({ min: -1e9, max: 1e9 }), { maxLength: 5 }),
        fc.integer({ min: 1, max: 1e10 }),
        (eur, usd, threshold) => {
          const alert = costAlert([...eur.map((a) => e(a)), ...usd.map((a) => e(a, 'USD'))], threshold, 'EUR');
          const spent = eur.reduce((s, a) => s + a, 0);
          expect(alert.spentMinor).toBe(spent);
          const expected = spent >= threshold ? 'over' : spent * 100 >= threshold * 80 ? 'approaching' : 'ok';
          expect(alert.level).toBe(expected);
          expect(
            costAlert(
              eur.map((a) => e(a)),
              threshold,
              'EUR',
            ).level,
          ).toBe(alert.level);
        },
      ),
    );
  });
});
