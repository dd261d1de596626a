/** Clients: search, create, edit, archive (with undo), and the GDPR tools per client. */
import { Archive, ArchiveRestore, Download, FileText, MapPin, Pencil, Plus, Trash2 } from 'lucide-react';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useIntent } from '../nav/use-intent.ts';
import { useStore } from '../app/store.ts';
import type { Client } from '../domain/client.ts';
import { countryName } from '../domain/countries.ts';
import { formatMoney } from '../reports/money.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { ScreenHeader } from '../ui/ScreenHeader.tsx';
import { WorkspaceState } from '../workspace/WorkspaceState.tsx';
import { ClientForm } from './ClientForm.tsx';
import { describeResidency } from './ResidencyPicker.tsx';
import { WhereIsMyData } from '../locality/WhereIsMyData.tsx';
import { type GdprAction, GdprDialogs } from '../gdpr/GdprDialogs.tsx';
import { RetentionReview } from '../gdpr/RetentionReview.tsx';
import { PolicyHoldsNotice } from '../locality/PolicyHoldsNotice.tsx';
import { errorMessage } from '../ui/error-message.ts';

/** True when `client` matches every word of `query` in its name, company, email or country. */
export function clientMatches(client: Client, query: string): boolean {
  const haystack = [client.name, client.company ?? '', client.contact.email ?? '', countryName(client.country), client.country].join(' ').toLocaleLowerCase();
  return query
    .toLocaleLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

export function ClientsScreen() {
  const clients = useStore((s) => s.clients);
  const projects = useStore((s) => s.projects);
  const patchClient = useStore((s) => s.patchClient);
  const notify = useStore((s) => s.notify);
  const [query, setQuery] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<Client | 'new' | null>(null);
  const [locating, setLocating] = useState<Client | null>(null);
  const [gdpr, setGdpr] = useState<GdprAction | null>(null);
  const deferred = useDeferredValue(query);
  useIntent(
    'new-client',
    useCallback(() => setEditing('new'), []),
  );
  const visible = useMemo(() => clients.filter((c) => c.archived === showArchived && clientMatches(c, deferred)), [clients, showArchived, deferred]);
  const projectCount = useMemo(() => {
    const counts = new Map<string, number>();
    for (const p of projects) counts.set(p.clientId, (counts.get(p.clientId) ?? 0) + 1);
    return counts;
  }, [projects]);

  const setArchived = async (client: Client, archived: boolean) => {
    try {
      await patchClient(client.id, { archived });
      notify(archived ? `${client.name} archived.` : `${client.name} restored.`, {
        action: { label: 'Undo', run: () => void patchClient(client.id, { archived: !archived }) },
      });
    } catch (error) {
      notify(errorMessage(error), { tone: 'error' });
    }
  };

  return (
    <section className="screen wide" aria-labelledby="screen-title">
      <ScreenHeader title="Clients">
        <button type="button" className="button primary" onClick={() => setEditing('new')}>
          <Plus aria-hidden size={16} /> New client
        </button>
      </ScreenHeader>
      <WorkspaceState>
        {clients.length === 0 ? (
          <div className="empty-state">
            <p className="empty-title">No clients yet</p>
            <p>Add the first person or company you work for: their currency, rate and time zone, and where their data may be stored.</p>
            <button type="button" className="button primary" onClick={() => setEditing('new')}>
              <Plus aria-hidden size={16} /> New client
            </button>
          </div>
        ) : (
          <>
            <PolicyHoldsNotice />
            <RetentionReview onExport={(client) => setGdpr({ kind: 'export', client })} onErase={(client) => setGdpr({ kind: 'erase', client })} />
            <div className="toolbar">
              <input
                autoComplete="off"
                type="search"
                aria-label="Search clients"
                placeholder="Search clients"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
              <label className="checkbox">
                <input autoComplete="off" type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> Archived
              </label>
            </div>
            {visible.length === 0 ? (
              <p className="muted">{query ? `No ${showArchived ? 'archived ' : ''}client matches “${query}”.` : 'No archived clients.'}</p>
            ) : (
              <table className="list-table">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Country</th>
                    <th scope="col">Rate</th>
                    <th scope="col">Data may go to</th>
                    <th scope="col">Projects</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {visible.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        {c.name}
                        {c.company && <div className="small muted">{c.company}</div>}
                      </th>
                      <td>{countryName(c.country)}</td>
                      <td>{formatMoney(c.defaultRateMinor, c.currency)}/h</td>
                      <td>{describeResidency(c.residency)}</td>
                      <td>{projectCount.get(c.id) ?? 0}</td>
                      <td className="row-actions">
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Where is ${c.name}’s data`}
                          title="Where is my data"
                          onClick={() => setLocating(c)}
                        >
                          <MapPin aria-hidden size={16} />
                        </button>
                        <button type="button" className="icon-button" aria-label={`Edit ${c.name}`} onClick={() => setEditing(c)}>
                          <Pencil aria-hidden size={16} />
                        </button>
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`${c.archived ? 'Restore' : 'Archive'} ${c.name}`}
                          onClick={() => void setArchived(c, !c.archived)}
                        >
                          {c.archived ? <ArchiveRestore aria-hidden size={16} /> : <Archive aria-hidden size={16} />}
                        </button>
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Export ${c.name}’s data`}
                          title="Export data (access, portability)"
                          onClick={() => setGdpr({ kind: 'export', client: c })}
                        >
                          <Download aria-hidden size={16} />
                        </button>
                        <button
                          type="button"
                          className="icon-button"
                          aria-label={`Record of processing for ${c.name}`}
                          title="Record of processing (Art. 30)"
                          onClick={() => setGdpr({ kind: 'record', client: c })}
                        >
                          <FileText aria-hidden size={16} />
                        </button>
                        <button
                          type="button"
                          className="icon-button danger"
                          aria-label={`Erase ${c.name}`}
                          title="Erase on this device"
                          onClick={() => setGdpr({ kind: 'erase', client: c })}
                        >
                          <Trash2 aria-hidden size={16} />
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </WorkspaceState>
      <Dialog title={editing === 'new' ? 'New client' : 'Edit client'} open={editing !== null} onClose={() => setEditing(null)} wide>
        <ClientForm
          {...(editing && editing !== 'new' ? { client: editing } : {})}
          onDone={(saved) => {
            setEditing(null);
            if (saved) notify(`${saved.name} saved.`);
          }}
        />
      </Dialog>
      <GdprDialogs action={gdpr} onAction={setGdpr} onClose={() => setGdpr(null)} />
      <Dialog title={locating ? `Where is ${locating.name}’s data` : 'Where is my data'} open={locating !== null} onClose={() => setLocating(null)} wide>
        {locating && <WhereIsMyData client={locating} />}
        <div className="button-row">
          <button type="button" className="button" onClick={() => setLocating(null)}>
            Close
          </button>
        </div>
      </Dialog>
    </section>
  );
}
