/**
 * The EU sales list (recapitulative statement, Article 262 of Council Directive 2006/112/EC):
 * services sold under reverse charge to businesses in other member states, per calendar quarter
 * and per the buyer's VAT id as printed on the invoice, in the home currency. A credit note reduces
 * the quarter it is dated in, under the VAT id it was issued to. Each invoice is converted with the
 * rate fixed on it. Pure.
 */
import { countsAsSale, quarterOf, toHome, type InvoiceFacts, type NotConverted } from './invoice-facts.ts';

export interface EuSalesRow {
  quarter: string;
  /** The VAT id's country prefix ("FR"; Greece is "EL"). */
  countryCode: string;
  /** The VAT id without its prefix, spaces or punctuation ("40303265045"). */
  vatNumber: string;
  /** The buyer's name on the latest invoice in the row. */
  buyerName: string;
  homeNetMinor: number;
  documents: number;
}

export interface EuSalesList {
  homeCurrency: string;
  /** By quarter, then VAT id. */
  rows: EuSalesRow[];
  notConverted: NotConverted[];
  /** Reverse-charge sales whose invoice shows no buyer VAT id: they cannot be listed as they are. */
  withoutVatId: { key: string; number: string; issueDate: string }[];
}

/** Country prefix and number of a VAT id as typed ("fr 40 303 265 045" → FR, 40303265045). */
export function splitVatId(vatId: string, buyerCountry?: string): { countryCode: string; vatNumber: string } {
  const compact = vatId.toUpperCase().replace(/[\s.\-/]/gu, '');
  const prefixed = /^([A-Z]{2})(.+)$/u.exec(compact);
  if (prefixed?.[1] !== undefined && prefixed[2] !== undefined) return { countryCode: prefixed[1], vatNumber: prefixed[2] };
  // No prefix typed: the buyer's country, written the EU's way for Greece.
  const country = (buyerCountry ?? '').toUpperCase();
  return { countryCode: country === 'GR' ? 'EL' : country, vatNumber: compact };
}

export function euSalesList(facts: readonly InvoiceFacts[], homeCurrency: string): EuSalesList {
  const rows = new Map<string, EuSalesRow & { latest: string }>();
  const notConverted: NotConverted[] = [];
  const withoutVatId: EuSalesList['withoutVatId'] = [];
  for (const f of facts) {
    if (!countsAsSale(f)) continue;
    const netMinor = f.vat.filter((v) => v.treatment === 'reverse-charge').reduce((sum, v) => sum + v.netMinor, 0);
    if (!f.vat.some((v) => v.treatment === 'reverse-charge')) continue;
    if (f.buyerVatId === undefined || f.buyerVatId.trim() === '') {
      withoutVatId.push({ key: f.key, number: f.number, issueDate: f.issueDate });
      continue;
    }
    const currency = f.totals[0]?.currency ?? homeCurrency;
    const home = toHome(f, netMinor, currency, homeCurrency);
    if (!home.ok) {
      notConverted.push({ key: f.key, number: f.number, issueDate: f.issueDate, currency, grossMinor: f.totals[0]?.grossMinor ?? 0, reason: home.reason });
      continue;
    }
    const quarter = quarterOf(f.issueDate);
    const { countryCode, vatNumber } = splitVatId(f.buyerVatId, f.buyerCountry);
    const id = `${quarter}|${countryCode}${vatNumber}`;
    const row = rows.get(id) ?? { quarter, countryCode, vatNumber, buyerName: f.buyerName, homeNetMinor: 0, documents: 0, latest: '' };
    row.homeNetMinor += home.minor;
    row.documents += 1;
    if (f.issueDate >= row.latest) {
      row.latest = f.issueDate;
      row.buyerName = f.buyerName;
    }
    rows.set(id, row);
  }
  const sorted = [...rows.values()]
    .map(({ latest: _latest, ...row }) => row)
    .sort((a, b) => a.quarter.localeCompare(b.quarter) || `${a.countryCode}${a.vatNumber}`.localeCompare(`${b.countryCode}${b.vatNumber}`));
  return { homeCurrency, rows: sorted, notConverted, withoutVatId };
}
