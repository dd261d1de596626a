/** The receipt shown after an erasure, with a button to save it as Markdown. */
import { useState } from 'react';
import { ActionStatus } from '../app/ActionStatus.tsx';
import { formatInstant } from '../ui/format/dates.ts';
import { saveExport } from '../exports/save-export.ts';
import {
  auditText,
  ERASED_KINDS,
  ERASURE_SCOPE,
  erasureReceiptMarkdown,
  invoicesText,
  remoteCopiesText,
  targetOutcome,
  totalRows,
  utcTime,
  type ErasureReceipt,
} from './erasure-receipt.ts';
import { gdprErrorMessage, gdprFileStem } from './gdpr-files.ts';

export function ErasureReceiptPanel({ receipt, onClose }: { receipt: ErasureReceipt; onClose: () => void }) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const local = formatInstant(receipt.erasedAt);

  const save = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      // The client is erased: no data of it is left to keep on this device, so none is named here.
      const path = await saveExport({
        kind: 'erasure-receipt-md',
        stem: gdprFileStem('erasure-receipt', receipt.erasedAt),
        content: erasureReceiptMarkdown(receipt),
        clients: [],
      });
      setDone(path ? `Receipt saved to ${path}.` : 'Cancelled: the receipt was not saved. It is shown here until you close this.');
    } catch (e) {
      setError(gdprErrorMessage(e, 'The receipt was not saved; check the folder you chose and try again.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="gdpr-panel erasure-receipt">
      <p role="status">
        <strong>{receipt.clientName}</strong> is erased on this device.
      </p>
      <dl className="facts">
        <dt>Client id</dt>
        <dd>
          <code>{receipt.clientId}</code>
        </dd>
        <dt>Erased at</dt>
        <dd>
          {local} ({utcTime(receipt.erasedAt)})
        </dd>
        <dt>Data key</dt>
        <dd>Destroyed</dd>
        <dt>Audit log</dt>
        <dd className={receipt.auditProblem === undefined ? undefined : 'form-error'}>{auditText(receipt.auditProblem)}</dd>
      </dl>
      <table className="list-table" aria-label="Rows deleted on this device">
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              Rows deleted
            </th>
          </tr>
        </thead>
        <tbody>
          {ERASED_KINDS.map(([kind, label]) => (
            <tr key={kind}>
              <th scope="row">{label}</th>
              <td className="num">{receipt.rows[kind]}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num">{totalRows(receipt.rows)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="small muted">Counted before the erasure. Rows include markers of records deleted earlier, which are kept for sync.</p>
      <h3>Invoices</h3>
      <p>{invoicesText(receipt.invoicesAnonymised)}</p>
      <h3>Copies elsewhere</h3>
      <p>{remoteCopiesText(receipt.heldOn)}</p>
      {receipt.heldOn && receipt.heldOn.length > 0 && (
        <ul aria-label="Copies on sync targets">
          {receipt.heldOn.map((t) => (
            <li key={t.id}>{targetOutcome(t)}</li>
          ))}
        </ul>
      )}
      <p className="small">{ERASURE_SCOPE}</p>
      <ActionStatus done={done} error={error} />
      <div className="button-row">
        <button type="button" className="button primary" disabled={busy} onClick={() => void save()}>
          Save receipt
        </button>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
