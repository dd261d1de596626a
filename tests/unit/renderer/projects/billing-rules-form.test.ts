/** A project's billing rules on screen: rounding, rates from a day on (checked with checkSchedule), and a phase's milestone fee. */
import { describe, expect, it } from 'vitest';
import { billingRulesValues, type BillingRulesValues, toBillingRules } from '../../../../src-renderer/projects/billing-rules-form.ts';
import { projectFormValues, toProjectInput } from '../../../../src-renderer/projects/project-form.ts';
import { parseMilestoneFee } from '../../../../src-renderer/projects/milestone-fee.ts';
import { validatorText } from '../../support/validator-text.ts';

const rows = (...changes: [string, string][]): BillingRulesValues['rateChanges'] => changes.map(([from, rate], i) => ({ key: `k${i}`, from, rate }));
const NONE: BillingRulesValues = billingRulesValues(undefined);

describe('toBillingRules', () => {
  it('no rounding and no changes store nothing (removing what was there)', () => {
    expect(NONE).toEqual({ roundingMode: 'none', roundingStep: '15', roundingPer: 'block', rateChanges: [] });
    expect(toBillingRules(NONE, 'EUR')).toEqual({ ok: true, rounding: undefined, rateChanges: undefined });
  });

  it('rounding up 15 minutes per day, and a rate change mid-month sorted by day', () => {
    const checked = toBillingRules(
      { roundingMode: 'up', roundingStep: '15', roundingPer: 'day', rateChanges: rows(['2026-04-15', '110'], ['2026-01-01', '95,50']) },
      'EUR',
    );
    expect(checked).toEqual({
      ok: true,
      rounding: { mode: 'up', stepMinutes: 15, per: 'day' },
      rateChanges: [
        { from: '2026-01-01', rateMinor: 9_550 },
        { from: '2026-04-15', rateMinor: 11_000 },
      ],
    });
  });

  it('reads back a stored rule and schedule', () => {
    const values = billingRulesValues({
      currency: 'CHF',
      rounding: { mode: 'nearest', stepMinutes: 6, per: 'block' },
      rateChanges: [{ from: '2026-03-01', rateMinor: 15_000 }],
    });
    expect(values).toMatchObject({ roundingMode: 'nearest', roundingStep: '6', roundingPer: 'block', rateChanges: [{ from: '2026-03-01', rate: '150.00' }] });
  });

  it('refuses one row at a time, naming the day or the row', () => {
    expect(toBillingRules({ ...NONE, rateChanges: rows(['2026-01-01', '95'], ['', '110']) }, 'EUR')).toEqual({
      ok: false,
      message: 'Rate change 2: choose the first day the rate applies.',
      row: 1,
    });
    expect(toBillingRules({ ...NONE, rateChanges: rows(['2026-04-01', 'abc']) }, 'EUR')).toEqual({
      ok: false,
      message: 'Rate from 2026-04-01: type the hourly rate in EUR, such as 110.',
      row: 0,
    });
    expect(toBillingRules({ ...NONE, rateChanges: rows(['2026-04-01', '95'], ['2026-05-01', '100'], ['2026-04-01', '110']) }, 'EUR')).toEqual({
      ok: false,
      message: 'Rate from 2026-04-01: two rates start that day. Keep one.',
      row: 2,
    });
    expect(toBillingRules({ ...NONE, rateChanges: rows(['2026-04-01', '-95']) }, 'EUR')).toEqual({
      ok: false,
      message: 'Rate from 2026-04-01: a rate is an amount of 0 or more.',
      row: 0,
    });
  });
});

describe('the project form with billing rules', () => {
  const base = { ...projectFormValues(undefined, undefined), clientId: 'c1', name: 'Assay classifier', rate: '95' };

  it('saves the rules on the project', () => {
    const checked = toProjectInput({
      ...base,
      rules: { roundingMode: 'nearest', roundingStep: '30', roundingPer: 'block', rateChanges: rows(['2026-04-01', '110']) },
    });
    expect(checked).toMatchObject({
      ok: true,
      value: { rounding: { mode: 'nearest', stepMinutes: 30, per: 'block' }, rateChanges: [{ from: '2026-04-01', rateMinor: 11_000 }] },
    });
  });

  it('a refused schedule is the form’s "Rate changes" error, with the others, and nothing is returned to save', () => {
    const checked = toProjectInput({ ...base, name: '', rules: { ...NONE, rateChanges: rows(['2026-04-01', '95'], ['2026-04-01', '110']) } });
    expect(checked).toEqual({
      ok: false,
      errors: { name: 'Project name is required.', rateChanges: 'Rate from 2026-04-01: two rates start that day. Keep one.' },
    });
    if (!checked.ok) for (const m of Object.values(checked.errors)) expect(validatorText(m ?? '')).toBeNull();
  });

  it('a fixed fee keeps no rate changes (they apply to time billing only)', () => {
    const checked = toProjectInput({ ...base, billingKind: 'fixed', fee: '12000', rules: { ...NONE, rateChanges: rows(['', 'x']) } });
    expect(checked.ok && checked.value.rateChanges).toBeUndefined();
    expect(checked.ok && Object.hasOwn(checked.value, 'rateChanges')).toBe(true);
  });
});

describe('parseMilestoneFee', () => {
  it('empty is none; an amount in the project’s currency', () => {
    expect(parseMilestoneFee(' ', 'EUR')).toEqual({ ok: true, minor: undefined });
    expect(parseMilestoneFee('4.000,00', 'EUR')).toEqual({ ok: true, minor: 400_000 });
    expect(parseMilestoneFee('1500', 'JPY')).toEqual({ ok: true, minor: 1_500 });
  });
  it('refuses a negative fee and text, naming the field', () => {
    expect(parseMilestoneFee('-10', 'EUR')).toEqual({ ok: false, message: 'Milestone fee cannot be negative.' });
    expect(parseMilestoneFee('lots', 'EUR')).toEqual({ ok: false, message: expect.stringMatching(/^Milestone fee: /u) });
  });
});
