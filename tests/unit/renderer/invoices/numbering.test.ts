/** Invoice numbers without gaps, per series and year, from the register. */
import { describe, expect, it } from 'vitest';
import { checkNumbering, formatNumber, nextNumber, numberProblem, parseNumber } from '../../../../src-renderer/invoices/numbering.ts';

const entries = (...numbers: string[]) => numbers.map((number) => ({ number }));
const RE = { prefix: 'RE-' };
const NONE = { prefix: '' };

describe('formatting and parsing numbers', () => {
  it('pads to four digits and grows past 9999', () => {
    expect(formatNumber('RE-', 2026, 7)).toBe('RE-2026-0007');
    expect(formatNumber('', 2026, 12_345)).toBe('2026-12345');
  });

  it('reads the year right before the last "-", so a prefix may end in digits', () => {
    expect(parseNumber('RE-2026-0007')).toEqual({ prefix: 'RE-', year: 2026, sequence: 7 });
    expect(parseNumber('X12026-0001')).toEqual({ prefix: 'X1', year: 2026, sequence: 1 });
    expect(parseNumber('2026-0001')).toEqual({ prefix: '', year: 2026, sequence: 1 });
    expect(parseNumber('INV 7')).toBeUndefined();
    // A stated series must be the number's prefix.
    expect(parseNumber('RE-2026-0007', 'GS-')).toBeUndefined();
    expect(parseNumber('RE-2026-0007', 'RE-')).toEqual({ prefix: 'RE-', year: 2026, sequence: 7 });
  });
});

describe('the next number', () => {
  it('starts a year at 1 and counts on from the highest number of that series and year', () => {
    expect(nextNumber([], RE, 2026)).toEqual({ ok: true, number: 'RE-2026-0001' });
    expect(nextNumber(entries('RE-2026-0001', 'RE-2026-0002', 'GS-2026-0009', '2026-0040'), RE, 2026)).toEqual({ ok: true, number: 'RE-2026-0003' });
  });

  it('restarts at the year change', () => {
    expect(nextNumber(entries('RE-2026-0041'), RE, 2027)).toEqual({ ok: true, number: 'RE-2027-0001' });
  });

  it('reads numbers of the current format ("2026-0001") as the series without prefix', () => {
    expect(nextNumber(entries('2026-0001', '2026-0002'), NONE, 2026)).toEqual({ ok: true, number: '2026-0003' });
    expect(nextNumber(entries('2026-0001', '2026-0002'), RE, 2026)).toEqual({ ok: true, number: 'RE-2026-0001' });
  });

  it('trusts the series an entry states over the text of its number', () => {
    expect(nextNumber([{ number: 'RE-2026-0005', series: 'RE-' }], RE, 2026)).toEqual({ ok: true, number: 'RE-2026-0006' });
  });

  it('continues a count begun elsewhere, only in its year, and never goes back below the register', () => {
    const moving = { prefix: 'RE-', continueFrom: { year: 2026, next: 42 } };
    expect(nextNumber([], moving, 2026)).toEqual({ ok: true, number: 'RE-2026-0042' });
    expect(nextNumber(entries('RE-2026-0042', 'RE-2026-0043'), moving, 2026)).toEqual({ ok: true, number: 'RE-2026-0044' });
    expect(nextNumber([], moving, 2027)).toEqual({ ok: true, number: 'RE-2027-0001' });
  });

  it('refuses to skip numbers the register does not hold', () => {
    const late = { prefix: 'RE-', continueFrom: { year: 2026, next: 42 } };
    const next = nextNumber(entries('RE-2026-0001', 'RE-2026-0002', 'RE-2026-0003'), late, 2026);
    expect(next.ok).toBe(false);
    expect(!next.ok && next.problem).toMatch(/^Number series: .*RE-2026.* at 42.*RE-2026-0003.*skip 4 to 41/u);
  });

  it('accepts only exactly the next number when one is about to be written', () => {
    const register = entries('RE-2026-0001', 'RE-2026-0002');
    expect(numberProblem(register, RE, 'RE-2026-0003')).toBeUndefined();
    expect(numberProblem(register, RE, 'RE-2026-0005')).toMatch(/would leave a gap in RE-2026; the next number is RE-2026-0003/u);
    expect(numberProblem(register, RE, 'RE-2026-0002')).toMatch(/already in your register; numbers are never reused/u);
    expect(numberProblem(register, RE, 'GS-2026-0003')).toMatch(/not in the series "RE-"/u);
  });
});

describe('checking the register', () => {
  it('is silent when every series and year counts without gaps', () => {
    expect(checkNumbering(entries('RE-2026-0001', 'RE-2026-0002', 'RE-2027-0001', 'GS-2026-0001', '2025-0001', 'typed by hand'))).toEqual([]);
  });

  it('lists gaps per series and year as ranges, in words', () => {
    const [check, ...rest] = checkNumbering(entries('RE-2026-0001', 'RE-2026-0004', 'RE-2026-0006', 'RE-2027-0002'));
    expect(check).toMatchObject({
      prefix: 'RE-',
      year: 2026,
      gaps: [
        [2, 3],
        [5, 5],
      ],
      duplicates: [],
    });
    expect(check?.problems).toEqual([
      'RE-2026-0002 to RE-2026-0003 are missing from your register: numbers in RE-2026 skip them.',
      'RE-2026-0005 is missing from your register: numbers in RE-2026 skip it.',
    ]);
    // 2027 starts at 1, so its first number is missing too.
    expect(rest).toEqual([expect.objectContaining({ prefix: 'RE-', year: 2027, gaps: [[1, 1]] })]);
  });

  it('lists numbers two devices gave out twice', () => {
    const [check] = checkNumbering(entries('2026-0001', '2026-0002', '2026-0002'));
    expect(check).toMatchObject({ prefix: '', year: 2026, gaps: [], duplicates: ['2026-0002'] });
    expect(check?.problems).toEqual([expect.stringMatching(/^2026-0002 was given to 2 invoices/u)]);
  });

  it('does not count numbers below a continued count as missing', () => {
    const series = [{ prefix: 'RE-', continueFrom: { year: 2026, next: 42 } }];
    expect(checkNumbering(entries('RE-2026-0042', 'RE-2026-0043'), series)).toEqual([]);
    expect(checkNumbering(entries('RE-2026-0042', 'RE-2026-0044'), series)[0]?.gaps).toEqual([[43, 43]]);
  });
});
