/**
 * Amounts in another currency brought into the invoice's, with the rate fixed on the invoice for
 * that currency (exchange-rate.ts), and a pass-through expense's markup. Rounded once, half away
 * from zero, in BigInt: cost × rate × (1 + markup) is one product and one division. And the
 * rates themselves from an imported ECB file (ecb-rates.ts), in the shapes a draft takes.
 */
import type { FixedRate } from '../../domain/invoice.ts';
import { type EcbRates, referenceRateOn } from '../ecb-rates.ts';
import { parseRate } from '../exchange-rate.ts';
import { minorDigits, roundDiv } from '../../reports/money.ts';
import type { CurrencyRate } from './types.ts';

export type Converted = { ok: true; amountMinor: number; rate?: string } | { ok: false; problem: string };

/**
 * `amountMinor` of `from` in the invoice's `to`, with `markupBp` (basis points of the cost) added.
 * `rates[from]` is needed when the currencies differ; its absence, a rate fixed into another
 * currency than `to`, or a bad rate is a problem in words.
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
    const fixRate = `fix a rate from ${from} to ${to} on this invoice (typed, or from an ECB file).`;
    if (fixed === undefined) return { ok: false, problem: `Exchange rate: ${fixRate}` };
    // A rate left from before the invoice's currency changed converts into the old one.
    if (fixed.to !== undefined && fixed.to !== to) {
      return { ok: false, problem: `Exchange rate: the rate fixed for ${from} converts into ${fixed.to}, not into ${to}, this invoice’s currency; ${fixRate}` };
    }
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

/** "Exchange rate: the newest rate …": the ECB module's sentence after the field's name. */
const named = (problem: string): string => `Exchange rate: ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`;

export type RateChoice<T> = { ok: true; rate: T } | { ok: false; problem: string };

/**
 * The rate of `from` in the invoice's `to` on `day` (usually the issue date) from an imported ECB
 * file, as a draft's `currencyRates[from]`; or why the file cannot give it, in words.
 */
export function ecbCurrencyRate(rates: EcbRates, day: string, from: string, to: string): RateChoice<CurrencyRate> {
  const found = referenceRateOn(rates, day, from, to);
  return found.ok ? { ok: true, rate: { rate: found.rate, to, source: 'ecb', asOf: found.asOf } } : { ok: false, problem: named(found.problem) };
}

/** The invoice's rate to the home currency on `day` from an imported ECB file, as its `fixedRate`. */
export function ecbFixedRate(rates: EcbRates, day: string, currency: string, homeCurrency: string): RateChoice<FixedRate> {
  const found = referenceRateOn(rates, day, currency, homeCurrency);
  return found.ok ? { ok: true, rate: { homeCurrency, rate: found.rate, source: 'ecb', asOf: found.asOf } } : { ok: false, problem: named(found.problem) };
}
