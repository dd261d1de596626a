import { describe, expect, it } from 'vitest';
import { checkExpense } from '../../../../src-renderer/projects/expense-check.ts';

const ok = { date: '2026-12-07', amount: '184.20', currency: 'EUR' };
/** What a person must never read: a schema path, a validator's wording. */
const VALIDATOR = /amountMinor|expected|Too small|>=|invalid_type|must be/;

describe('checkExpense', () => {
  it('accepts a positive amount, in minor units', () => {
    expect(checkExpense(ok)).toEqual({ errors: {}, amountMinor: 18_420 });
    expect(checkExpense({ ...ok, amount: '184,20' }).amountMinor).toBe(18_420);
  });

  it('refuses −€12.00 in words of the Amount field', () => {
    for (const amount of ['-12.00', '−12.00', '-€12.00', '€-12']) {
      const { errors, amountMinor } = checkExpense({ ...ok, amount });
      expect(amountMinor).toBeUndefined();
      expect(errors.amount).toBe('Amount: an expense cannot be negative. For a refund, lower or delete the expense it refunds.');
    }
  });

  it('refuses zero and an empty amount, naming the field', () => {
    expect(checkExpense({ ...ok, amount: '0' }).errors.amount).toMatch(/^Amount: /);
    expect(checkExpense({ ...ok, amount: '' }).errors.amount).toMatch(/^Amount: /);
  });

  it('marks every invalid field at once, each by its label, never with validator text', () => {
    const { errors } = checkExpense({ date: '', amount: '', currency: '€' });
    expect(Object.keys(errors).sort()).toEqual(['amount', 'currency', 'date']);
    expect(errors.currency).toMatch(/^Currency: /);
    expect(errors.date).toMatch(/^Date: /);
    for (const message of Object.values(errors)) expect(message).not.toMatch(VALIDATOR);
  });
});
