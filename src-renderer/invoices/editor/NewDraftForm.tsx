/**
 * Starting a draft: the client and the period of work it bills (last month by default, the way
 * most freelancers invoice). Everything else is chosen on the draft itself.
 */
import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../app/store.ts';
import type { BusinessProfile } from '../../domain/business-profile.ts';
import type { Invoice } from '../../domain/invoice.ts';
import { errorMessage } from '../../ui/error-message.ts';
import { newId } from '../../vault/repos/entity-repo.ts';
import { draftDocument } from '../document/draft-document.ts';
import type { DraftSelection } from '../document/types.ts';
import { useDraftSource } from './use-invoice-context.ts';

/** First and last day of the month before `today` ('YYYY-MM-DD'), and of this month. */
export function monthPeriods(today: string): { last: { from: string; to: string }; current: { from: string; to: string } } {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  const py = month === 1 ? year - 1 : year;
  const pm = month === 1 ? 12 : month - 1;
  return {
    last: { from: `${py}-${pad(pm)}-01`, to: `${py}-${pad(pm)}-${pad(lastDay(py, pm))}` },
    current: { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(lastDay(year, month))}` },
  };
}

export function NewDraftForm({
  profile,
  today,
  zone,
  onCreated,
  onCancel,
}: {
  profile: BusinessProfile;
  today: string;
  zone: string;
  onCreated: (doc: Invoice) => void;
  onCancel: () => void;
}) {
  const id = useId();
  // A filtered list is a new array on every read: compared item by item, or React renders forever.
  const clients = useStore(useShallow((s) => s.clients.filter((c) => !c.archived)));
  const create = useStore((s) => s.createInvoiceDraft);
  const periods = monthPeriods(today);
  const [clientId, setClientId] = useState(clients[0]?.id ?? '');
  const [period, setPeriod] = useState<'last' | 'current'>('last');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const source = useDraftSource(profile, clientId);
  const client = clients.find((c) => c.id === clientId);

  const start = async () => {
    if (source === null || client === undefined) return setError('Client: choose who the invoice is for.');
    setBusy(true);
    const selection: DraftSelection = { ...periods[period], zone, projectIds: [], issueDate: today, currency: client.currency };
    const { document } = draftDocument({ ...source, selection }, { id: newId(), now: Date.now() });
    const { state: _s, createdAt: _c, updatedAt: _u, ...input } = document;
    try {
      onCreated(await create(input));
    } catch (e) {
      setError(`The draft was not created: ${errorMessage(e)}`);
      setBusy(false);
    }
  };

  if (clients.length === 0) return <p className="muted">Invoices are for clients: create a client first.</p>;
  return (
    <div className="entity-form">
      <div className="field-group">
        <label htmlFor={`${id}-client`}>Client</label>
        <select id={`${id}-client`} value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off">
          {clients.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        {client?.billing === undefined && (
          <p className="field-hint">{client?.name} has no billing details yet; add them on the client before issuing (you can draft now).</p>
        )}
      </div>
      <fieldset>
        <legend>Work from</legend>
        {(['last', 'current'] as const).map((p) => (
          <label key={p} className="radio">
            <input autoComplete="off" type="radio" name={`${id}-period`} checked={period === p} onChange={() => setPeriod(p)} />
            {p === 'last' ? 'Last month' : 'This month'} ({periods[p].from} to {periods[p].to})
          </label>
        ))}
        <p className="field-hint">You can change the period, the projects and each block on the draft.</p>
      </fieldset>
      {error && <p className="form-error">{error}</p>}
      <div className="button-row">
        <button type="button" className="button primary" disabled={busy} onClick={() => void start()}>
          Start the draft
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
