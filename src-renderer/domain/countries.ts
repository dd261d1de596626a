/**
 * Country names for the pickers, in the person's language (`DE` -> "Germany"). The codes
 * themselves (ISO 3166-1 plus XK) are the contract's `COUNTRY_CODES`, the list main accepts.
 */
import { COUNTRY_CODES } from '../../src-preload/contract/places/country-codes.ts';

let names: Intl.DisplayNames | undefined;

/** The country's name in the person's language (`DE` -> "Germany"), the code when unknown. */
export function countryName(code: string): string {
  names ??= new Intl.DisplayNames(undefined, { type: 'region', fallback: 'code' });
  return names.of(code) ?? code;
}

/** Every code a picker offers, in alphabetical order of the name in the person's language. */
export function countriesByName(): string[] {
  return [...COUNTRY_CODES].sort((a, b) => countryName(a).localeCompare(countryName(b)));
}
