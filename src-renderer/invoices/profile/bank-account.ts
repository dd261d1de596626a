/**
 * IBAN and BIC as a person types them, checked with ibantools (the IBAN registry's country
 * formats and the ISO 13616 check digits). Pure. An IBAN is stored in its electronic form (no
 * spaces, upper case) and printed grouped by four; a refusal says what is wrong in words the person
 * can act on: the country, the length for that country, or the check digits.
 */
import {
  electronicFormatIBAN,
  friendlyFormatIBAN,
  getCountrySpecifications,
  validateBIC,
  validateIBAN,
  ValidationErrorsBIC,
  ValidationErrorsIBAN,
} from 'ibantools';
import { countryName } from '../../domain/countries.ts';

export type IbanCheck = { ok: true; iban: string } | { ok: false; problem: string };
export type BicCheck = { ok: true; bic: string } | { ok: false; problem: string };

/** How a stored (electronic) IBAN prints: "DE89 3704 0044 0532 0130 00". */
export function printedIban(iban: string): string {
  return friendlyFormatIBAN(iban) ?? iban;
}

/** The IBAN in electronic form, or what is wrong with it. Spaces, hyphens and lower case are accepted as typed. */
export function checkIban(typed: string): IbanCheck {
  const iban = (electronicFormatIBAN(typed.trim()) ?? '').replace(/\s/gu, '');
  if (iban === '') return { ok: false, problem: 'IBAN: type the account’s IBAN, such as DE89 3704 0044 0532 0130 00.' };
  if (!/^[A-Z0-9]+$/u.test(iban)) return { ok: false, problem: 'IBAN: use letters and digits only (spaces are fine).' };
  const country = iban.slice(0, 2);
  const spec = /^[A-Z]{2}$/u.test(country) ? getCountrySpecifications()[country] : undefined;
  if (spec?.chars === undefined || spec.chars === null) {
    return { ok: false, problem: `IBAN: an IBAN begins with the code of a country that uses IBANs (such as DE or FR); “${country}” is not one.` };
  }
  const result = validateIBAN(iban);
  if (result.valid) return { ok: true, iban };
  const codes = new Set(result.errorCodes);
  const name = countryName(country);
  if (codes.has(ValidationErrorsIBAN.NoIBANCountry)) {
    return { ok: false, problem: `IBAN: “${country}” is not a country that uses IBANs.` };
  }
  if (iban.length !== spec.chars) {
    return { ok: false, problem: `IBAN: an IBAN from ${name} has ${spec.chars} characters; this one has ${iban.length}.` };
  }
  if (codes.has(ValidationErrorsIBAN.WrongBBANFormat)) {
    return { ok: false, problem: `IBAN: the account part is not in the form ${name} uses; check for a letter typed for a digit.` };
  }
  if (codes.has(ValidationErrorsIBAN.WrongAccountBankBranchChecksum)) {
    return { ok: false, problem: `IBAN: the national check digits of the account (${name}) do not match; check for a mistyped digit.` };
  }
  return { ok: false, problem: 'IBAN: the check digits do not match; check for a mistyped or swapped character.' };
}

/** The BIC in upper case without spaces, or what is wrong with it. */
export function checkBic(typed: string): BicCheck {
  const bic = typed.replace(/\s/gu, '').toUpperCase();
  const result = validateBIC(bic);
  if (result.valid) return { ok: true, bic };
  if (result.errorCodes.includes(ValidationErrorsBIC.WrongBICFormat) || !/^[A-Z0-9]{8}([A-Z0-9]{3})?$/u.test(bic)) {
    return {
      ok: false,
      problem: 'BIC: 8 or 11 letters and digits: the bank (4 letters), its country (2), its place (2) and, optionally, its branch (3), such as DEUTDEFF.',
    };
  }
  return { ok: false, problem: `BIC: letters 5 and 6 name the bank’s country; “${bic.slice(4, 6)}” is not one.` };
}
