/**
 * The totals both renderers print, from an invoice document's lines: the builder's totals
 * (invoices/document/totals.ts: per VAT treatment and rate, net, VAT and gross, and the gross in
 * the home currency) plus, on an invoice in another currency, the VAT of each row in the home
 * currency at the rate fixed on the invoice (Article 230 of Council Directive 2006/112/EC).
 */
import type { Invoice } from '../../domain/invoice.ts';
import { invoiceTotals } from '../document/totals.ts';
import { convertMinor } from '../exchange-rate.ts';
import type { RateTotal, VatTotals } from '../vat-totals.ts';

/** A VAT row with its VAT in the home currency, when the invoice is in another. */
export interface OutputRateTotal extends RateTotal {
  homeVatMinor?: number;
}

/** What the PDF and the XML print. */
export interface DocumentTotals extends VatTotals {
  byRate: OutputRateTotal[];
  /** Present when the invoice's currency is not the home currency. */
  home?: { currency: string; rate: string; vatMinor: number; grossMinor: number };
}

/**
 * Totals of `invoice`. The home-currency VAT is converted per row (each rounded once) and summed,
 * so the printed rows add up to the printed total. Throws a RangeError in words when the fixed rate
 * is not a positive decimal (the domain schema lets any text through).
 */
export function documentTotals(invoice: Pick<Invoice, 'lines' | 'currency' | 'fixedRate'>): DocumentTotals {
  const { currency: _c, home, homeProblem, ...totals } = invoiceTotals(invoice.lines, invoice.currency, invoice.fixedRate);
  // Callers name the field themselves ("Exchange rate: …").
  if (homeProblem !== undefined) throw new RangeError(homeProblem.replace(/^Exchange rate: /u, ''));
  const fixed = invoice.fixedRate;
  if (fixed === undefined || home === undefined) return totals;
  const byRate = totals.byRate.map((row) => ({ ...row, homeVatMinor: convertMinor(row.vatMinor, invoice.currency, fixed.homeCurrency, fixed.rate) }));
  return {
    ...totals,
    byRate,
    home: { currency: home.currency, rate: home.rate, vatMinor: byRate.reduce((sum, r) => sum + r.homeVatMinor, 0), grossMinor: home.grossMinor },
  };
}

/** `minor` units of `currency` as an XML decimal ("1062.50", "-0.05", "1000" for yen). */
export function decimalAmount(minor: number, digits: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, abs.length - digits)}.${abs.slice(abs.length - digits)}`;
}

/** Basis points as a percentage without trailing zeros: 1900 → "19", 550 → "5.5", 0 → "0". */
export function percentOf(rateBp: number): string {
  return decimalAmount(rateBp, 2).replace(/\.?0+$/u, '') || '0';
}
