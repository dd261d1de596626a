/**
 * An invoice's totals per VAT treatment and rate, as Article 226 of Council Directive 2006/112/EC
 * asks (and EN 16931's VAT breakdown, per category and rate): the taxable amount and the VAT per
 * row, then the total. Reverse charge, outside the scope and a small-business exemption are all
 * 0 % but are separate rows, each with its own legal reference. VAT is computed once per rate on the summed
 * net (rounded half away from zero in minor units), not per line, so lines at one rate never add a
 * rounding cent between them. Pure; one currency per invoice.
 */
import { roundDiv } from '../reports/money.ts';
import type { VatTreatment } from './vat-treatment.ts';

export interface VatLine {
  treatment: VatTreatment['kind'];
  netMinor: number;
  /** Basis points: 19 % = 1900, 5.5 % = 550, 25.5 % = 2550. */
  rateBp: number;
}

export interface RateTotal {
  treatment: VatTreatment['kind'];
  rateBp: number;
  netMinor: number;
  vatMinor: number;
}

export interface VatTotals {
  /** One row per treatment and rate: charged rates first, highest first; then the 0 % treatments. */
  byRate: RateTotal[];
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
}

/** `minor × bp / 10 000`, rounded half away from zero, exact for any size. */
export function vatOf(netMinor: number, rateBp: number): number {
  if (!Number.isSafeInteger(netMinor) || !Number.isInteger(rateBp) || rateBp < 0 || rateBp > 10_000) {
    throw new RangeError(`A VAT rate is a whole number of basis points from 0 to 10 000 on a whole amount in minor units (got ${rateBp} on ${netMinor}).`);
  }
  return Number(roundDiv(BigInt(netMinor) * BigInt(rateBp), 10_000n));
}

const ORDER: readonly VatTreatment['kind'][] = ['domestic', 'reverse-charge', 'outside-scope', 'small-business'];

export function vatTotals(lines: readonly VatLine[]): VatTotals {
  const nets = new Map<string, RateTotal>();
  for (const line of lines) {
    const key = `${line.treatment} ${line.rateBp}`;
    const row = nets.get(key) ?? { treatment: line.treatment, rateBp: line.rateBp, netMinor: 0, vatMinor: 0 };
    row.netMinor += line.netMinor;
    nets.set(key, row);
  }
  const byRate = [...nets.values()]
    .map((row) => ({ ...row, vatMinor: vatOf(row.netMinor, row.rateBp) }))
    .sort((a, b) => ORDER.indexOf(a.treatment) - ORDER.indexOf(b.treatment) || b.rateBp - a.rateBp);
  const netMinor = byRate.reduce((sum, r) => sum + r.netMinor, 0);
  const vatMinor = byRate.reduce((sum, r) => sum + r.vatMinor, 0);
  return { byRate, netMinor, vatMinor, grossMinor: netMinor + vatMinor };
}
