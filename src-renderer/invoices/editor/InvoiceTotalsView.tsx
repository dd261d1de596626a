/** An invoice's totals as the person checks them: net, VAT per treatment and rate, gross, and the gross in the home currency. */
import type { FixedRate, InvoiceLine } from '../../domain/invoice.ts';
import { formatMoney } from '../../reports/money.ts';
import { invoiceTotals } from '../document/totals.ts';
import { vatLabel } from './vat-label.ts';

export function InvoiceTotalsView({ lines, currency, fixedRate }: { lines: readonly InvoiceLine[]; currency: string; fixedRate?: FixedRate | undefined }) {
  const totals = invoiceTotals(lines, currency, fixedRate);
  return (
    <table className="list-table totals-table" aria-label="Totals">
      <tbody>
        <tr>
          <th scope="row">Net</th>
          <td className="num">{formatMoney(totals.netMinor, currency)}</td>
        </tr>
        {totals.byRate.map((row) => (
          <tr key={`${row.treatment}-${row.rateBp}`}>
            <th scope="row">
              {vatLabel({ kind: row.treatment, rateBp: row.rateBp })} on {formatMoney(row.netMinor, currency)}
            </th>
            <td className="num">{formatMoney(row.vatMinor, currency)}</td>
          </tr>
        ))}
        <tr className="total">
          <th scope="row">Total {currency}</th>
          <td className="num" data-testid="invoice-gross">
            {formatMoney(totals.grossMinor, currency)}
          </td>
        </tr>
        {totals.home && (
          <tr>
            <th scope="row">
              In your books at 1 {currency} = {totals.home.rate} {totals.home.currency}
            </th>
            <td className="num">{formatMoney(totals.home.grossMinor, totals.home.currency)}</td>
          </tr>
        )}
        {totals.homeProblem && (
          <tr>
            <td colSpan={2} className="form-error">
              {totals.homeProblem}
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
