import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../../../src-renderer/reports/csv.ts';
import { euSalesList } from '../../../../../src-renderer/invoices/reports/eu-sales-list.ts';
import { invoiceFacts } from '../../../../../src-renderer/invoices/reports/invoice-facts.ts';
import {
  EU_SALES_CSV_HEADER,
  euSalesCsv,
  REVENUE_CSV_HEADER,
  revenueCsv,
  UNPAID_CSV_HEADER,
  unpaidCsv,
  VAT_SUMMARY_CSV_HEADER,
  vatSummaryCsv,
} from '../../../../../src-renderer/invoices/reports/reports-csv.ts';
import { revenueByMonth } from '../../../../../src-renderer/invoices/reports/revenue.ts';
import { unpaidReport } from '../../../../../src-renderer/invoices/reports/unpaid.ts';
import { vatSummary } from '../../../../../src-renderer/invoices/reports/vat-summary.ts';
import { doc, entry, HOME, line, reverseCharge, workedExample } from './fixtures.ts';

describe('invoice reports as CSV', () => {
  it('writes revenue per month in minor units next to the home currency', () => {
    const rows = parseCsv(revenueCsv(revenueByMonth(workedExample(), HOME)));
    expect(rows[0]).toEqual([...REVENUE_CSV_HEADER]);
    expect(rows).toContainEqual(['2026-11', '1', '0', '319500', '0', '319500', 'EUR', '0']);
    expect(rows).toContainEqual(['2027-01', '0', '1', '-128544', '0', '-128544', 'EUR', '0']);
  });

  it('writes the open invoices with days overdue, an unknown due date left empty', () => {
    const rows = parseCsv(unpaidCsv(unpaidReport(workedExample(), '2026-12-07')));
    expect(rows[0]).toEqual([...UNPAID_CSV_HEADER]);
    expect(rows[1]).toEqual(['2026-0008', 'client-us', '2026-09-20', '', '78', '30000', 'USD', '2026-12-07']);
    expect(rows[2]).toEqual(['RE-2026-0005', 'Łódź Analytics sp. z o.o.', '2026-10-28', '2026-11-11', '26', '80000', 'EUR', '2026-12-07']);
  });

  it('writes the VAT summary in both currencies', () => {
    const rows = parseCsv(vatSummaryCsv(vatSummary(workedExample(), HOME)));
    expect(rows[0]).toEqual([...VAT_SUMMARY_CSV_HEADER]);
    expect(rows).toContainEqual(['2026-Q4', 'outside-scope', '0', '420000', '0', 'CHF', '448044', '0', 'EUR', '2']);
  });

  it('writes the EU sales list and keeps a client name that looks like a formula as text', () => {
    const hostile = doc({
      id: 'a0010',
      number: 'RE-2026-0010',
      issueDate: '2026-12-02',
      dueDate: '2026-12-16',
      buyer: { legalName: '=HYPERLINK("http://evil.example")', country: 'AT', vatId: 'ATU13585627' },
      lines: [line(5_000, reverseCharge('ATU13585627'))],
    });
    const rows = parseCsv(euSalesCsv(euSalesList([...workedExample(), invoiceFacts(entry(hostile), hostile)], HOME)));
    expect(rows[0]).toEqual([...EU_SALES_CSV_HEADER]);
    expect(rows[1]).toEqual(['2026-Q4', 'AT', 'U13585627', `'=HYPERLINK("http://evil.example")`, '5000', 'EUR', '1']);
    expect(rows).toContainEqual(['2026-Q4', 'FR', '40303265045', 'Société Lumière SAS', '250000', 'EUR', '1']);
  });
});
