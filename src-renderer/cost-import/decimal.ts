/**
 * Exact decimal amounts from CSV cells, summed without floats and rounded to minor units once.
 *
 * A cloud bill has thousands of lines of a few millionths of a dollar each: rounding each line to
 * a cent would lose (or invent) money, and adding floats drifts. So a cell is read as an integer of
 * units at a decimal scale (BigInt), sums stay exact, and only a day's total is rounded, half away
 * from zero (reports/money.ts `roundDiv`).
 */
import { roundDiv } from '../reports/money.ts';

/** `units / 10^scale`, exactly. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

export const ZERO: Decimal = { units: 0n, scale: 0 };

/** Which character separates the decimals; the other one may group thousands. */
export type DecimalMark = '.' | ',';

/** Beyond this an exponent is a damaged cell, not a cost (AWS writes `1.2E-7` for tiny amounts). */
const MAX_EXPONENT = 30;
/** Currency signs a spreadsheet may leave around a number ("€12.30", "12.30 USD"). */
const AROUND = /^(?:[€$£¥₹]|[A-Z]{3})\s*|\s*(?:[€$£¥₹]|[A-Z]{3})$/gu;

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/**
 * Reads an amount as written in a CSV cell: `-12.345678`, `1.2E-7`, `1,234.56` (grouping with the
 * other mark, every group three digits), `(12.30)` for a negative in accounting style, an optional
 * currency sign or code around it. Null when it is not an amount.
 */
export function parseDecimal(text: string, mark: DecimalMark = '.'): Decimal | null {
  let body = text.trim().replace(AROUND, '').replace(/\s/gu, '');
  let negative = false;
  const paren = /^\((.*)\)$/u.exec(body);
  if (paren) {
    negative = true;
    body = paren[1] ?? '';
  }
  if (/^[-−+]/u.test(body)) {
    negative = negative !== /^[-−]/u.test(body);
    body = body.slice(1);
  }
  const group = mark === '.' ? ',' : '.';
  const parts = body.split(mark);
  if (parts.length > 2) return null;
  let [whole = '', fraction = ''] = parts;
  let exponent = 0;
  const exp = /^(.*?)[eE]([+-]?\d{1,3})$/u.exec(parts.length === 2 ? fraction : whole);
  if (exp) {
    if (parts.length === 2) fraction = exp[1] ?? '';
    else whole = exp[1] ?? '';
    exponent = Number(exp[2]);
    if (Math.abs(exponent) > MAX_EXPONENT) return null;
  }
  if (whole.includes(group)) {
    const groups = whole.split(group);
    const wellGrouped = groups.every((g, i) => (i === 0 ? /^\d{1,3}$/u.test(g) : /^\d{3}$/u.test(g)));
    if (!wellGrouped || exp) return null;
    whole = groups.join('');
  }
  if (!/^\d*$/u.test(whole) || !/^\d*$/u.test(fraction) || whole.length + fraction.length === 0) return null;
  if (whole.length + fraction.length > 60) return null;
  let units = BigInt(`${whole}${fraction}` || '0');
  let scale = fraction.length - exponent;
  if (scale < 0) {
    units *= pow10(-scale);
    scale = 0;
  }
  return { units: negative ? -units : units, scale };
}

/** `a + b`, exactly. */
export function addDecimal(a: Decimal, b: Decimal): Decimal {
  if (a.scale === b.scale) return { units: a.units + b.units, scale: a.scale };
  return a.scale > b.scale
    ? { units: a.units + b.units * pow10(a.scale - b.scale), scale: a.scale }
    : { units: a.units * pow10(b.scale - a.scale) + b.units, scale: b.scale };
}

/** Minor units with `digits` decimals (2 for EUR, 0 for JPY), half away from zero; null beyond 2^53. */
export function decimalToMinor(value: Decimal, digits: number): number | null {
  const minor = value.scale <= digits ? value.units * pow10(digits - value.scale) : roundDiv(value.units, pow10(value.scale - digits));
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  return minor > max || minor < -max ? null : Number(minor);
}
