/** Schema refusals said in the words of the field's label: lengths, bounds, formats, choices and the app's own refinements. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { firstInvalid, issueInWords, issuesAsFieldErrors } from '../../../../src-renderer/ui/field-errors.ts';
import { validatorText } from '../../support/validator-text.ts';

const words = (schema: z.ZodType, value: unknown, label: string) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a refusal');
  return result.error.issues.map((issue) => issueInWords(issue, label));
};

describe('issueInWords', () => {
  it.each([
    [z.string().max(200), 'x'.repeat(201), 'Name', 'Name: at most 200 characters.'],
    [z.string().trim().min(1, 'must not be empty'), '  ', 'Name', 'Name is required.'],
    [z.string().min(3), 'ab', 'Bucket', 'Bucket: at least 3 characters.'],
    [z.int().nonnegative(), -1, 'Default hourly rate', 'Default hourly rate cannot be negative.'],
    [z.number().min(1).max(240), 500, 'Idle time', 'Idle time: at most 240.'],
    [z.number().min(1).max(240), 0, 'Idle time', 'Idle time: at least 1.'],
    [z.array(z.string()).min(1), [], 'Allowed countries', 'Allowed countries: choose at least one.'],
    [z.email(), 'not an email', 'Email', 'Email: enter an email address such as name@example.com.'],
    [z.enum(['a', 'b']), 'c', 'Kind', 'Kind: choose one of the options.'],
    [z.string(), undefined, 'Name', 'Name is required.'],
    [z.string(), 12, 'Name', 'Name is not valid here.'],
    [z.string().refine(() => false, 'is not a currency Caravan knows'), 'EU', 'Currency', 'Currency is not a currency Caravan knows.'],
    [z.string().refine(() => false, 'a WebDAV target needs its URL'), '', 'URL', 'URL: a WebDAV target needs its URL.'],
    [
      z.string().regex(/^[A-Z]{3}$/u, 'must be a three-letter currency code such as "EUR"'),
      'eu',
      'Currency',
      'Currency must be a three-letter currency code such as "EUR".',
    ],
    [z.string().regex(/^[A-Z]{3}$/u), 'eu', 'Currency', 'Currency is not in a form Caravan can read.'],
  ])('%#: says %s as words', (schema, value, label, expected) => {
    const [message] = words(schema as z.ZodType, value, label);
    expect(message).toBe(expected);
    expect(validatorText(message ?? '')).toBeNull();
  });
});

describe('issuesAsFieldErrors', () => {
  const schema = z.strictObject({ name: z.string().min(1), contact: z.strictObject({ email: z.email() }), defaultRateMinor: z.int().nonnegative() });
  const labels = {
    name: { field: 'name', label: 'Name' },
    'contact.email': { field: 'email', label: 'Email' },
    defaultRateMinor: { field: 'rate', label: 'Default hourly rate' },
  } as const;

  it('puts every issue under its field at once, by nested path first', () => {
    const result = schema.safeParse({ name: '', contact: { email: 'x' }, defaultRateMinor: -5 });
    if (result.success) throw new Error('expected a refusal');
    expect(issuesAsFieldErrors(result.error, labels, { field: 'name', label: 'This client' })).toEqual({
      name: 'Name is required.',
      email: 'Email: enter an email address such as name@example.com.',
      rate: 'Default hourly rate cannot be negative.',
    });
  });

  it('firstInvalid follows the form order, not the order of the issues', () => {
    expect(firstInvalid(['name', 'email', 'rate'], { rate: 'x', email: 'y' })).toBe('email');
    expect(firstInvalid(['name', 'email'], {})).toBeUndefined();
  });
});

describe('validatorText', () => {
  it.each([
    'defaultRateMinor (Too small: expected number to be >=0)',
    'name (Too big: expected string to have <=200 characters)',
    'timeZone (is not an IANA time zone such as "Europe/Lisbon")',
    '`countries.1`: "XK" is not valid',
    'Invalid input',
  ])('catches %s', (text) => {
    expect(validatorText(text)).not.toBeNull();
  });

  it('lets words and product names through', () => {
    expect(validatorText('Name: at most 200 characters. Sync from macOS and an iPhone at 9:30.')).toBeNull();
  });
});
