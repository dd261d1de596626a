/**
 * An invoice's totals: the net, the VAT per treatment and rate (vat-totals.ts: computed once per
 * rate on the summed net), the gross, and the gross in the home currency with the rate fixed on
 * the invoice (exchange-rate.ts), which is the figure reports and the books use. Pure.
 */
import type { FixedRate, InvoiceLine } from '../../domain/invoice.ts';
import { convertMinor } from '../exchange-rate.ts';
import { vatTotals, type VatTotals } from '../vat-totals.ts';

export interface InvoiceTotals extends VatTotals {
  currency: string;
  /** With a fixed rate: the gross in the home currency, rounded once. */
  home?: { currency: string; rate: string; grossMinor: number };
}

/**
 * Totals of `lines` in `currency`. With `fixedRate` (a foreign-currency invoice), the gross in its
 * home currency too; a rate that is not a positive decimal throws a RangeError in words (the
 * editor checks it with issueProblems first).
 */
export function invoiceTotals(lines: readonly InvoiceLine[], currency: string, fixedRate?: FixedRate): InvoiceTotals {
  const totals = vatTotals(lines.map((l) => ({ treatment: l.vat.kind, rateBp: l.vat.rateBp, netMinor: l.netMinor })));
  if (fixedRate === undefined || fixedRate.homeCurrency === currency) return { ...totals, currency };
  return {
    ...totals,
    currency,
    home: {
      currency: fixedRate.homeCurrency,
      rate: fixedRate.rate,
      grossMinor: convertMinor(totals.grossMinor, currency, fixedRate.homeCurrency, fixedRate.rate),
    },
  };
}
