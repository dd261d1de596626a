/**
 * Amounts in another currency brought into the invoice's, with the rate fixed on the invoice for
 * that currency (exchange-rate.ts), and a pass-through expense's markup. Rounded once, half away
 * from zero, in BigInt: cost × rate × (1 + markup) is one product and one division.
 */
import { parseRate } from '../exchange-rate.ts';
import { minorDigits, roundDiv } from '../../reports/money.ts';
import type { CurrencyRate } from './types.ts';

export type Converted = { ok: true; amountMinor: number; rate?: string } | { ok: false; problem: string };

/**
 * `amountMinor` of `from` in the invoice's `to`, with `markupBp` (basis points of the cost) added.
 * `rates[from]` is needed when the currencies differ; its absence or a bad rate is a problem in words.
 */
export function toInvoiceCurrency(
  amountMinor: number,
  from: string,
  to: string,
  rates: Readonly<Record<string, CurrencyRate>> | undefined,
  markupBp = 0,
): Converted {
  let numerator = BigInt(amountMinor) * BigInt(10_000 + markupBp);
  let denominator = 10_000n;
  let rateText: string | undefined;
  if (from !== to) {
    const fixed = rates?.[from];
    if (fixed === undefined) return { ok: false, problem: `Exchange rate: fix a rate from ${from} to ${to} on this invoice (typed, or from an ECB file).` };
    const rate = parseRate(fixed.rate);
    if (rate === null) return { ok: false, problem: `Exchange rate ${from} to ${to}: "${fixed.rate}" is not a rate; type a positive decimal such as 0.9512.` };
    rateText = fixed.rate.trim();
    const shift = minorDigits(to) - minorDigits(from);
    numerator *= rate.value * 10n ** BigInt(Math.max(0, shift));
    denominator *= 10n ** BigInt(rate.scale + Math.max(0, -shift));
  }
  const result = roundDiv(numerator, denominator);
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < -BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, problem: `Exchange rate ${from} to ${to}: the converted amount is too large; check the rate for a misplaced decimal point.` };
  }
  return { ok: true, amountMinor: Number(result), ...(rateText === undefined ? {} : { rate: rateText }) };
}
