/**
 * An invoice's totals per VAT rate, as Article 226 of Council Directive 2006/112/EC asks: the
 * taxable amount and the VAT per rate, then the total. VAT is computed once per rate on the summed
 * net (rounded half away from zero in minor units), not per line, so lines at one rate never add a
 * rounding cent between them. Pure; one currency per invoice.
 */
import { roundDiv } from '../reports/money.ts';

export interface VatLine {
  netMinor: number;
  /** Basis points: 19 % = 1900, 5.5 % = 550, 25.5 % = 2550. */
  rateBp: number;
}

export interface RateTotal {
  rateBp: number;
  netMinor: number;
  vatMinor: number;
}

export interface VatTotals {
  /** One row per rate, highest rate first. */
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

export function vatTotals(lines: readonly VatLine[]): VatTotals {
  const nets = new Map<number, number>();
  for (const line of lines) nets.set(line.rateBp, (nets.get(line.rateBp) ?? 0) + line.netMinor);
  const byRate = [...nets.entries()].sort(([a], [b]) => b - a).map(([rateBp, netMinor]) => ({ rateBp, netMinor, vatMinor: vatOf(netMinor, rateBp) }));
  const netMinor = byRate.reduce((sum, r) => sum + r.netMinor, 0);
  const vatMinor = byRate.reduce((sum, r) => sum + r.vatMinor, 0);
  return { byRate, netMinor, vatMinor, grossMinor: netMinor + vatMinor };
}
