/** VAT on services: who charges what, and totals per rate. */
import { describe, expect, it } from 'vitest';
import {
  OUTSIDE_SCOPE_BUSINESS_WORDING,
  OUTSIDE_SCOPE_CONSUMER_WORDING,
  REVERSE_CHARGE_WORDING,
  vatTreatment,
  type SellerVat,
} from '../../../../src-renderer/invoices/vat-treatment.ts';
import { vatOf, vatTotals } from '../../../../src-renderer/invoices/vat-totals.ts';
import { validatorText } from '../../support/validator-text.ts';

const SELLER: SellerVat = { country: 'DE', vatId: 'DE123456789', domesticRateBp: 1900 };
const KLEIN: SellerVat = { country: 'DE', domesticRateBp: 1900, smallBusinessWording: 'Gemäß § 19 UStG wird keine Umsatzsteuer berechnet.' };

describe('vatTreatment', () => {
  it('a client in the seller’s country pays the domestic rate', () => {
    expect(vatTreatment(SELLER, { country: 'de', isBusiness: true, vatId: 'DE987654321' })).toEqual({
      ok: true,
      treatment: { kind: 'domestic', rateBp: 1900 },
    });
  });

  it('a business elsewhere in the EU: reverse charge with both VAT numbers and the Directive’s wording', () => {
    expect(vatTreatment(SELLER, { country: 'NL', isBusiness: true, vatId: ' NL123456789B01 ' })).toEqual({
      ok: true,
      treatment: { kind: 'reverse-charge', rateBp: 0, wording: REVERSE_CHARGE_WORDING, sellerVatId: 'DE123456789', buyerVatId: 'NL123456789B01' },
    });
    expect(REVERSE_CHARGE_WORDING).toBe('Reverse charge – Article 196, Council Directive 2006/112/EC');
  });

  it('a consumer elsewhere in the EU pays the seller’s domestic rate', () => {
    expect(vatTreatment(SELLER, { country: 'FR', isBusiness: false })).toEqual({ ok: true, treatment: { kind: 'domestic', rateBp: 1900 } });
  });

  it('outside the EU is outside the scope, with the article that fits the buyer', () => {
    expect(vatTreatment(SELLER, { country: 'US', isBusiness: true })).toMatchObject({
      ok: true,
      treatment: { kind: 'outside-scope', rateBp: 0, wording: OUTSIDE_SCOPE_BUSINESS_WORDING },
    });
    expect(vatTreatment(SELLER, { country: 'CH', isBusiness: false })).toMatchObject({ ok: true, treatment: { wording: OUTSIDE_SCOPE_CONSUMER_WORDING } });
    // Norway is in the EEA but not the EU VAT area; Åland has its own code and is outside it too.
    expect(vatTreatment(SELLER, { country: 'NO', isBusiness: true })).toMatchObject({ ok: true, treatment: { kind: 'outside-scope' } });
    expect(vatTreatment(SELLER, { country: 'AX', isBusiness: true })).toMatchObject({ ok: true, treatment: { kind: 'outside-scope' } });
  });

  it('a small-business exemption replaces domestic VAT with its wording, but not a reverse charge', () => {
    expect(vatTreatment(KLEIN, { country: 'DE', isBusiness: false })).toEqual({
      ok: true,
      treatment: { kind: 'small-business', rateBp: 0, wording: KLEIN.smallBusinessWording },
    });
    expect(vatTreatment({ ...KLEIN, vatId: 'DE111111111' }, { country: 'AT', isBusiness: true, vatId: 'ATU12345678' })).toMatchObject({
      ok: true,
      treatment: { kind: 'reverse-charge' },
    });
  });

  it('Monaco is France for VAT; a client outside the VAT area under an EU code is outside the scope', () => {
    expect(vatTreatment({ ...SELLER, country: 'FR', domesticRateBp: 2000 }, { country: 'MC', isBusiness: true, vatId: 'FR00000000000' })).toEqual({
      ok: true,
      treatment: { kind: 'domestic', rateBp: 2000 },
    });
    expect(vatTreatment(SELLER, { country: 'MC', isBusiness: true, vatId: 'FR00000000000' })).toMatchObject({
      ok: true,
      treatment: { kind: 'reverse-charge' },
    });
    // A business in the Canary Islands: Spain's code, outside the EU VAT area (Article 6).
    expect(vatTreatment(SELLER, { country: 'ES', isBusiness: true, vatId: 'ESB12345678', outsideVatArea: true })).toMatchObject({
      ok: true,
      treatment: { kind: 'outside-scope', wording: OUTSIDE_SCOPE_BUSINESS_WORDING },
    });
  });

  it('a private person outside the EU: consultancy where they are (Article 59), other services where the seller is (Article 45)', () => {
    expect(vatTreatment(SELLER, { country: 'US', isBusiness: false })).toMatchObject({ ok: true, treatment: { kind: 'outside-scope' } });
    expect(vatTreatment(SELLER, { country: 'US', isBusiness: false, serviceKind: 'general' })).toEqual({
      ok: true,
      treatment: { kind: 'domestic', rateBp: 1900 },
    });
  });

  it('says what is missing, in words, instead of guessing', () => {
    const noClientId = vatTreatment(SELLER, { country: 'IT', isBusiness: true, vatId: ' ' });
    const noOwnId = vatTreatment({ ...SELLER, vatId: undefined }, { country: 'IT', isBusiness: true, vatId: 'IT12345678901' });
    const outsideSeller = vatTreatment({ ...SELLER, country: 'GB' }, { country: 'DE', isBusiness: true, vatId: 'DE1' });
    expect(noClientId).toEqual({ ok: false, problem: expect.stringMatching(/^Client VAT number: /) });
    expect(noOwnId).toEqual({ ok: false, problem: expect.stringMatching(/^Your VAT number: /) });
    expect(outsideSeller.ok).toBe(false);
    for (const d of [noClientId, noOwnId, outsideSeller]) if (!d.ok) expect(validatorText(d.problem)).toBeNull();
  });
});

describe('vatTotals', () => {
  it('computes VAT once per treatment and rate on the summed net, so lines add no rounding cent', () => {
    // Three lines of 2 cents at 19 %: per line 0.38 c rounds to 0 each; on the sum, 6 c × 19 % = 1.14 c → 1 c.
    const totals = vatTotals([
      { treatment: 'domestic', netMinor: 2, rateBp: 1900 },
      { treatment: 'domestic', netMinor: 2, rateBp: 1900 },
      { treatment: 'domestic', netMinor: 2, rateBp: 1900 },
      { treatment: 'domestic', netMinor: 10_000, rateBp: 700 },
      { treatment: 'outside-scope', netMinor: 3_000, rateBp: 0 },
      { treatment: 'reverse-charge', netMinor: 5_000, rateBp: 0 },
    ]);
    // Reverse charge and outside the scope are both 0 % but each has its own row (and legal reference).
    expect(totals.byRate).toEqual([
      { treatment: 'domestic', rateBp: 1900, netMinor: 6, vatMinor: 1 },
      { treatment: 'domestic', rateBp: 700, netMinor: 10_000, vatMinor: 700 },
      { treatment: 'reverse-charge', rateBp: 0, netMinor: 5_000, vatMinor: 0 },
      { treatment: 'outside-scope', rateBp: 0, netMinor: 3_000, vatMinor: 0 },
    ]);
    expect(totals).toMatchObject({ netMinor: 18_006, vatMinor: 701, grossMinor: 18_707 });
  });

  it('rounds half away from zero, credit notes included, and refuses a rate that is not basis points', () => {
    expect(vatOf(50, 1000)).toBe(5);
    expect(vatOf(25, 1000)).toBe(3); // 2.5 → 3
    expect(vatOf(-25, 1000)).toBe(-3);
    expect(vatOf(1_234_567, 2550)).toBe(314_815); // 25.5 %: 314 814.585
    expect(() => vatOf(100, 19.5)).toThrow(RangeError);
    expect(() => vatOf(100, -1)).toThrow(RangeError);
  });
});
