/**
 * Invoices: every draft, invoice and credit note, overdue first, with what is outstanding per
 * currency. Filters by status and client; a row opens the invoice.
 */
import { useMemo, useState } from 'react';
import { useStore } from '../../app/store.ts';
import { useClock } from '../../app/use-clock.ts';
import { useInvoices } from '../../reports/InvoiceList.tsx';
import { formatMoney } from '../../reports/money.ts';
import { formatIsoDate, zonedDate } from '../../time/zoned-time.ts';
import { formatCalendarDate } from '../../ui/format/dates.ts';
import { ScreenHeader } from '../../ui/ScreenHeader.tsx';
import { WorkspaceState } from '../../workspace/WorkspaceState.tsx';
import { filterRows, invoiceOverview, type InvoiceFilter, type InvoiceRow, type InvoiceStatus } from './invoice-rows.ts';

const FILTERS: ReadonlyArray<{ value: InvoiceFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'unpaid', label: 'Unpaid' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'draft', label: 'Drafts' },
  { value: 'paid', label: 'Paid' },
  { value: 'void', label: 'Void' },
];

const STATUS_LABEL: Readonly<Record<InvoiceStatus, string>> = {
  draft: 'Draft',
  open: 'Open',
  overdue: 'Overdue',
  paid: 'Paid',
  void: 'Void',
  'credit-note': 'Credit note',
};

function amounts(totals: ReadonlyMap<string, number> | InvoiceRow['totals']): string {
  const list = [...totals];
  return list.length === 0 ? '—' : list.map(([currency, minor]) => formatMoney(minor, currency)).join(' + ');
}

function statusText(row: InvoiceRow): string {
  switch (row.status) {
    case 'overdue':
      return `Overdue ${row.daysOverdue} day${row.daysOverdue === 1 ? '' : 's'}`;
    case 'paid':
      return row.paidOn === undefined ? 'Paid' : `Paid ${formatCalendarDate(row.paidOn)}`;
    case 'void':
      return row.voidedOn === undefined ? 'Void' : `Void since ${formatCalendarDate(row.voidedOn)}`;
    default:
      return STATUS_LABEL[row.status];
  }
}

export function InvoicesScreen() {
  const register = useInvoices();
  const clients = useStore((s) => s.clients);
  const { now, zone } = useClock();
  const today = formatIsoDate(zonedDate(now, zone));
  const [filter, setFilter] = useState<InvoiceFilter>('all');
  const [clientId, setClientId] = useState('');
  const overview = useMemo(() => invoiceOverview(register ?? [], [], today), [register, today]);
  const rows = filterRows(overview.rows, filter, clientId === '' ? undefined : clientId);
  const clientName = (id: string) => clients.find((c) => c.id === id)?.name ?? 'A client not on this device';

  return (
    <section className="screen wide" aria-labelledby="screen-title">
      <ScreenHeader title="Invoices" />
      <WorkspaceState>
        {register === null ? (
          <p className="muted">Reading your invoices…</p>
        ) : overview.rows.length === 0 ? (
          <div className="empty-state">
            <p className="empty-title">No invoices yet</p>
            <p>Invoices are drafted from the billable time and pass-through costs you log; nothing is numbered until you issue one.</p>
          </div>
        ) : (
          <>
            <div className="stat-row">
              <div className="stat">
                <span className="stat-label">Outstanding</span>
                <span className="stat-value" data-testid="invoices-outstanding">
                  {amounts(overview.outstanding)}
                </span>
              </div>
              <div className="stat">
                <span className="stat-label">Overdue</span>
                <span className="stat-value" data-testid="invoices-overdue">
                  {amounts(overview.overdue)}
                </span>
              </div>
            </div>
            <div className="toolbar" role="search" aria-label="Filter invoices">
              <div className="segmented" role="group" aria-label="Show">
                {FILTERS.map((f) => (
                  <button
                    key={f.value}
                    type="button"
                    className={filter === f.value ? 'current' : ''}
                    aria-pressed={filter === f.value}
                    onClick={() => setFilter(f.value)}
                  >
                    {f.label}
                  </button>
                ))}
              </div>
              <label>
                Client
                <select value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off">
                  <option value="">All clients</option>
                  {clients.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {rows.length === 0 ? (
              <p className="muted">No invoices match these filters.</p>
            ) : (
              <table className="list-table" aria-label="Invoices">
                <thead>
                  <tr>
                    <th scope="col">Number</th>
                    <th scope="col">Client</th>
                    <th scope="col">Issued</th>
                    <th scope="col">Due</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.key}>
                      <td>{row.status === 'draft' ? <em>Draft</em> : row.number}</td>
                      <td>{clientName(row.clientId)}</td>
                      <td>{formatCalendarDate(row.issueDate)}</td>
                      <td>{row.dueDate === undefined ? '—' : formatCalendarDate(row.dueDate)}</td>
                      <td className="num">{amounts(row.totals)}</td>
                      <td>
                        <span className={`status-badge status-${row.status}`}>{statusText(row)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </WorkspaceState>
    </section>
  );
}
