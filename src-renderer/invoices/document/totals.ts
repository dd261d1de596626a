/**
 * An invoice's totals: the net, the VAT per treatment and rate (vat-totals.ts: computed once per
 * rate on the summed net), the gross, and the gross in the home currency with the rate fixed on
 * the invoice (exchange-rate.ts), which is the figure reports and the books use. Pure; never
 * throws for a rate the person is still typing (the editor renders totals on every keystroke):
 * a rate that cannot convert leaves `home` out and says why in `homeProblem`.
 */
import type { FixedRate, InvoiceLine } from '../../domain/invoice.ts';
import { convertMinor, parseRate } from '../exchange-rate.ts';
import { vatTotals, type VatTotals } from '../vat-totals.ts';

export interface InvoiceTotals extends VatTotals {
  currency: string;
  /** With a fixed rate: the gross in the home currency, rounded once. */
  home?: { currency: string; rate: string; grossMinor: number };
  /** Why `home` is missing although a rate was given ("Exchange rate: …"). */
  homeProblem?: string;
}

/** Totals of `lines` in `currency`; with `fixedRate` (a foreign-currency invoice), the gross in its home currency too. */
export function invoiceTotals(lines: readonly InvoiceLine[], currency: string, fixedRate?: FixedRate): InvoiceTotals {
  const totals = vatTotals(lines.map((l) => ({ treatment: l.vat.kind, rateBp: l.vat.rateBp, netMinor: l.netMinor })));
  if (fixedRate === undefined || fixedRate.homeCurrency === currency) return { ...totals, currency };
  if (parseRate(fixedRate.rate) === null) {
    return { ...totals, currency, homeProblem: `Exchange rate: "${fixedRate.rate}" is not a rate; type a positive decimal such as 0.9512.` };
  }
  try {
    const grossMinor = convertMinor(totals.grossMinor, currency, fixedRate.homeCurrency, fixedRate.rate);
    return { ...totals, currency, home: { currency: fixedRate.homeCurrency, rate: fixedRate.rate, grossMinor } };
  } catch (error) {
    return { ...totals, currency, homeProblem: `Exchange rate: ${error instanceof RangeError ? error.message : 'the amount cannot be converted.'}` };
  }
}
