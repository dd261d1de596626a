/** Days per country per tax year: year starts, the two counting rules, thresholds and warnings. */
import { describe, expect, it } from 'vitest';
import { dayNumber, dayText } from '../../../../src-renderer/presence/calendar-days.ts';
import { daysPerCountry, defaultRule, taxYearOf, type LedgerDay } from '../../../../src-renderer/presence/tax-year.ts';

function stay(from: string, to: string, country: string): LedgerDay[] {
  const out: LedgerDay[] = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n++) out.push({ day: dayText(n), country });
  return out;
}

describe('taxYearOf', () => {
  it('a calendar year, the UK year from 6 April, the Australian year from 1 July', () => {
    expect(taxYearOf('2026-04-05', '01-01')).toEqual({ label: '2026', start: '2026-01-01', end: '2026-12-31' });
    expect(taxYearOf('2026-04-05', '04-06')).toEqual({ label: '2025/26', start: '2025-04-06', end: '2026-04-05' });
    expect(taxYearOf('2026-04-06', '04-06')).toEqual({ label: '2026/27', start: '2026-04-06', end: '2027-04-05' });
    expect(taxYearOf('2099-12-31', '07-01')).toEqual({ label: '2099/00', start: '2099-07-01', end: '2100-06-30' });
  });

  it('refuses a year start that is not a day of every year', () => {
    expect(() => taxYearOf('2026-01-01', '02-29')).toThrow('"02-29" is not a day of the year written as MM-DD.');
    expect(() => taxYearOf('2026-01-01', '4-6')).toThrow('"4-6"');
  });
});

describe('daysPerCountry', () => {
  it('counts any part of a day by default, so a travel day counts in both countries', () => {
    const days = [...stay('2026-03-01', '2026-03-10', 'PT'), { day: '2026-03-10', country: 'ES' }, ...stay('2026-03-11', '2026-03-12', 'ES')];
    const counted = daysPerCountry(days);
    expect(counted.map((c) => [c.country, c.year.label, c.days])).toEqual([
      ['PT', '2026', 10],
      ['ES', '2026', 3],
    ]);
  });

  it('under the midnight rule a day counts where it ended, and a day in one country ends there', () => {
    const days: LedgerDay[] = [
      ...stay('2026-05-01', '2026-05-03', 'GB'),
      { day: '2026-05-04', country: 'GB' },
      { day: '2026-05-04', country: 'FR', midnight: true },
      { day: '2026-05-05', country: 'FR' },
      { day: '2026-05-05', country: 'GB', midnight: true },
    ];
    const rules = { GB: { ...defaultRule('GB'), counting: 'midnight' as const } };
    const gb = daysPerCountry(days, rules).find((c) => c.country === 'GB');
    expect(gb?.year.label).toBe('2026/27');
    expect(gb?.days).toBe(4); // 1–3 May and 5 May; 4 May ended in France
    // France keeps the default (any part): 4 and 5 May.
    expect(daysPerCountry(days, rules).find((c) => c.country === 'FR')?.days).toBe(2);
  });

  it('under the midnight rule a crossing day with no end recorded is counted, and flagged as uncertain', () => {
    // Arrival in the UK from France on 1 May, where the day ended not recorded, then nine days in the UK.
    const days: LedgerDay[] = [{ day: '2026-05-01', country: 'FR' }, { day: '2026-05-01', country: 'GB' }, ...stay('2026-05-02', '2026-05-10', 'GB')];
    const gb = daysPerCountry(days, { gb: { ...defaultRule('GB'), counting: 'midnight' } }).find((c) => c.country === 'GB');
    expect(gb).toMatchObject({ days: 10, uncertain: 1 });
    expect(daysPerCountry(days).find((c) => c.country === 'GB')).toMatchObject({ days: 10, uncertain: 0 });
  });

  it('splits counts at the country’s own year start', () => {
    const counted = daysPerCountry(stay('2026-04-01', '2026-04-10', 'GB'));
    expect(counted.map((c) => [c.year.label, c.days])).toEqual([
      ['2025/26', 5],
      ['2026/27', 5],
    ]);
  });

  it('flags the warning the person set and the threshold', () => {
    const rules = { DE: { ...defaultRule('DE'), warnAt: 150 } };
    const status = (last: string) => daysPerCountry(stay('2026-01-01', last, 'DE'), rules)[0]?.status;
    expect(status('2026-05-29')).toBe('ok'); // 149 days
    expect(status('2026-05-30')).toBe('warning'); // 150
    expect(status('2026-07-01')).toBe('warning'); // 182
    expect(status('2026-07-02')).toBe('over'); // 183
  });

  it('counts a day once however many rows it has, and reads codes in any case', () => {
    const counted = daysPerCountry([
      { day: '2026-02-01', country: 'it' },
      { day: '2026-02-01', country: 'IT' },
    ]);
    expect(counted).toHaveLength(1);
    expect(counted[0]).toMatchObject({ country: 'IT', days: 1 });
  });
});
