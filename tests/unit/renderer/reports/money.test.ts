import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { effectiveRateMinor, formatMinorPlain, formatMoney, minorDigits, timeAmountMinor, toMinor } from '../../../../src-renderer/reports/money.ts';

/** Intl puts no-break spaces in some locales; compare on plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/gu, ' ');

describe('minorDigits', () => {
  it('reads the minor unit from ICU', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('BHD')).toBe(3);
  });
});

describe('formatMoney', () => {
  it('formats EUR, JPY and BHD with their own number of decimals', () => {
    expect(plain(formatMoney(8550, 'EUR', 'de-DE'))).toBe('85,50 €');
    expect(formatMoney(8550, 'EUR', 'en-IE')).toBe('€85.50');
    expect(formatMoney(8550, 'JPY', 'en-US')).toBe('¥8,550');
    expect(plain(formatMoney(1234, 'BHD', 'en-US'))).toBe('BHD 1.234');
    expect(formatMoney(-5, 'EUR', 'en-IE')).toBe('-€0.05');
    expect(formatMoney(0, 'EUR', 'en-IE')).toBe('€0.00');
  });

  it('stays exact beyond float precision', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'EUR', 'en-IE')).toBe('€90,071,992,547,409.91');
  });
});

describe('toMinor', () => {
  const ok = (minor: number) => ({ ok: true, minor });
  it.each([
    ['85', 'EUR', 'en', 8500],
    ['85.50', 'EUR', 'en', 8550],
    ['85,50', 'EUR', 'en', 8550],
    ['85,50', 'EUR', 'de', 8550],
    ['85.50', 'EUR', 'de', 8550],
    ['85.5', 'EUR', 'en', 8550],
    ['.5', 'EUR', 'en', 50],
    ['1,234.50', 'EUR', 'en', 123450],
    ['1.234,50', 'EUR', 'de', 123450],
    ['1 234,50', 'EUR', 'fr', 123450],
    ['1,234', 'EUR', 'en', 123400],
    ['1.234', 'EUR', 'de', 123400],
    ['€ 85', 'EUR', 'en', 8500],
    ['85 EUR', 'EUR', 'de', 8500],
    ['-€12.30', 'EUR', 'en', -1230],
    ['$85', 'USD', 'en', 8500],
    ['¥8,550', 'JPY', 'en', 8550],
    ['8550', 'JPY', 'ja', 8550],
    ['1,234', 'JPY', 'en', 1234],
    ['1.234', 'JPY', 'de', 1234],
    ['1.234', 'BHD', 'en', 1234],
    ['1,234', 'BHD', 'de', 1234],
    ['1,5', 'BHD', 'en', 1500],
    ['1,00,000.50', 'INR', 'en-IN', 10_000_050],
  ] as const)('reads %j %s in %s', (text, currency, locale, minor) => {
    expect(toMinor(text, currency, locale)).toEqual(ok(minor));
  });

  it.each([
    ['', 'EUR', 'empty', 'Enter an amount, for example 85.50.'],
    ['  ', 'EUR', 'empty', 'Enter an amount'],
    ['abc', 'EUR', 'not-a-number', '"abc" is not an amount'],
    ['1,234.567,89', 'EUR', 'not-a-number', 'mixes "." and ","'],
    ['1,2,3', 'EUR', 'bad-grouping', 'thousands separator'],
    ['1.2.3,4', 'EUR', 'bad-grouping', 'thousands separator'],
    ['85.505', 'EUR', 'too-many-decimals', 'EUR amounts have at most 2 decimals; "85.505" has 3. Round it to 2.'],
    ['85,50', 'JPY', 'too-many-decimals', 'JPY has no smaller unit, so amounts are whole numbers'],
    ['1.2345', 'BHD', 'too-many-decimals', 'at most 3 decimals'],
    ['99999999999999999', 'EUR', 'too-large', 'too large'],
    ['85', 'EU', 'unknown-currency', 'three-letter currency code'],
    ['$85', 'EUR', 'not-a-number', '"$85" is not an amount'],
  ] as const)('refuses %j %s with %s', (text, currency, code, message) => {
    const result = toMinor(text, currency, 'en');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(result.message).toContain(message);
    }
  });

  it('explains with the locale’s own decimal separator', () => {
    const result = toMinor('', 'EUR', 'de');
    expect(!result.ok && result.message).toBe('Enter an amount, for example 85,50.');
  });

  it('reads back what formatMinorPlain writes, in any of these locales', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom('EUR', 'JPY', 'BHD', 'USD'),
        fc.constantFrom('en', 'de', 'fr', 'en-IN', 'ja', 'ar'),
        (minor, currency, locale) => {
          expect(toMinor(formatMinorPlain(minor, currency, locale), currency, locale)).toEqual({ ok: true, minor: minor === 0 ? 0 : minor });
        },
      ),
    );
  });
});

describe('timeAmountMinor and effectiveRateMinor', () => {
  it('rounds half up', () => {
    expect(timeAmountMinor(1_800_000, 1)).toBe(1); // half a minor unit
    expect(timeAmountMinor(1_799_999, 1)).toBe(0);
    expect(timeAmountMinor(20 * 60_000, 100)).toBe(33);
    expect(timeAmountMinor(90 * 60_000, 8_500)).toBe(12_750);
  });

  it('is exact where the intermediate product passes 2^53', () => {
    const ms = 8_639_999_999_999;
    const rate = 999_999_937;
    const exact = (BigInt(ms) * BigInt(rate) * 2n + 3_600_000n) / 7_200_000n;
    expect(BigInt(timeAmountMinor(ms, rate))).toBe(exact);
    expect(ms * rate).toBeGreaterThan(Number.MAX_SAFE_INTEGER);
  });

  it('refuses a result that cannot be stored exactly, with a hint', () => {
    expect(() => timeAmountMinor(8_640_000_000_000, Number.MAX_SAFE_INTEGER)).toThrow(/misplaced unit/u);
  });

  it('gives the effective hourly rate, or null without time', () => {
    expect(effectiveRateMinor(110_000, 12 * 3_600_000)).toBe(9_167);
    expect(effectiveRateMinor(100, 0)).toBeNull();
  });
});
