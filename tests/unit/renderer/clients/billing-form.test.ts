/** The client's billing details: the VAT number against the client's country, and the VAT treatment said in words before invoicing. */
import { describe, expect, it } from 'vitest';
import { billingFormValues, type BillingFormValues, toBillingDetails, vatTreatmentInWords } from '../../../../src-renderer/clients/billing-form.ts';
import { clientFormValues, toClientInput } from '../../../../src-renderer/clients/client-form.ts';
import type { BusinessProfile } from '../../../../src-renderer/domain/business-profile.ts';
import { validatorText } from '../../support/validator-text.ts';

const ANNA: BusinessProfile = {
  legalName: 'Anna Nowak Data Consulting',
  address: 'Torstraße 1\n10119 Berlin',
  country: 'DE',
  vatId: 'DE136695976',
  paymentTermsDays: 14,
  domesticVatRateBp: 1900,
  homeCurrency: 'EUR',
  invoiceSeries: { prefix: 'RE-' },
  creditNoteSeries: { prefix: 'GS-' },
  hourStyle: 'h:mm',
};
const KLEIN: BusinessProfile = { ...ANNA, vatId: undefined, smallBusinessWording: 'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.' };

const on = (patch: Partial<BillingFormValues> = {}): BillingFormValues => ({ ...billingFormValues(undefined), on: true, ...patch });

describe('toBillingDetails', () => {
  it('stores nothing while the section is off', () => {
    expect(toBillingDetails(billingFormValues(undefined), 'FR')).toEqual({ ok: true, billing: undefined });
  });

  it('a French business: the VAT number normalised, empty fields left out', () => {
    expect(toBillingDetails(on({ vatId: 'fr 40 303 265 045', legalName: '  ', buyerReference: ' PO-7781 ' }), 'FR')).toEqual({
      ok: true,
      billing: { isBusiness: true, vatId: 'FR40303265045', buyerReference: 'PO-7781' },
    });
  });

  it('refuses a VAT number of another country than the client’s, naming the field', () => {
    const checked = toBillingDetails(on({ vatId: 'DE136695976' }), 'PL');
    expect(checked).toEqual({
      ok: false,
      errors: { billingVatId: 'Client VAT number: a VAT number from Poland begins with PL; this one begins with DE. Check the number or the country.' },
    });
  });

  it('a Swiss business keeps its number as typed; an unchecked country gets a hint', () => {
    expect(toBillingDetails(on({ vatId: 'CHE-116.281.710 MWST' }), 'CH')).toEqual({ ok: true, billing: { isBusiness: true, vatId: 'CHE-116.281.710 MWST' } });
    expect(toBillingDetails(on({ vatId: '12-3456789' }), 'US')).toMatchObject({ ok: true, hint: expect.stringContaining('cannot check') });
  });

  it('outside the VAT area only where the country has such places; service kind only for a private person outside the EU', () => {
    expect(toBillingDetails(on({ outsideVatArea: true, isBusiness: false, serviceKind: 'general' }), 'ES')).toEqual({
      ok: true,
      billing: { isBusiness: false, outsideVatArea: true, serviceKind: 'general' },
    });
    // Poland has no such territory sharing its code: the box is not shown and not stored.
    expect(toBillingDetails(on({ outsideVatArea: true, isBusiness: false }), 'PL')).toEqual({ ok: true, billing: { isBusiness: false } });
    expect(toBillingDetails(on({ isBusiness: false }), 'CH')).toEqual({ ok: true, billing: { isBusiness: false, serviceKind: 'consultancy' } });
  });

  it('goes through the client form: saved on the client, its refusal under the field, all at once', () => {
    const good = toClientInput({
      ...clientFormValues(),
      name: 'Łódź Analytics',
      company: 'Łódź Analytics sp. z o.o.',
      country: 'PL',
      billing: on({ vatId: 'PL5260001246' }),
    });
    expect(good).toMatchObject({ ok: true, input: { billing: { isBusiness: true, vatId: 'PL5260001246' } } });
    const bad = toClientInput({ ...clientFormValues(), name: '', country: 'PL', billing: on({ vatId: 'PL5260001247', buyerReference: 'x'.repeat(201) }) });
    expect(bad).toEqual({
      ok: false,
      errors: {
        name: 'Name: give the client a name.',
        billingVatId: 'Client VAT number: the check digit does not match; check for a mistyped digit.',
        buyerReference: 'Buyer reference or purchase order: at most 200 characters.',
      },
    });
    if (!bad.ok) for (const m of Object.values(bad.errors)) expect(validatorText(m ?? '')).toBeNull();
  });

  it('turning the section off removes stored details (an undefined patch)', () => {
    const input = toClientInput({ ...clientFormValues(), name: 'A', country: 'FR', billing: { ...on(), on: false } });
    expect(input.ok && 'billing' in input.input && input.input.billing).toBe(undefined);
    expect(input.ok && Object.hasOwn(input.input, 'billing')).toBe(true);
  });
});

describe('vatTreatmentInWords', () => {
  it('a German freelancer billing a French business: reverse charge', () => {
    expect(vatTreatmentInWords(ANNA, on({ vatId: 'FR40303265045' }), 'FR')).toEqual({
      ok: true,
      text: 'Reverse charge: the client accounts for the VAT. The invoice shows both VAT numbers and “Reverse charge – Article 196, Council Directive 2006/112/EC”.',
    });
  });

  it('without the client’s VAT number it says what is missing', () => {
    expect(vatTreatmentInWords(ANNA, on(), 'FR')).toEqual({ ok: false, text: expect.stringMatching(/^Client VAT number: /u) });
    // A number that does not pass its check counts as missing.
    expect(vatTreatmentInWords(ANNA, on({ vatId: 'FR40303265046' }), 'FR').ok).toBe(false);
  });

  it('domestic, small business, outside the scope, and a Canary Islands client', () => {
    expect(vatTreatmentInWords(ANNA, on(), 'DE').text).toBe('Domestic VAT: 19 % is charged on each line (your rate from the business profile).');
    expect(vatTreatmentInWords(KLEIN, on(), 'DE').text).toContain('Gemäß § 19 UStG');
    expect(vatTreatmentInWords(ANNA, on({ vatId: 'CHE-116.281.710 MWST' }), 'CH').text).toContain('Article 44');
    expect(vatTreatmentInWords(ANNA, on({ isBusiness: false }), 'CH').text).toContain('Article 59');
    expect(vatTreatmentInWords(ANNA, on({ isBusiness: false, serviceKind: 'general' }), 'CH').text).toMatch(/^Domestic VAT/u);
    expect(vatTreatmentInWords(ANNA, on({ outsideVatArea: true }), 'ES').text).toContain('outside the scope');
  });

  it('asks for the profile and the country first', () => {
    expect(vatTreatmentInWords(undefined, on(), 'FR').text).toMatch(/business profile in Settings/u);
    expect(vatTreatmentInWords(ANNA, on(), '').text).toMatch(/^Choose the client’s country/u);
  });
});
