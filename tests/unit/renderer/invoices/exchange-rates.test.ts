/** Fixed exchange rates: ECB files of both shapes, cross rates, conversions a calculator repeats. */
import { describe, expect, it } from 'vitest';
import { parseEcbCsv, rateOn } from '../../../../src-renderer/invoices/ecb-rates.ts';
import { convertMinor, crossRate, parseRate } from '../../../../src-renderer/invoices/exchange-rate.ts';
import { validatorText } from '../../support/validator-text.ts';

const DAILY = 'Date, USD, JPY, BGN, CZK, GBP, CHF, \r\n04 December 2026, 1.0512, 161.02, N/A, 25.117, 0.83015, 0.9321, \r\n';
const HISTORY = [
  'Date,USD,JPY,CYP,GBP,CHF,',
  '2026-12-04,1.0512,161.02,N/A,0.83015,0.9321,',
  '2026-12-03,1.0498,160.50,N/A,0.82950,,',
  '2026-12-02,1.0450,160.10,N/A,0.83100,0.9300,',
].join('\n');

describe('parseEcbCsv', () => {
  it('reads the one-day file and the history file, skipping N/A and empty cells', () => {
    const daily = parseEcbCsv(`\uFEFF${DAILY}`);
    expect(daily.ok && [...daily.rates.days.keys()]).toEqual(['2026-12-04']);
    expect(daily.ok && Object.fromEntries(daily.rates.days.get('2026-12-04')!)).toEqual({
      USD: '1.0512',
      JPY: '161.02',
      CZK: '25.117',
      GBP: '0.83015',
      CHF: '0.9321',
    });
    const history = parseEcbCsv(HISTORY);
    expect(history.ok && [...history.rates.days.keys()]).toEqual(['2026-12-02', '2026-12-03', '2026-12-04']);
    expect(history.ok && history.rates.days.get('2026-12-03')!.has('CHF')).toBe(false);
  });

  it('refuses other files in words', () => {
    for (const text of ['', 'name,amount\nx,1', 'Date,USD\nyesterday,1.05']) {
      const parsed = parseEcbCsv(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(validatorText(parsed.problem)).toBeNull();
    }
    expect(parseEcbCsv('Date,USD\nyesterday,1.05')).toEqual({ ok: false, problem: 'Line 2 of the rate file does not start with a date ("yesterday").' });
  });
});

describe('rateOn', () => {
  const parsed = parseEcbCsv(HISTORY);
  const rates = parsed.ok ? parsed.rates : { days: new Map() };

  it('takes the latest day on or before, so a Saturday uses Friday’s rate', () => {
    expect(rateOn(rates, '2026-12-05', 'USD', 'EUR')).toEqual({ ok: true, rate: '0.951294', asOf: '2026-12-04' });
    expect(rateOn(rates, '2026-12-04', 'EUR', 'USD')).toEqual({ ok: true, rate: '1.0512', asOf: '2026-12-04' });
    // A currency not quoted that day falls back to the last day that quoted both.
    expect(rateOn(rates, '2026-12-03', 'CHF', 'EUR')).toEqual({ ok: true, rate: '1.075269', asOf: '2026-12-02' });
    expect(rateOn(rates, '2026-12-04', 'USD', 'USD')).toEqual({ ok: true, rate: '1', asOf: '2026-12-04' });
  });

  it('crosses two non-euro currencies through the euro', () => {
    // 1 GBP in USD = 1.0512 / 0.83015 = 1.266277…
    expect(rateOn(rates, '2026-12-04', 'GBP', 'USD')).toMatchObject({ ok: true, rate: '1.266277' });
  });

  it('says when the file has no rate early enough', () => {
    expect(rateOn(rates, '2026-12-01', 'USD', 'EUR')).toEqual({
      ok: false,
      problem: 'The imported rate file has no rate for USD in EUR on or before 2026-12-01. Import a newer file, or type the rate.',
    });
  });
});

describe('conversion at a fixed rate', () => {
  it('converts minor units across currencies with different digits, rounding once', () => {
    expect(convertMinor(100_000, 'USD', 'EUR', '0.951294')).toBe(95_129); // $1 000.00 → €951.294 → €951.29
    expect(convertMinor(150, 'USD', 'EUR', '0.95')).toBe(143); // 142.5 → 143
    expect(convertMinor(-150, 'USD', 'EUR', '0.95')).toBe(-143); // a credit note rounds the other way
    expect(convertMinor(12_345, 'EUR', 'JPY', '161.02')).toBe(19_878); // €123.45 → ¥19 877.919
    expect(convertMinor(19_878, 'JPY', 'EUR', '0.00621')).toBe(12_344); // ¥19 878 → €123.44238
  });

  it('refuses a rate that is not a positive decimal', () => {
    for (const bad of ['', '0', '-1', '1,05', '1e3', 'abc', '0.000']) {
      expect(parseRate(bad)).toBeNull();
      expect(() => convertMinor(100, 'USD', 'EUR', bad)).toThrow('The exchange rate is a positive decimal such as 0.9512');
    }
    expect(() => crossRate('N/A', '1')).toThrow(RangeError);
  });
});
