/** The business profile form: every refusal names its field, all at once; a good profile stores as the schema reads it. */
import { describe, expect, it } from 'vitest';
import { businessProfileSchema } from '../../../../../src-renderer/domain/business-profile.ts';
import {
  parsePercent,
  PROFILE_FIELDS,
  PROFILE_LABELS,
  profileFormValues,
  type ProfileFormValues,
  toBusinessProfile,
} from '../../../../../src-renderer/invoices/profile/profile-form.ts';
import { validatorText } from '../../../support/validator-text.ts';

const YEAR = 2026;

/** Anna in Berlin, billing in euros, her VAT number, her bank. */
const ANNA: ProfileFormValues = {
  ...profileFormValues(undefined, YEAR),
  legalName: 'Anna Nowak Data Consulting',
  address: 'Torstraße 1\n10119 Berlin',
  country: 'DE',
  vatId: 'DE 136 695 976',
  vatRate: '19',
  iban: 'de89 3704 0044 0532 0130 00',
  bic: 'deutdeff',
  invoicePrefix: 'RE-',
  creditPrefix: 'GS-',
};

describe('toBusinessProfile', () => {
  it('stores IBAN and VAT number in their electronic forms, the rate in basis points', () => {
    const checked = toBusinessProfile(ANNA, YEAR);
    expect(checked).toEqual({
      ok: true,
      value: {
        legalName: 'Anna Nowak Data Consulting',
        address: 'Torstraße 1\n10119 Berlin',
        country: 'DE',
        vatId: 'DE136695976',
        iban: 'DE89370400440532013000',
        bic: 'DEUTDEFF',
        paymentTermsDays: 14,
        domesticVatRateBp: 1900,
        homeCurrency: 'EUR',
        invoiceSeries: { prefix: 'RE-' },
        creditNoteSeries: { prefix: 'GS-' },
        hourStyle: 'h:mm',
      },
    });
    if (checked.ok) expect(businessProfileSchema.parse(checked.value)).toEqual(checked.value);
  });

  it('reads back what it stored, the IBAN grouped by four', () => {
    const checked = toBusinessProfile({ ...ANNA, invoiceNext: '42', vatRate: '5,5' }, YEAR);
    if (!checked.ok) throw new Error('expected a profile');
    expect(checked.value.invoiceSeries).toEqual({ prefix: 'RE-', continueFrom: { year: YEAR, next: 42 } });
    const again = profileFormValues(checked.value, YEAR);
    expect(again.iban).toBe('DE89 3704 0044 0532 0130 00');
    expect(again.vatRate).toBe('5.5');
    expect(again.invoiceNext).toBe('42');
    // A count continued last year is not this year's.
    expect(profileFormValues(checked.value, YEAR + 1).invoiceNext).toBe('');
  });

  it('a § 19 small business: the wording is stored, no rate is needed', () => {
    const checked = toBusinessProfile(
      { ...ANNA, vatId: '', vatRate: '', smallBusiness: true, smallBusinessWording: 'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.' },
      YEAR,
    );
    expect(checked.ok && checked.value.smallBusinessWording).toBe('Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.');
    expect(checked.ok && checked.value.domesticVatRateBp).toBe(0);
    expect(checked.ok && checked.value.vatId).toBeUndefined();
  });

  it('refuses every bad field at once, each in the words of its label', () => {
    const checked = toBusinessProfile(
      {
        ...ANNA,
        legalName: ' ',
        address: '',
        vatId: 'FR40303265045',
        email: 'anna at example',
        vatRate: '119',
        smallBusiness: true,
        smallBusinessWording: '',
        paymentTermsDays: '400',
        iban: 'DE89 3704 0044 0532 0130 01',
        bic: 'DEUT',
        invoicePrefix: 'RE 2026',
        invoiceNext: '0',
        creditPrefix: 'RE-',
      },
      YEAR,
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toEqual({
      legalName: expect.stringMatching(/^Legal name: /u),
      address: expect.stringMatching(/^Address: /u),
      vatId: 'VAT number: a VAT number from Germany begins with DE; this one begins with FR. Check the number or the country.',
      email: 'Email: enter an email address such as name@example.com.',
      vatRate: 'Domestic VAT rate (%): a percentage from 0 to 100 with up to two decimals, such as 19 or 5.5.',
      smallBusinessWording: expect.stringMatching(/^Exemption wording: /u),
      paymentTermsDays: 'Payment terms (days): a whole number of days from 0 to 365, such as 14.',
      iban: 'IBAN: the check digits do not match; check for a mistyped or swapped character.',
      bic: expect.stringMatching(/^BIC: /u),
      invoicePrefix: expect.stringMatching(/^Invoice prefix: use letters, digits/u),
      invoiceNext: expect.stringMatching(/^Next invoice number this year: /u),
    });
    for (const message of Object.values(checked.errors)) expect(validatorText(message ?? '')).toBeNull();
    // Every key is a field the form shows, so focus can go to it.
    for (const key of Object.keys(checked.errors)) expect(PROFILE_FIELDS).toContain(key);
  });

  it('the credit-note series needs a prefix of its own', () => {
    const checked = toBusinessProfile({ ...ANNA, creditPrefix: 'RE-' }, YEAR);
    expect(checked).toEqual({ ok: false, errors: { creditPrefix: expect.stringMatching(/^Credit-note prefix: use another prefix/u) } });
  });

  it('asks for the domestic rate, never guessing it from the country', () => {
    const checked = toBusinessProfile({ ...ANNA, vatRate: '' }, YEAR);
    expect(checked).toEqual({ ok: false, errors: { vatRate: 'Domestic VAT rate (%): type the rate you charge in Germany, such as 19 or 5.5.' } });
  });

  it('asks for the country, and leaves the VAT number unchecked until there is one', () => {
    const checked = toBusinessProfile({ ...ANNA, country: '' }, YEAR);
    expect(checked).toEqual({ ok: false, errors: { country: expect.stringMatching(/^Country of establishment: choose/u) } });
    expect(PROFILE_LABELS.country).toBe('Country of establishment');
  });

  it('a Greek seller with an EL number and a long legal name in Greek', () => {
    const checked = toBusinessProfile(
      {
        ...ANNA,
        legalName: 'Ελένη Παπαδοπούλου Συμβουλευτικές Υπηρεσίες Δεδομένων',
        address: 'Οδός Ερμού 10\n105 63 Αθήνα',
        country: 'GR',
        vatId: 'EL094259216',
        vatRate: '24',
        iban: 'GR16 0110 1250 0000 0001 2300 695',
      },
      YEAR,
    );
    expect(checked.ok && checked.value.vatId).toBe('EL094259216');
    expect(checked.ok && checked.value.iban).toBe('GR1601101250000000012300695');
  });
});

describe('parsePercent', () => {
  it.each([
    ['19', 1900],
    ['5,5', 550],
    ['25.5 %', 2550],
    ['0', 0],
    ['100', 10_000],
    ['7.75', 775],
  ])('%s is %d basis points', (typed, bp) => expect(parsePercent(typed)).toBe(bp));
  it.each(['', '101', '-19', '19.555', 'nineteen', '1e2'])('refuses %s', (typed) => expect(parsePercent(typed)).toBeUndefined());
});
