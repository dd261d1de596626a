/** IBAN, BIC and VAT numbers as a person types them: real valid numbers pass, each refusal says what is wrong. */
import { describe, expect, it } from 'vitest';
import { checkBic, checkIban, printedIban } from '../../../../../src-renderer/invoices/profile/bank-account.ts';
import { checkVatId, vatPrefix } from '../../../../../src-renderer/invoices/profile/vat-id.ts';
import { validatorText } from '../../../support/validator-text.ts';

describe('checkIban', () => {
  it.each([
    ['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
    ['fr14 2004 1010 0505 0001 3m02 606', 'FR1420041010050500013M02606'],
    ['PL61 1090 1014 0000 0712 1981 2874', 'PL61109010140000071219812874'],
    ['GR16-0110-1250-0000-0001-2300-695', 'GR1601101250000000012300695'],
    ['CH93 0076 2011 6238 5295 7', 'CH9300762011623852957'],
    ['GB29 NWBK 6016 1331 9268 19', 'GB29NWBK60161331926819'],
  ])('accepts %s and stores it electronically', (typed, stored) => {
    expect(checkIban(typed)).toEqual({ ok: true, iban: stored });
  });

  it('prints a stored IBAN grouped by four', () => {
    expect(printedIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
    expect(printedIban('CH9300762011623852957')).toBe('CH93 0076 2011 6238 5295 7');
  });

  it('says when the country is not one that uses IBANs', () => {
    expect(checkIban('XX89 3704 0044 0532 0130 00')).toEqual({ ok: false, problem: expect.stringContaining('“XX” is not one') });
    expect(checkIban('US12 3456 7890')).toEqual({ ok: false, problem: expect.stringContaining('“US” is not one') });
  });

  it('says the length a country’s IBAN has', () => {
    expect(checkIban('DE89 3704 0044 0532 0130 0')).toEqual({ ok: false, problem: 'IBAN: an IBAN from Germany has 22 characters; this one has 21.' });
    expect(checkIban('FR14 2004 1010 0505 0001 3M02 6061')).toEqual({ ok: false, problem: 'IBAN: an IBAN from France has 27 characters; this one has 28.' });
  });

  it('says when the check digits do not match (one digit mistyped, two swapped)', () => {
    const wrong = 'IBAN: the check digits do not match; check for a mistyped or swapped character.';
    expect(checkIban('DE89 3704 0044 0532 0130 01')).toEqual({ ok: false, problem: wrong });
    expect(checkIban('PL61 1090 1014 0000 0712 1981 2847')).toEqual({ ok: false, problem: wrong });
    expect(checkIban('GB29 NWBK 6016 1331 9268 91')).toEqual({ ok: false, problem: wrong });
  });

  it('says when the account part has a letter where the country has digits', () => {
    expect(checkIban('DE89 3704 0044 0532 0130 0A')).toEqual({ ok: false, problem: expect.stringContaining('not in the form Germany uses') });
  });

  it('refuses empty input and punctuation in words, never the library’s', () => {
    for (const typed of ['', '   ', 'DE89.3704.0044']) {
      const result = checkIban(typed);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.problem).toMatch(/^IBAN: /u);
        expect(validatorText(result.problem)).toBeNull();
      }
    }
  });
});

describe('checkBic', () => {
  it('accepts 8 and 11 characters, upper-cased', () => {
    expect(checkBic('deutdeff')).toEqual({ ok: true, bic: 'DEUTDEFF' });
    expect(checkBic('DEUT DEFF 500')).toEqual({ ok: true, bic: 'DEUTDEFF500' });
    expect(checkBic('BNPAFRPP')).toEqual({ ok: true, bic: 'BNPAFRPP' });
  });

  it('refuses a wrong length and an unknown country, naming which', () => {
    expect(checkBic('DEUTDE')).toEqual({ ok: false, problem: expect.stringMatching(/^BIC: 8 or 11 letters and digits/u) });
    expect(checkBic('DEUTXXFF')).toEqual({ ok: false, problem: 'BIC: letters 5 and 6 name the bank’s country; “XX” is not one.' });
  });
});

describe('checkVatId', () => {
  it.each([
    ['DE 136 695 976', 'DE', 'DE136695976'],
    ['DE811907980', 'DE', 'DE811907980'],
    ['FR 40 303 265 045', 'FR', 'FR40303265045'],
    ['PL526-000-12-46', 'PL', 'PL5260001246'],
    ['EL094259216', 'GR', 'EL094259216'],
    ['el 094014201', 'GR', 'EL094014201'],
    ['FR40303265045', 'MC', 'FR40303265045'],
  ])('accepts the EU number %s for %s, stored as %s', (typed, country, stored) => {
    expect(checkVatId(typed, country)).toEqual({ ok: true, vatId: stored });
  });

  it('Greece is EL: a GR prefix is refused with the right one named', () => {
    expect(vatPrefix('GR')).toBe('EL');
    expect(checkVatId('GR094259216', 'GR')).toEqual({ ok: false, problem: 'VAT number: Greek VAT numbers begin with EL, not GR.' });
  });

  it('the prefix must match the country the person chose', () => {
    expect(checkVatId('FR40303265045', 'DE', 'Client VAT number')).toEqual({
      ok: false,
      problem: 'Client VAT number: a VAT number from Germany begins with DE; this one begins with FR. Check the number or the country.',
    });
    expect(checkVatId('136695976', 'DE')).toEqual({ ok: false, problem: 'VAT number: begin with the country prefix DE, as in DE136695976.' });
  });

  it('refuses a number out of its country’s format, and one whose check digit is wrong', () => {
    expect(checkVatId('DE12345', 'DE')).toEqual({ ok: false, problem: 'VAT number: DE12345 is not in the form of a VAT number from Germany.' });
    expect(checkVatId('PL52600012', 'PL')).toEqual({ ok: false, problem: expect.stringContaining('not in the form of a VAT number from Poland') });
    const digit = 'VAT number: the check digit does not match; check for a mistyped digit.';
    expect(checkVatId('DE136695977', 'DE')).toEqual({ ok: false, problem: digit });
    expect(checkVatId('FR40303265046', 'FR')).toEqual({ ok: false, problem: digit });
    expect(checkVatId('PL5260001247', 'PL')).toEqual({ ok: false, problem: digit });
    expect(checkVatId('EL094259217', 'GR')).toEqual({ ok: false, problem: digit });
  });

  it('outside the EU, checks what jsvat knows (CH, GB, NO) and keeps the number as typed', () => {
    expect(checkVatId('CHE-116.281.710 MWST', 'CH')).toEqual({ ok: true, vatId: 'CHE-116.281.710 MWST' });
    expect(checkVatId('GB980780684', 'GB')).toEqual({ ok: true, vatId: 'GB980780684' });
    expect(checkVatId('NO 974 760 673 MVA', 'NO')).toEqual({ ok: true, vatId: 'NO 974 760 673 MVA' });
    expect(checkVatId('CHE-116.281.711 MWST', 'CH')).toEqual({ ok: false, problem: expect.stringContaining('check digit') });
    expect(checkVatId('GB123456789', 'GB')).toEqual({ ok: false, problem: expect.stringContaining('check digit') });
    expect(checkVatId('116.281.710', 'CH')).toEqual({ ok: false, problem: 'VAT number: 116.281.710 is not in the form of a VAT number from Switzerland.' });
  });

  it('elsewhere accepts the number as typed, with a hint that it was not checked', () => {
    expect(checkVatId('12-3456789', 'US')).toEqual({
      ok: true,
      vatId: '12-3456789',
      hint: 'Caravan cannot check VAT numbers from United States; it is kept and printed as typed.',
    });
  });

  it('asks for the country first, and for a number when empty', () => {
    expect(checkVatId('DE136695976', '')).toEqual({ ok: false, problem: expect.stringContaining('choose the country first') });
    expect(checkVatId('  ', 'DE')).toEqual({ ok: false, problem: expect.stringContaining('type the VAT number') });
  });
});
