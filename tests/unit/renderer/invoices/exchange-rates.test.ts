/** Fixed exchange rates: ECB files of both shapes, cross rates, conversions a calculator repeats. */
import { describe, expect, it } from 'vitest';
import { MAX_RATE_AGE_DAYS, parseEcbCsv, referenceRateOn } from '../../../../src-renderer/invoices/ecb-rates.ts';
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
  it('reads a file saved with CRLF line ends and a quoted date cell (a spreadsheet re-saved it)', () => {
    const parsed = parseEcbCsv('Date,USD,GBP,\r\n"4 December 2026",1.0512,0.83015,\r\n\r\n');
    expect(parsed.ok && Object.fromEntries(parsed.rates.days.get('2026-12-04')!)).toEqual({ USD: '1.0512', GBP: '0.83015' });
  });
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
    for (const text of ['', 'name,amount\nx,1', 'Date,USD\nyesterday,1.05', 'Date,USD\n2026-02-31,1.05']) {
      const parsed = parseEcbCsv(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(validatorText(parsed.problem)).toBeNull();
    }
    expect(parseEcbCsv('Date,USD\nyesterday,1.05')).toEqual({ ok: false, problem: 'Line 2 of the rate file does not start with a date ("yesterday").' });
  });
});

describe('referenceRateOn', () => {
  const parsed = parseEcbCsv(HISTORY);
  const rates = parsed.ok ? parsed.rates : { days: new Map() };

  it('takes the latest day on or before, so a Saturday uses Friday’s rate', () => {
    expect(referenceRateOn(rates, '2026-12-05', 'USD', 'EUR')).toEqual({ ok: true, rate: '0.9512937595', asOf: '2026-12-04' });
    expect(referenceRateOn(rates, '2026-12-04', 'EUR', 'USD')).toEqual({ ok: true, rate: '1.0512', asOf: '2026-12-04' });
    // A currency not quoted that day falls back to the last day that quoted both.
    expect(referenceRateOn(rates, '2026-12-03', 'CHF', 'EUR')).toEqual({ ok: true, rate: '1.075268817', asOf: '2026-12-02' });
    expect(referenceRateOn(rates, '2026-12-04', 'USD', 'USD')).toEqual({ ok: true, rate: '1', asOf: '2026-12-04' });
  });

  it('crosses two non-euro currencies through the euro', () => {
    // 1 GBP in USD = 1.0512 / 0.83015 = 1.2662771788…; codes in any case.
    expect(referenceRateOn(rates, '2026-12-04', 'gbp', 'usd')).toMatchObject({ ok: true, rate: '1.266277179' });
  });

  it('keeps ten significant digits, so currencies worth a fraction of a cent convert to the cent', () => {
    const jpy = parseEcbCsv('Date,JPY,KRW,\n2026-12-04,161.02,1530.12,');
    const table = jpy.ok ? jpy.rates : { days: new Map() };
    const yen = referenceRateOn(table, '2026-12-04', 'JPY', 'EUR');
    const won = referenceRateOn(table, '2026-12-04', 'KRW', 'EUR');
    expect(yen).toEqual({ ok: true, rate: '0.006210408645', asOf: '2026-12-04' });
    expect(won).toEqual({ ok: true, rate: '0.0006535435129', asOf: '2026-12-04' });
    // Exact: ¥10 000 000 = €62 104.086…; ₩50 000 000 = €32 677.176…
    expect(yen.ok && convertMinor(10_000_000, 'JPY', 'EUR', yen.rate)).toBe(6_210_409);
    expect(won.ok && convertMinor(50_000_000, 'KRW', 'EUR', won.rate)).toBe(3_267_718);
  });

  it('refuses a rate older than a week before the day: the currency stopped being quoted, or the file is old', () => {
    const stale = parseEcbCsv('Date,RUB,USD,\n2026-12-04,N/A,1.05,\n2022-03-01,117.29,1.11,');
    const table = stale.ok ? stale.rates : { days: new Map() };
    expect(referenceRateOn(table, '2026-12-04', 'RUB', 'EUR')).toEqual({
      ok: false,
      problem: 'The newest rate for RUB in EUR in the imported file is from 2022-03-01, too long before 2026-12-04. Import a newer file, or type the rate.',
    });
    expect(referenceRateOn(table, '2026-12-11', 'USD', 'EUR').ok).toBe(true);
    expect(referenceRateOn(table, `2026-12-${String(4 + MAX_RATE_AGE_DAYS + 1)}`, 'USD', 'EUR').ok).toBe(false);
  });

  it('says when the file has no rate early enough', () => {
    expect(referenceRateOn(rates, '2026-12-01', 'USD', 'EUR')).toEqual({
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
