/**
 * ISO 3166-1 alpha-2 country codes (the 249 officially assigned ones). A code
 * list, not a locality fact, so it lives in code: it changes once a decade and
 * every data file and policy is checked against it. `Intl.DisplayNames` is not
 * used for validation because CLDR also names codes that are not ISO countries
 * (`EU`, `UK`, `EZ`, `XK`), which would let a typo pass.
 */

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

/** Codes people commonly write instead of the ISO one, with the code to use. */
const KNOWN_MISTAKES: Readonly<Record<string, string>> = {
  EL: 'GR (the EU writes Greece as EL; ISO 3166-1 uses GR)',
  UK: 'GB (ISO 3166-1 writes the United Kingdom as GB)',
};

/** True for an officially assigned ISO 3166-1 alpha-2 code, upper case. */
export function isIsoCountry(code: unknown): code is string {
  return typeof code === 'string' && ISO_COUNTRY_CODES.has(code);
}

/** Why `code` is not an ISO country code, in words a person can act on. */
export function explainBadCountry(code: unknown): string {
  const shown = JSON.stringify(typeof code === 'string' ? code.slice(0, 16) : code ?? null);
  const fix = typeof code === 'string' ? KNOWN_MISTAKES[code] : undefined;
  if (fix) return `${shown} is not an ISO 3166-1 code; use ${fix}.`;
  return `${shown} is not an ISO 3166-1 alpha-2 country code (two upper-case letters, such as DE).`;
}
