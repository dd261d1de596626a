/**
 * VAT identification numbers, checked with jsvat by the format (and check digits) of the country
 * the person chose for the business or the client. Pure.
 *
 * - In the EU, the number must begin with that country's prefix (Greece's is "EL", not "GR";
 *   Monaco's businesses have French numbers) and fit its national format; it is stored without
 *   spaces, dots or hyphens ("FR40303265045").
 * - Outside the EU, where jsvat knows the country (Switzerland, the United Kingdom, Norway and a
 *   few more) the number is checked the same way but kept as typed, since those countries print
 *   their own forms ("CHE-123.456.789 MWST"); elsewhere it is accepted as typed, with a hint that
 *   Caravan could not check it.
 */
import { checkVAT, countries, type Country } from 'jsvat';
import { countryName } from '../../domain/countries.ts';
import { shippedZones } from '../../../src-preload/contract/places/zones.ts';

export type VatIdCheck = { ok: true; vatId: string; hint?: string } | { ok: false; problem: string };

let euMembers: ReadonlySet<string> | undefined;
function isEuMember(country: string): boolean {
  euMembers ??= new Set(shippedZones().zones.EU.members);
  return euMembers.has(country);
}

/** The prefix a VAT number of `country` begins with: the ISO code, except Greece (EL) and Monaco (FR). */
export function vatPrefix(country: string): string {
  if (country === 'GR') return 'EL';
  if (country === 'MC') return 'FR';
  return country;
}

/** jsvat's rules for `country` (matched by its ISO code), if it has any. */
function rulesFor(country: string): Country | undefined {
  return countries.find((c) => c.codes[0] === country);
}

/** What jsvat ignores between the characters of a number. */
const clean = (typed: string) => typed.toUpperCase().replace(/[\s.\-/]+/gu, '');

/**
 * `typed` checked as a VAT number of `country` (ISO 3166-1 alpha-2 of the business or client).
 * `label` is the field's name as the form shows it ("VAT number", "Client VAT number").
 */
export function checkVatId(typed: string, country: string, label = 'VAT number'): VatIdCheck {
  const asTyped = typed.trim();
  if (asTyped === '') return { ok: false, problem: `${label}: type the VAT number, beginning with its country prefix.` };
  if (!/^[A-Z]{2}$/u.test(country)) return { ok: false, problem: `${label}: choose the country first; the number is checked by its format.` };
  const name = countryName(country);
  const vat = clean(asTyped);
  const taxCountry = country === 'MC' ? 'FR' : country;
  if (isEuMember(taxCountry)) {
    const prefix = vatPrefix(country);
    if (!vat.startsWith(prefix)) {
      const given = /^[A-Z]{2}/u.test(vat) ? vat.slice(0, 2) : '';
      if (country === 'GR' && given === 'GR') return { ok: false, problem: `${label}: Greek VAT numbers begin with EL, not GR.` };
      return {
        ok: false,
        problem: given
          ? `${label}: a VAT number from ${name} begins with ${prefix}; this one begins with ${given}. Check the number or the country.`
          : `${label}: begin with the country prefix ${prefix}, as in ${prefix}${vat.slice(0, 12)}.`,
      };
    }
    const rules = rulesFor(taxCountry);
    if (rules === undefined) return { ok: true, vatId: vat };
    const result = checkVAT(vat, [rules]);
    if (!result.isValidFormat) return { ok: false, problem: `${label}: ${asTyped} is not in the form of a VAT number from ${name}.` };
    if (!result.isValid) return { ok: false, problem: `${label}: the check digit does not match; check for a mistyped digit.` };
    return { ok: true, vatId: vat };
  }
  const rules = rulesFor(country);
  if (rules === undefined) {
    return { ok: true, vatId: asTyped, hint: `Caravan cannot check VAT numbers from ${name}; it is kept and printed as typed.` };
  }
  const result = checkVAT(vat, [rules]);
  if (!result.isSupportedCountry || !result.isValidFormat) {
    return { ok: false, problem: `${label}: ${asTyped} is not in the form of a VAT number from ${name}.` };
  }
  if (!result.isValid) return { ok: false, problem: `${label}: the check digit does not match; check for a mistyped digit.` };
  return { ok: true, vatId: asTyped };
}
