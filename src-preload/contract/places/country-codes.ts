/**
 * The country codes Caravan knows, declared once for both processes: the residency picker, the
 * target and travel pickers, every schema that takes a country (policies, declared locations,
 * travel, locality data files) and main's guard all read this list, so what a picker offers is
 * exactly what main accepts.
 *
 * The list is the 249 officially assigned ISO 3166-1 alpha-2 codes plus XK (Kosovo): a
 * user-assigned code, not ISO's, but the one the EU, CLDR and most providers use, so the pickers
 * offer it (locality-facts.md). A code list, not a locality fact: it changes once a decade.
 * `Intl.DisplayNames` is not used for validation because CLDR also names codes that are not
 * countries (`EU`, `UN`, `EZ`, `UK`), which would let a typo pass.
 *
 * Imports nothing but zod: main and the renderer import it at run time.
 */
import { z } from 'zod';

const CODES = `
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
DE DJ DK DM DO DZ
EC EE EG EH ER ES ET
FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY
HK HM HN HR HT HU
ID IE IL IM IN IO IQ IR IS IT
JE JM JO JP
KE KG KH KI KM KN KP KR KW KY KZ
LA LB LC LI LK LR LS LT LU LV LY
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ
NA NC NE NF NG NI NL NO NP NR NU NZ
OM
PA PE PF PG PH PK PL PM PN PR PS PT PW PY
QA
RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ
UA UG UM US UY UZ
VA VC VE VG VI VN VU
WF WS
YE YT
ZA ZM ZW
`;

/** Every officially assigned ISO 3166-1 alpha-2 code. */
export const ISO_COUNTRY_CODES: ReadonlySet<string> = new Set(CODES.split(/\s+/).filter(Boolean));

/** User-assigned codes the pickers offer beside ISO's: XK, Kosovo. */
export const USER_ASSIGNED_CODES: readonly string[] = ['XK'];

/** Every code a picker offers and a schema accepts, in alphabetical order of the code (250). */
export const COUNTRY_CODES: readonly string[] = Object.freeze([...ISO_COUNTRY_CODES, ...USER_ASSIGNED_CODES].sort());

const KNOWN: ReadonlySet<string> = new Set(COUNTRY_CODES);

/** Codes people commonly write instead of the one Caravan uses, with the code to use. */
const KNOWN_MISTAKES: Readonly<Record<string, string>> = {
  EL: 'GR (the EU writes Greece as EL; ISO 3166-1 uses GR)',
  UK: 'GB (ISO 3166-1 writes the United Kingdom as GB)',
};

/** True for an officially assigned ISO 3166-1 alpha-2 code, upper case (XK is not one). */
export function isIsoCountry(code: unknown): code is string {
  return typeof code === 'string' && ISO_COUNTRY_CODES.has(code);
}

/** True for a code Caravan knows: an assigned ISO 3166-1 alpha-2 code or XK, upper case. */
export function isCountryCode(code: unknown): code is string {
  return typeof code === 'string' && KNOWN.has(code);
}

/** Why `code` is not a country code Caravan knows, in words a person can act on. */
export function explainBadCountry(code: unknown): string {
  const shown = JSON.stringify(typeof code === 'string' ? code.slice(0, 16) : (code ?? null));
  const fix = typeof code === 'string' ? KNOWN_MISTAKES[code] : undefined;
  if (fix) return `${shown} is not a country code; use ${fix}.`;
  return `${shown} is not a country Caravan knows (a two-letter code such as DE).`;
}

/** A country code Caravan knows (`DE`, `GB`, `XK`); anything else is refused with the reason. */
export const countryCodeSchema = z
  .string()
  // A code is two letters; the bound keeps a long string from reaching the lookup (same wording).
  .max(2, { error: (issue) => explainBadCountry(issue.input) })
  .refine(isCountryCode, { error: (issue) => explainBadCountry(issue.input) });
