/**
 * Invoices: every draft, invoice and credit note, overdue first, with what is outstanding per
 * currency. Filters by status and client; a row opens the draft in the editor or the issued
 * invoice with its PDF, XML, payment and void.
 */
import { Plus } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useStore } from '../../app/store.ts';
import { useClock } from '../../app/use-clock.ts';
import { useInvoices } from './use-invoices.ts';
import { formatMoney } from '../../reports/money.ts';
import { formatIsoDate, zonedDate } from '../../time/zoned-time.ts';
import { formatCalendarDate } from '../../ui/format/dates.ts';
import { ScreenHeader } from '../../ui/ScreenHeader.tsx';
import { WorkspaceState } from '../../workspace/WorkspaceState.tsx';
import { invoiceTotals } from '../document/totals.ts';
import { DraftEditor } from '../editor/DraftEditor.tsx';
import { IssuedInvoice } from '../editor/IssuedInvoice.tsx';
import { NewDraftForm } from '../editor/NewDraftForm.tsx';
import { renderInvoice } from '../editor/render-invoice.ts';
import { useInvoiceProfile } from '../editor/use-invoice-context.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { errorMessage } from '../../ui/error-message.ts';
import { RegisterHealth } from './RegisterHealth.tsx';
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

type View = { kind: 'list' } | { kind: 'draft'; id: string } | { kind: 'entry'; key: string };

export function InvoicesScreen() {
  const register = useInvoices();
  const docs = useStore((s) => s.invoiceDocs);
  const clients = useStore((s) => s.clients);
  const setRenderer = useStore((s) => s.setInvoiceRenderer);
  const resume = useStore((s) => s.resumeInvoices);
  const notify = useStore((s) => s.notify);
  const navigate = useStore((s) => s.navigate);
  const profile = useInvoiceProfile();
  const { now, zone } = useClock();
  const today = formatIsoDate(zonedDate(now, zone));
  const [view, setView] = useState<View>({ kind: 'list' });
  const [starting, setStarting] = useState(false);
  const [filter, setFilter] = useState<InvoiceFilter>('all');
  const [clientId, setClientId] = useState('');

  // The renderer finishes an issue a crash stopped half way (reports/invoice-lifecycle.ts).
  useEffect(() => {
    setRenderer(renderInvoice);
    resume()
      .then((problems) => problems.forEach((p) => notify(p, { tone: 'error' })))
      .catch((error: unknown) => notify(`Could not read your invoice documents: ${errorMessage(error)}`, { tone: 'error' }));
  }, [setRenderer, resume, notify]);

  const drafts = useMemo(
    () =>
      (docs ?? [])
        // A credit note is drafted and issued in one step; a left-over one is cleared at load, never edited as an invoice.
        .filter((d) => d.state === 'draft' && d.kind === 'invoice')
        .map((d) => ({
          id: d.id,
          clientId: d.clientId,
          issueDate: d.issueDate,
          dueDate: d.dueDate,
          currency: d.currency,
          grossMinor: invoiceTotals(d.lines, d.currency).grossMinor,
          updatedAt: d.updatedAt,
        })),
    [docs],
  );
  const overview = useMemo(() => invoiceOverview(register ?? [], drafts, today), [register, drafts, today]);
  const rows = filterRows(overview.rows, filter, clientId === '' ? undefined : clientId);
  const clientName = (id: string) => clients.find((c) => c.id === id)?.name ?? 'A client not on this device';
  const open = (row: InvoiceRow) => setView(row.status === 'draft' ? { kind: 'draft', id: row.key } : { kind: 'entry', key: row.key });
  const newDraft = (
    <button type="button" className="button primary" onClick={() => setStarting(true)}>
      <Plus aria-hidden size={16} /> New invoice
    </button>
  );

  const draftDoc = view.kind === 'draft' ? docs?.find((d) => d.id === view.id && d.state === 'draft' && d.kind === 'invoice') : undefined;
  const entry = view.kind === 'entry' ? register?.find((r) => r.key === view.key) : undefined;
  const body = () => {
    if (draftDoc)
      return (
        <DraftEditor
          key={draftDoc.id}
          draft={draftDoc}
          zone={zone}
          onClose={() => setView({ kind: 'list' })}
          onIssued={(key) => setView({ kind: 'entry', key })}
        />
      );
    if (entry) {
      const doc = docs?.find((d) => `invoice/${d.id}` === entry.key && d.state === 'issued');
      return <IssuedInvoice entry={entry} doc={doc} today={today} onOpen={(key) => setView({ kind: 'entry', key })} onBack={() => setView({ kind: 'list' })} />;
    }
    return list();
  };

  const list = () =>
    register === null ? (
      <p className="muted">Reading your invoices…</p>
    ) : overview.rows.length === 0 ? (
      <div className="empty-state">
        <p className="empty-title">No invoices yet</p>
        <p>An invoice is drafted from the billable time and pass-through costs you log; nothing is numbered until you issue it.</p>
        {profile.kind === 'missing' ? (
          <>
            <p>{profile.problem}</p>
            <button type="button" className="button primary" onClick={() => navigate('settings')}>
              Fill in your business profile
            </button>
          </>
        ) : (
          newDraft
        )}
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
        <RegisterHealth register={register} profile={profile.kind === 'ready' ? profile.profile : null} clientId={clientId} />
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
                  <td>
                    <button type="button" className="link-button" onClick={() => open(row)}>
                      {row.status === 'draft' ? 'Draft' : row.number}
                    </button>
                  </td>
                  <td>{clientName(row.clientId)}</td>
                  <td className="date">{formatCalendarDate(row.issueDate)}</td>
                  <td className="date">{row.dueDate === undefined ? '—' : formatCalendarDate(row.dueDate)}</td>
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
    );

  return (
    <section className="screen wide" aria-labelledby="screen-title">
      <ScreenHeader title="Invoices">{view.kind === 'list' && overview.rows.length > 0 && newDraft}</ScreenHeader>
      <WorkspaceState>{body()}</WorkspaceState>
      <Dialog title="New invoice" open={starting} onClose={() => setStarting(false)}>
        {profile.kind === 'ready' ? (
          <NewDraftForm
            profile={profile.profile}
            today={today}
            zone={zone}
            onCancel={() => setStarting(false)}
            onCreated={(doc) => {
              setStarting(false);
              setView({ kind: 'draft', id: doc.id });
            }}
          />
        ) : (
          <>
            <p>{profile.kind === 'missing' ? profile.problem : 'Reading your business profile…'}</p>
            <button type="button" className="button primary" onClick={() => navigate('settings')}>
              Fill in your business profile
            </button>
          </>
        )}
      </Dialog>
    </section>
  );
}
