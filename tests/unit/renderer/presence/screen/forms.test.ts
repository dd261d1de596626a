import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESENCE_RULES } from '../../../../../src-renderer/domain/presence.ts';
import { toRule, toSchengenWarning, withRule } from '../../../../../src-renderer/presence/screen/rule-form.ts';
import { checkTripRow, isBlankRow } from '../../../../../src-renderer/presence/screen/trip-form.ts';

describe('checkTripRow', () => {
  it('accepts a trip, a one-day trip included', () => {
    expect(checkTripRow({ from: '2026-03-01', to: '2026-03-20', country: 'PT', note: 'Lisbon' })).toEqual({});
    expect(checkTripRow({ from: '2026-03-01', to: '2026-03-01', country: 'pt', note: '' })).toEqual({});
  });

  it("names each field's problem in its label's words", () => {
    expect(checkTripRow({ from: '', to: '', country: '', note: '' })).toEqual({
      from: 'From: choose the first day',
      to: 'To: choose the last day',
      country: 'Country: choose a country',
    });
    expect(checkTripRow({ from: '2026-03-20', to: '2026-03-01', country: 'PT', note: '' })).toEqual({ to: 'To: must not be before From' });
    expect(checkTripRow({ from: '2026-02-30', to: '2026-03-01', country: 'QQ', note: 'x'.repeat(501) })).toEqual({
      from: 'From: not a calendar day',
      country: 'Country: "QQ" is not a country Caravan knows',
      note: 'Note: at most 500 characters',
    });
    expect(checkTripRow({ from: '2020-01-01', to: '2026-01-01', country: 'PT', note: '' }).to).toBe('To: a trip is at most 1100 days; split it');
  });

  it('tells an empty bulk row from a half-typed one', () => {
    expect(isBlankRow({ from: '', to: '', country: '', note: ' ' })).toBe(true);
    expect(isBlankRow({ from: '', to: '', country: 'PT', note: '' })).toBe(false);
  });
});

describe('toRule', () => {
  it('reads a UK rule: 6 April, midnight, 183, warn at 150', () => {
    expect(toRule({ yearStart: '04-06', counting: 'midnight', threshold: '183', warnAt: '150' })).toEqual({
      ok: true,
      rule: { yearStart: '04-06', counting: 'midnight', threshold: 183, warnAt: 150 },
    });
    expect(toRule({ yearStart: '01-01', counting: 'any-part', threshold: '183', warnAt: ' ' })).toEqual({
      ok: true,
      rule: { yearStart: '01-01', counting: 'any-part', threshold: 183 },
    });
  });

  it('refuses in words', () => {
    expect(toRule({ yearStart: '6 April', counting: 'any-part', threshold: '0', warnAt: '200' })).toEqual({
      ok: false,
      errors: { yearStart: 'Year starts: a month and day such as 04-06 (6 April)', threshold: 'Threshold: a whole number of days from 1 to 366' },
    });
    expect(toRule({ yearStart: '02-29', counting: 'any-part', threshold: '183', warnAt: '' })).toMatchObject({
      ok: false,
      errors: { yearStart: expect.stringContaining('29 February') },
    });
    expect(toRule({ yearStart: '04-31', counting: 'any-part', threshold: '183', warnAt: '183' })).toEqual({
      ok: false,
      errors: { yearStart: 'Year starts: 04-31 is not a day of the year', warnAt: 'Warn at: must be below the threshold' },
    });
  });
});

describe('Schengen warning and rules', () => {
  it('reads days left from 0 to 90', () => {
    expect(toSchengenWarning('10')).toEqual({ ok: true, days: 10 });
    expect(toSchengenWarning('0')).toEqual({ ok: true, days: 0 });
    expect(toSchengenWarning('91').ok).toBe(false);
    expect(toSchengenWarning('ten').ok).toBe(false);
  });

  it('sets and removes one country’s rule, leaving the rest', () => {
    const uk = { yearStart: '04-06', counting: 'midnight' as const, threshold: 183 };
    const set = withRule(DEFAULT_PRESENCE_RULES, 'GB', uk);
    expect(set.taxYears).toEqual({ GB: uk });
    expect(withRule(set, 'GB', null).taxYears).toEqual({});
    expect(DEFAULT_PRESENCE_RULES.taxYears).toEqual({});
  });
});
