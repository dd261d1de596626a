/**
 * The four invoice reports as CSV, in reports/csv.ts's conventions: RFC 4180, a header row, money
 * as integer minor units next to its currency code, text cells guarded against formula injection
 * (a client named "=HYPERLINK(…)" stays text). Rates are basis points, as stored.
 */
import { guardFormula, serializeCsv } from '../../csv/write-csv.ts';
import type { EuSalesList } from './eu-sales-list.ts';
import type { RevenueReport } from './revenue.ts';
import type { UnpaidReport } from './unpaid.ts';
import type { VatSummary } from './vat-summary.ts';

export const REVENUE_CSV_HEADER = ['month', 'invoices', 'credit_notes', 'net_minor', 'vat_minor', 'gross_minor', 'currency', 'from_register'] as const;
export const UNPAID_CSV_HEADER = ['number', 'client', 'issue_date', 'due_date', 'days_overdue', 'amount_minor', 'currency', 'as_of'] as const;
export const VAT_SUMMARY_CSV_HEADER = [
  'quarter',
  'treatment',
  'rate_bp',
  'net_minor',
  'vat_minor',
  'currency',
  'home_net_minor',
  'home_vat_minor',
  'home_currency',
  'documents',
] as const;
export const EU_SALES_CSV_HEADER = ['quarter', 'country_code', 'vat_number', 'client', 'net_minor', 'currency', 'documents'] as const;

export function revenueCsv(report: RevenueReport): string {
  return serializeCsv([
    [...REVENUE_CSV_HEADER],
    ...report.months.map((m) => [
      m.month,
      String(m.invoices),
      String(m.creditNotes),
      String(m.netMinor),
      String(m.vatMinor),
      String(m.grossMinor),
      report.homeCurrency,
      String(m.fromRegister),
    ]),
  ]);
}

/** One line per open invoice and currency (an invoice issued before documents may have several). */
export function unpaidCsv(report: UnpaidReport): string {
  return serializeCsv([
    [...UNPAID_CSV_HEADER],
    ...report.open.flatMap((o) =>
      o.amounts.map((a) => [
        guardFormula(o.number),
        guardFormula(o.buyerName),
        o.issueDate,
        o.dueDateKnown ? o.dueDate : '',
        String(o.daysOverdue),
        String(a.grossMinor),
        a.currency,
        report.asOf,
      ]),
    ),
  ]);
}

/** Home-currency cells are empty where the row could not be converted. */
export function vatSummaryCsv(summary: VatSummary): string {
  return serializeCsv([
    [...VAT_SUMMARY_CSV_HEADER],
    ...summary.rows.map((r) => [
      r.quarter,
      r.treatment,
      String(r.rateBp),
      String(r.netMinor),
      String(r.vatMinor),
      r.currency,
      r.homeNetMinor === null ? '' : String(r.homeNetMinor),
      r.homeVatMinor === null ? '' : String(r.homeVatMinor),
      summary.homeCurrency,
      String(r.documents),
    ]),
  ]);
}

export function euSalesCsv(list: EuSalesList): string {
  return serializeCsv([
    [...EU_SALES_CSV_HEADER],
    ...list.rows.map((r) => [
      r.quarter,
      guardFormula(r.countryCode),
      guardFormula(r.vatNumber),
      guardFormula(r.buyerName),
      String(r.homeNetMinor),
      list.homeCurrency,
      String(r.documents),
    ]),
  ]);
}
