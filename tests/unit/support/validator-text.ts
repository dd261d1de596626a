/**
 * What must never reach a person's screen: a schema path ("defaultRateMinor", "countries.1") or a
 * validator's wording ("Too small: expected number to be >=0", "Invalid input"). Unit tests run
 * every form's refusals through it; the e2e suite scans the errors a screen shows.
 */
export const VALIDATOR_TEXT =
  /Too (?:big|small)|expected (?:number|string|array|boolean|object)|[<>]=|Invalid (?:input|option|string|type|enum|element)|\bIANA\b|ISO 4217|ISO 3166|\bregex\b|\bundefined\b|\bNaN\b|\[object |\b[a-z]+[A-Z][A-Za-z]*\b|\b[a-z]+\.\d+\b/u;

/** Lower-camel words that are product names, not schema paths. */
const ALLOWED = ['macOS', 'iOS', 'iPhone', 'iPad'];

/** The part of `text` that reads as validator output, or null when it is all words. */
export function validatorText(text: string): string | null {
  // What the person typed, quoted back to them, is theirs, not the validator's.
  let rest = text.replace(/“[^”]*”|"[^"]*"/gu, '“…”');
  for (const word of ALLOWED) rest = rest.replaceAll(word, '');
  return VALIDATOR_TEXT.exec(rest)?.[0] ?? null;
}
