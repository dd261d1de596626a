import { describe, expect, it } from 'vitest';
import { addDecimal, decimalToMinor, parseDecimal, ZERO } from '../../../../src-renderer/cost-import/decimal.ts';
import { dayInOrder, isoDay, unixDay } from '../../../../src-renderer/cost-import/csv-dates.ts';

const minor = (text: string, mark: '.' | ',' = '.', digits = 2) => {
  const d = parseDecimal(text, mark);
  return d === null ? null : decimalToMinor(d, digits);
};

describe('parseDecimal and decimalToMinor', () => {
  it('reads what billing files write, exactly', () => {
    expect(minor('1.006')).toBe(101);
    expect(minor('-2.50')).toBe(-250);
    expect(minor('2.1E-4', '.', 6)).toBe(210);
    expect(minor('1.2e3')).toBe(120_000);
    expect(minor('1,234.56')).toBe(123_456);
    expect(minor('1.234,56', ',')).toBe(123_456);
    expect(minor('(12.30)')).toBe(-1230);
    expect(minor('€ 12.30')).toBe(1230);
    expect(minor('12.30 USD')).toBe(1230);
    expect(minor('85', '.', 0)).toBe(85);
  });

  it('rounds half away from zero, once', () => {
    expect(minor('0.005')).toBe(1);
    expect(minor('-0.005')).toBe(-1);
    expect(minor('0.00499999')).toBe(0);
    // 0.1 + 0.2 as floats is 0.30000000000000004; as decimals it is 0.3 exactly.
    expect(addDecimal(parseDecimal('0.1')!, parseDecimal('0.2')!)).toEqual({ units: 3n, scale: 1 });
    const sum = ['0.0014', '0.0014', '0.0014', '0.0014'].reduce((s, t) => addDecimal(s, parseDecimal(t)!), ZERO);
    expect(decimalToMinor(sum, 2)).toBe(1);
    expect(sum).toEqual({ units: 56n, scale: 4 });
  });

  it('refuses what is not an amount', () => {
    for (const bad of ['12,3.4', '', 'abc', '1.2.3', '1,23', '--5', '1e999', '12.5x', '1,234e3']) expect(parseDecimal(bad), bad).toBeNull();
    expect(parseDecimal('12.3,4', ',')).toBeNull();
  });

  it('says when a total cannot be stored exactly', () => {
    expect(decimalToMinor(parseDecimal('99999999999999999999')!, 2)).toBeNull();
  });
});

describe('days from billing dates', () => {
  it('takes the day as the provider writes it, never shifted to another zone', () => {
    expect(isoDay('2026-11-03T00:00:00Z')).toBe('2026-11-03');
    expect(isoDay('2026-11-03T23:59:59-08:00')).toBe('2026-11-03');
    expect(isoDay('2026-11-03 08:00')).toBe('2026-11-03');
    expect(isoDay('2026-02-30')).toBeNull();
    expect(unixDay('1793491200')).toBe('2026-11-01');
    expect(unixDay('17934912001234')).toBeNull();
  });

  it('reads day-first and month-first dates in the order asked, and month names', () => {
    expect(dayInOrder('03.11.2026', 'dmy')).toBe('2026-11-03');
    expect(dayInOrder('11/03/2026', 'mdy')).toBe('2026-11-03');
    expect(dayInOrder('2026/11/03', 'dmy')).toBe('2026-11-03');
    expect(dayInOrder('Nov 3, 2026', 'dmy')).toBe('2026-11-03');
    expect(dayInOrder('3 November 2026', 'mdy')).toBe('2026-11-03');
    expect(dayInOrder('31.02.2026', 'dmy')).toBeNull();
    expect(dayInOrder('03.11.26', 'dmy')).toBeNull();
  });
});
