/**
 * An exchange rate fixed on an invoice, and amounts converted with it. A rate is a decimal string
 * ("0.951234": one unit of the invoice's currency in the home currency), printed on the invoice as
 * it is used, so an accountant can repeat every conversion with a calculator. No floats: decimals
 * are scaled BigInts, and every result is rounded once, half away from zero.
 */
import { minorDigits, roundDiv } from '../reports/money.ts';

/**
 * Significant digits a derived rate keeps (from two euro reference rates): enough that ¥10 000 000
 * or ₩50 000 000 converts to the cent of the exact cross rate; fixed decimal places were not (one JPY
 * is 0.0062… EUR).
 */
export const RATE_SIGNIFICANT = 10;

const DECIMAL = /^(\d{1,12})(?:\.(\d{1,20}))?$/;

interface Scaled {
  value: bigint;
  scale: number;
}

/** A positive decimal such as "1.0512"; null for anything else (signs, exponents, commas, zero). */
export function parseRate(text: string): Scaled | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  const value = BigInt(`${match[1]}${fraction}`);
  return value === 0n ? null : { value, scale: fraction.length };
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function toText(value: bigint, places: number): string {
  const digits = value.toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const fraction = digits.slice(digits.length - places).replace(/0+$/u, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/**
 * One `from` in `to`, from two euro reference rates (units of each currency per euro; "1" for the
 * euro itself): `perEuroTo / perEuroFrom`, to {@link RATE_SIGNIFICANT} significant digits.
 */
export function crossRate(perEuroFrom: string, perEuroTo: string): string {
  const from = parseRate(perEuroFrom);
  const to = parseRate(perEuroTo);
  if (!from || !to) throw new RangeError(`A euro reference rate is a positive decimal such as 1.0512 (got "${!from ? perEuroFrom : perEuroTo}").`);
  // to/from = (to.value / 10^to.scale) / (from.value / 10^from.scale). Find how many places give
  // RATE_SIGNIFICANT digits: the integer part's digit count decides (rates stay under 10^12).
  const numerator = to.value * pow10(from.scale);
  const denominator = from.value * pow10(to.scale);
  const wholeDigits = (numerator / denominator).toString().replace(/^0$/u, '').length;
  let places = RATE_SIGNIFICANT - wholeDigits;
  if (wholeDigits === 0) {
    // Below 1: count the leading zeros after the point.
    let probe = numerator * 10n;
    while (probe < denominator) {
      probe *= 10n;
      places += 1;
    }
  }
  places = Math.max(0, places);
  return toText(roundDiv(numerator * pow10(places), denominator), places);
}

/**
 * `amountMinor` of `from` in minor units of `to`, at `rate` (one `from` in `to`), rounded once.
 * Throws a RangeError in words for a rate that is not a positive decimal.
 */
export function convertMinor(amountMinor: number, from: string, to: string, rate: string): number {
  const parsed = parseRate(rate);
  if (!parsed) throw new RangeError(`The exchange rate is a positive decimal such as 0.9512 (got "${rate}").`);
  if (!Number.isSafeInteger(amountMinor)) throw new RangeError(`An amount is a whole number of minor units (got ${amountMinor}).`);
  const shift = minorDigits(to) - minorDigits(from);
  let numerator = BigInt(amountMinor) * parsed.value;
  let denominator = pow10(parsed.scale);
  if (shift >= 0) numerator *= pow10(shift);
  else denominator *= pow10(-shift);
  const result = roundDiv(numerator, denominator);
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError('The converted amount is too large to keep exactly; check the rate for a misplaced decimal point.');
  }
  return Number(result);
}
