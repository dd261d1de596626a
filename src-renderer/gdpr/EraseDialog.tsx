/**
 * Erasing a client (Art. 17): says what will go, asks the person to type the client's name, and
 * erases on this device. Refused while the timer holds time of the client.
 */
import { useId, useMemo, useState } from 'react';
import { useStore } from '../app/store.ts';
import { ActionStatus } from '../app/ActionStatus.tsx';
import type { Client } from '../domain/client.ts';
import { repoContext } from '../vault/session/runtime.ts';
import { countClientRows } from './client-records.ts';
import { confirmsName, erasureBlocker } from './erasure-checks.ts';
import { ERASED_KINDS, type ErasureReceipt } from './erasure-receipt.ts';
import { gdprErrorMessage } from './gdpr-files.ts';
import { useLoaded } from '../ui/use-loaded.ts';
import { useEraseClient } from './use-erase-client.ts';

export function ErasePanel({
  client,
  onCancel,
  onExportFirst,
  onErased,
}: {
  client: Client;
  onCancel: () => void;
  onExportFirst: () => void;
  onErased: (receipt: ErasureReceipt) => void;
}) {
  const projects = useStore((s) => s.projects);
  const timer = useStore((s) => s.timer);
  const blocksComplete = useStore((s) => s.blocksComplete);
  const erase = useEraseClient();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const counted = useLoaded(() => countClientRows(repoContext(), client.id), [client.id]);
  const rows = counted.value ?? null;
  const shownError = error ?? (counted.status === 'failed' ? gdprErrorMessage(counted.error, 'Nothing was erased.') : null);

  const projectIds = useMemo(() => new Set(projects.filter((p) => p.clientId === client.id).map((p) => p.id)), [projects, client.id]);
  const blocker = erasureBlocker({ clientName: client.name, projectIds, timer, blocksComplete });
  const confirmed = confirmsName(typed, client.name);

  const run = async () => {
    if (!confirmed || blocker) return;
    setBusy(true);
    setError(null);
    const outcome = await erase(client);
    if (outcome.kind === 'erased') return onErased(outcome.receipt);
    setError(outcome.message);
    setBusy(false);
  };

  return (
    <form
      className="gdpr-panel"
      aria-label={`Erase ${client.name}`}
      autoComplete="off"
      onSubmit={(e) => {
        e.preventDefault();
        void run();
      }}
    >
      <p>
        This erases <strong>{client.name}</strong> on this device: Caravan destroys the client’s data key, so nothing encrypted under it can be read again, then
        deletes its rows:
      </p>
      {rows ? (
        <ul className="gdpr-summary" aria-label="What will be deleted">
          {ERASED_KINDS.filter(([kind]) => rows[kind] > 0).map(([kind, label]) => (
            <li key={kind}>
              {label}: {rows[kind]}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted" role="status">
          Counting {client.name}’s records…
        </p>
      )}
      <p>
        It cannot be undone. If the client asked for a copy of their data, export it first.{' '}
        <button type="button" className="link-button" onClick={onExportFirst}>
          Export first
        </button>
      </p>
      <p className="small muted">
        Caravan then deletes the client’s copies on your sync targets, and your other devices erase it at their next sync. A backup of this computer made
        earlier still holds the data. The receipt lists what was deleted where.
      </p>
      <div className="field-group">
        <label htmlFor={`${id}-confirm`}>Type {client.name} to confirm</label>
        {/* Focus goes to the confirmation: typing the name is the safeguard, and Enter does nothing until it matches. */}
        <input id={`${id}-confirm`} value={typed} autoFocus autoComplete="off" spellCheck={false} onChange={(e) => setTyped(e.target.value)} />
      </div>
      {blocker && (
        <p className="form-error" role="alert">
          {blocker}
        </p>
      )}
      <ActionStatus busy={busy ? `Erasing ${client.name}…` : null} error={shownError} />
      <div className="button-row">
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button danger" disabled={!confirmed || blocker !== null || busy}>
          Erase for good
        </button>
      </div>
    </form>
  );
}
