/**
 * VAT summary per calendar quarter, by issue date: per treatment and rate, the net and the VAT in
 * each invoice currency and in the home currency. A credit note reduces the quarter it is dated in
 * (a change in the taxable amount is declared when it happens). Each invoice's row is converted
 * with the rate fixed on that invoice, net and VAT each once (Article 91 of the Directive: the VAT
 * in the home currency is the converted amount), then summed. Pure.
 */
import type { VatTreatment } from '../vat-treatment.ts';
import { countsAsSale, quarterOf, toHome, type InvoiceFacts, type NotConverted } from './invoice-facts.ts';

export interface VatSummaryRow {
  /** "2026-Q4". */
  quarter: string;
  treatment: VatTreatment['kind'];
  rateBp: number;
  currency: string;
  netMinor: number;
  vatMinor: number;
  /** In the home currency; null when an invoice in this row could not be converted (it is listed). */
  homeNetMinor: number | null;
  homeVatMinor: number | null;
  /** Invoices and credit notes in the row. */
  documents: number;
}

export interface VatSummary {
  homeCurrency: string;
  /** By quarter, then the order of an invoice's breakdown (charged rates first, highest first), then currency. */
  rows: VatSummaryRow[];
  notConverted: NotConverted[];
  /** Entries without a VAT breakdown (no document on this device), so not in the summary. */
  withoutDocument: { key: string; number: string; issueDate: string }[];
}

const ORDER: readonly VatTreatment['kind'][] = ['domestic', 'reverse-charge', 'outside-scope', 'small-business'];

export function vatSummary(facts: readonly InvoiceFacts[], homeCurrency: string): VatSummary {
  const rows = new Map<string, VatSummaryRow>();
  const notConverted: NotConverted[] = [];
  const withoutDocument: VatSummary['withoutDocument'] = [];
  for (const f of facts) {
    if (!countsAsSale(f)) continue;
    if (f.source === 'register') {
      withoutDocument.push({ key: f.key, number: f.number, issueDate: f.issueDate });
      continue;
    }
    const currency = f.totals[0]?.currency ?? homeCurrency;
    const quarter = quarterOf(f.issueDate);
    let failed: string | null = null;
    for (const part of f.vat) {
      const net = toHome(f, part.netMinor, currency, homeCurrency);
      const vat = toHome(f, part.vatMinor, currency, homeCurrency);
      const id = `${quarter}|${part.treatment}|${part.rateBp}|${currency}`;
      const row = rows.get(id) ?? {
        quarter,
        treatment: part.treatment,
        rateBp: part.rateBp,
        currency,
        netMinor: 0,
        vatMinor: 0,
        homeNetMinor: 0,
        homeVatMinor: 0,
        documents: 0,
      };
      row.netMinor += part.netMinor;
      row.vatMinor += part.vatMinor;
      row.documents += 1;
      if (net.ok && vat.ok && row.homeNetMinor !== null && row.homeVatMinor !== null) {
        row.homeNetMinor += net.minor;
        row.homeVatMinor += vat.minor;
      } else {
        row.homeNetMinor = null;
        row.homeVatMinor = null;
        failed ??= !net.ok ? net.reason : !vat.ok ? vat.reason : null;
      }
      rows.set(id, row);
    }
    if (failed !== null) {
      notConverted.push({ key: f.key, number: f.number, issueDate: f.issueDate, currency, grossMinor: f.totals[0]?.grossMinor ?? 0, reason: failed });
    }
  }
  const sorted = [...rows.values()].sort(
    (a, b) =>
      a.quarter.localeCompare(b.quarter) ||
      ORDER.indexOf(a.treatment) - ORDER.indexOf(b.treatment) ||
      b.rateBp - a.rateBp ||
      a.currency.localeCompare(b.currency),
  );
  return { homeCurrency, rows: sorted, notConverted, withoutDocument };
}
