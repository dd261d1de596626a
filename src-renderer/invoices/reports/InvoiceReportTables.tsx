/**
 * The four invoice report tables, each a plain table of what its pure module computed, with an
 * empty state in words. No state and no effects: InvoiceReports.tsx computes and exports.
 */
import { formatMoney } from '../../reports/money.ts';
import { formatCalendarDate } from '../../ui/format/index.ts';
import type { EuSalesList } from './eu-sales-list.ts';
import type { NotConverted } from './invoice-facts.ts';
import { monthLabel, overdueWords, quarterLabel, treatmentLabel } from './report-words.ts';
import type { RevenueReport } from './revenue.ts';
import type { UnpaidReport } from './unpaid.ts';
import type { VatSummary } from './vat-summary.ts';

function Empty({ children }: { children: string }) {
  return <p className="muted">{children}</p>;
}

/** What a report left out because no rate fixed on the invoice converts it. */
export function NotConvertedNote({ items, homeCurrency }: { items: readonly NotConverted[]; homeCurrency: string }) {
  if (items.length === 0) return null;
  return (
    <div className="warn" role="note">
      <p>
        Not converted to {homeCurrency}, so not in the figures above ({items.length === 1 ? '1 invoice' : `${items.length} invoices`}):
      </p>
      <ul>
        {items.map((n) => (
          <li key={`${n.key}|${n.currency}`}>
            {n.number} of {formatCalendarDate(n.issueDate)}, {formatMoney(n.grossMinor, n.currency)}: {n.reason}.
          </li>
        ))}
      </ul>
    </div>
  );
}

export function RevenueTable({ report }: { report: RevenueReport }) {
  if (report.months.length === 0) return <Empty>No invoices issued yet, so no revenue to show.</Empty>;
  const money = (minor: number) => formatMoney(minor, report.homeCurrency);
  return (
    <table className="list-table" aria-label="Revenue per month">
      <thead>
        <tr>
          <th scope="col">Month</th>
          <th scope="col">Invoices</th>
          <th scope="col">Credit notes</th>
          <th scope="col" className="num">
            Net
          </th>
          <th scope="col" className="num">
            VAT
          </th>
          <th scope="col" className="num">
            Gross
          </th>
        </tr>
      </thead>
      <tbody>
        {report.months.map((m) => (
          <tr key={m.month}>
            <th scope="row">
              {monthLabel(m.month)}
              {m.fromRegister > 0 && <span className="field-hint"> (includes {m.fromRegister} from before invoice documents)</span>}
            </th>
            <td>{m.invoices}</td>
            <td>{m.creditNotes}</td>
            <td className="num">{money(m.netMinor)}</td>
            <td className="num">{money(m.vatMinor)}</td>
            <td className="num">{money(m.grossMinor)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={3}>
            Total
          </th>
          <td className="num">{money(report.total.netMinor)}</td>
          <td className="num">{money(report.total.vatMinor)}</td>
          <td className="num">{money(report.total.grossMinor)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

export function UnpaidTable({ report }: { report: UnpaidReport }) {
  if (report.open.length === 0) return <Empty>{`Every invoice issued by ${formatCalendarDate(report.asOf)} is paid or void.`}</Empty>;
  return (
    <>
      <table className="list-table" aria-label="Unpaid invoices">
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Client</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {report.open.map((o) => (
            <tr key={o.key} className={o.daysOverdue > 0 ? 'over' : undefined}>
              <th scope="row">{o.number}</th>
              <td>{o.buyerName}</td>
              <td>{o.dueDateKnown ? formatCalendarDate(o.dueDate) : `No due date (issued ${formatCalendarDate(o.issueDate)})`}</td>
              <td>{overdueWords(o.daysOverdue)}</td>
              <td className="num">{o.amounts.map((a) => formatMoney(a.grossMinor, a.currency)).join(' + ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul aria-label="Unpaid per currency">
        {report.totals.map((t) => (
          <li key={t.currency}>
            {t.currency}: {formatMoney(t.openMinor, t.currency)} unpaid, of which {formatMoney(t.overdueMinor, t.currency)} overdue
          </li>
        ))}
      </ul>
    </>
  );
}

export function VatSummaryTable({ summary }: { summary: VatSummary }) {
  if (summary.rows.length === 0) return <Empty>No issued invoice documents yet, so no VAT to sum up.</Empty>;
  const home = (minor: number | null) => (minor === null ? 'not converted' : formatMoney(minor, summary.homeCurrency));
  return (
    <table className="list-table" aria-label="VAT summary per quarter">
      <thead>
        <tr>
          <th scope="col">Quarter</th>
          <th scope="col">VAT</th>
          <th scope="col" className="num">
            Net
          </th>
          <th scope="col" className="num">
            VAT amount
          </th>
          <th scope="col" className="num">
            Net in {summary.homeCurrency}
          </th>
          <th scope="col" className="num">
            VAT in {summary.homeCurrency}
          </th>
        </tr>
      </thead>
      <tbody>
        {summary.rows.map((r) => (
          <tr key={`${r.quarter}|${r.treatment}|${r.rateBp}|${r.currency}`}>
            <th scope="row">{quarterLabel(r.quarter)}</th>
            <td>{treatmentLabel(r.treatment, r.rateBp)}</td>
            <td className="num">{formatMoney(r.netMinor, r.currency)}</td>
            <td className="num">{formatMoney(r.vatMinor, r.currency)}</td>
            <td className="num">{home(r.homeNetMinor)}</td>
            <td className="num">{home(r.homeVatMinor)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function EuSalesTable({ list }: { list: EuSalesList }) {
  if (list.rows.length === 0) return <Empty>No reverse-charge sales to businesses in other EU countries.</Empty>;
  return (
    <table className="list-table" aria-label="EU sales list">
      <thead>
        <tr>
          <th scope="col">Quarter</th>
          <th scope="col">Country</th>
          <th scope="col">VAT number</th>
          <th scope="col">Client</th>
          <th scope="col" className="num">
            Net in {list.homeCurrency}
          </th>
        </tr>
      </thead>
      <tbody>
        {list.rows.map((r) => (
          <tr key={`${r.quarter}|${r.countryCode}${r.vatNumber}`}>
            <th scope="row">{quarterLabel(r.quarter)}</th>
            <td>{r.countryCode}</td>
            <td>{r.vatNumber}</td>
            <td>{r.buyerName}</td>
            <td className="num">{formatMoney(r.homeNetMinor, list.homeCurrency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
