/**
 * Money for reports: exact time × rate arithmetic, display, and parsing what a person typed.
 *
 * Amounts are integer minor units plus an ISO 4217 code (see domain/common.ts). How many minor
 * digits a currency has comes from the runtime's ICU data (JPY 0, EUR 2, BHD 3), read with a fixed
 * locale so that it never depends on the display language.
 */
import { currencySchema } from '../domain/common.ts';

/** One hour in milliseconds: rates are per hour, durations in ms. */
export const HOUR_MS = 3_600_000;

const HOUR_MS_BIG = BigInt(HOUR_MS);
const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

/** `n / d` rounded half away from zero, for d > 0. Exact for any size, unlike float division. */
export function roundDiv(n: bigint, d: bigint): bigint {
  const magnitude = ((n < 0n ? -n : n) * 2n + d) / (2n * d);
  return n < 0n ? -magnitude : magnitude;
}

function toSafeNumber(value: bigint, what: string): number {
  if (value > MAX_SAFE_BIG || value < -MAX_SAFE_BIG) {
    throw new RangeError(`${what} is beyond ${Number.MAX_SAFE_INTEGER} minor units and cannot be stored exactly; check the rate for a misplaced unit.`);
  }
  return Number(value);
}

/**
 * What `ms` of work earns at `rateMinor` per hour: round half up of ms × rate / 3 600 000.
 * BigInt because a year of blocks times a large rate passes 2^53 before the division.
 */
export function timeAmountMinor(ms: number, rateMinor: number): number {
  return toSafeNumber(roundDiv(BigInt(ms) * BigInt(rateMinor), HOUR_MS_BIG), 'The amount');
}

/** The hourly rate that `amountMinor` for `ms` of work amounts to, rounded half up; null without time. */
export function effectiveRateMinor(amountMinor: number, ms: number): number | null {
  if (ms <= 0) return null;
  return toSafeNumber(roundDiv(BigInt(amountMinor) * HOUR_MS_BIG, BigInt(ms)), 'The effective rate');
}

const digitsCache = new Map<string, number>();

/** Minor-unit digits of `currency` per the runtime's ICU data; throws RangeError for a malformed code. */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

const separatorCache = new Map<string, { decimal: string; group: string }>();

function separators(locale: string | undefined): { decimal: string; group: string } {
  let found = separatorCache.get(locale ?? '');
  if (found === undefined) {
    const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
    found = {
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
    };
    separatorCache.set(locale ?? '', found);
  }
  return found;
}

/** Minor units as an exact decimal string ("-0.05"), so Intl never sees a float. */
function decimalString(minor: number, digits: number): `${number}` {
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = abs.slice(0, abs.length - digits);
  return (digits === 0 ? `${sign}${whole}` : `${sign}${whole}.${abs.slice(abs.length - digits)}`) as `${number}`;
}

const formatCache = new Map<string, Intl.NumberFormat>();

/**
 * `minor` units of `currency` for display in `locale` ("85,50 €", "¥85", "BHD 1.234").
 * Formats from a decimal string, so amounts beyond float precision still print exactly.
 */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const key = `${locale ?? ''}|${currency}`;
  let format = formatCache.get(key);
  const digits = minorDigits(currency);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatCache.set(key, format);
  }
  return format.format(decimalString(minor, digits));
}

/**
 * `minor` as the text a person would type back into a form field: no symbol, no grouping, the
 * locale's decimal comma or else a point ("1234,50" in German, "1234.50" in English, "1234" yen).
 * {@link toMinor} with the same locale reads it back to the same number.
 */
export function formatMinorPlain(minor: number, currency: string, locale?: string): string {
  const text = decimalString(minor, minorDigits(currency));
  return separators(locale).decimal === ',' ? text.replace('.', ',') : text;
}

/** Why a typed amount was refused. */
export type MoneyInputErrorCode = 'empty' | 'not-a-number' | 'bad-grouping' | 'too-many-decimals' | 'too-large' | 'unknown-currency';

/** A typed amount in minor units, or why it was refused, with a message to show beside the field. */
export type ToMinorResult =
  { readonly ok: true; readonly minor: number } | { readonly ok: false; readonly code: MoneyInputErrorCode; readonly message: string };

/** The symbols a person might type for `currency` in `locale` ("€", "US$", "$"), spaces removed. */
function currencySymbols(currency: string, locale: string | undefined): string[] {
  return (['symbol', 'narrowSymbol'] as const).map((currencyDisplay) => {
    const parts = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay }).formatToParts(1);
    return (parts.find((p) => p.type === 'currency')?.value ?? currency).replace(/\s/gu, '');
  });
}

const fail = (code: MoneyInputErrorCode, message: string): ToMinorResult => ({ ok: false, code, message });

/**
 * Parses what a person typed ("85", "85.50", "85,50", "1.234,50", "-12", "€ 85") into minor units.
 *
 * Both "." and "," are accepted as the decimal separator whatever the locale, because people
 * type on keyboards that disagree with their display language. A lone separator is the decimal
 * one unless it is the locale's grouping separator followed by exactly three digits ("1,234"
 * in English is 1234; "85,50" is 85.50). When both appear, the last one is the decimal separator.
 * More decimals than the currency has are refused, never rounded: 85.505 EUR is probably a typo.
 */
export function toMinor(text: string, currency: string, locale?: string): ToMinorResult {
  if (!currencySchema.safeParse(currency).success) {
    return fail('unknown-currency', `"${currency}" is not a currency this app knows. Pick a three-letter currency code such as EUR.`);
  }
  const digits = minorDigits(currency);
  const { decimal, group } = separators(locale);
  const example = digits === 0 ? '85' : `85${decimal === ',' ? ',' : '.'}${'5'.padEnd(digits, '0')}`;
  // This currency's own symbol or code may sit on either side of the sign ("-€85", "€-85", "85 EUR");
  // another currency's symbol is refused below rather than silently read as this one.
  const names = [currency, ...currencySymbols(currency, locale)].map((n) => n.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'));
  const symbol = new RegExp(`^(?:${names.join('|')})|(?:${names.join('|')})$`, 'giu');
  let body = text.replace(/[\s'’]/gu, '').replace(symbol, '');
  const negative = /^[-−]/u.test(body);
  if (negative) body = body.slice(1).replace(symbol, '');
  if (body === '') return fail('empty', `Enter an amount, for example ${example}.`);
  if (!/^[\d.,]*\d[\d.,]*$/u.test(body)) {
    return fail('not-a-number', `"${text}" is not an amount. Type digits with one decimal separator, for example ${example}.`);
  }

  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  let decimalAt = Math.max(lastDot, lastComma);
  if (lastDot < 0 || lastComma < 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const lone = decimalAt >= 0 && body.indexOf(sep) === decimalAt;
    const grouping = !lone || (sep !== decimal && sep === group && body.length - decimalAt - 1 === 3);
    if (grouping) decimalAt = -1;
  }
  const intPart = decimalAt < 0 ? body : body.slice(0, decimalAt);
  const fraction = decimalAt < 0 ? '' : body.slice(decimalAt + 1);
  // "1,234.567,89": when both appear, everything before the last one must group with the other.
  if (new Set(intPart.match(/[.,]/gu)).size > 1) {
    return fail('not-a-number', `"${text}" mixes "." and "," in a way that does not say where the decimals start. Type it like ${example}.`);
  }
  const groups = intPart.split(/[.,]/u);
  // Groups after the first hold three digits, or two before the last for Indian lakh/crore grouping.
  const wellGrouped = groups.every((g, i) => (i === 0 ? g.length > 0 || groups.length === 1 : g.length === 3 || (g.length === 2 && i < groups.length - 1)));
  if (!wellGrouped) {
    return fail('bad-grouping', `"${text}" has a thousands separator in an odd place. Type the amount without it, for example ${example}.`);
  }
  if (fraction.length > digits) {
    return fail(
      'too-many-decimals',
      digits === 0
        ? `${currency} has no smaller unit, so amounts are whole numbers; "${text}" has decimals. Round it to a whole ${currency}.`
        : `${currency} amounts have at most ${digits} decimal${digits === 1 ? '' : 's'}; "${text}" has ${fraction.length}. Round it to ${digits}.`,
    );
  }
  const minor = Number(`${groups.join('')}${fraction.padEnd(digits, '0')}`);
  if (!Number.isSafeInteger(minor)) {
    return fail('too-large', `"${text}" is too large to store exactly. Check for extra digits.`);
  }
  return { ok: true, minor: negative && minor !== 0 ? -minor : minor };
}
