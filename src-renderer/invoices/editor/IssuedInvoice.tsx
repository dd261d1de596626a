/**
 * An issued invoice or credit note as it was sent: its lines and totals, the PDF and the XML kept
 * with it (saved to a file on request), and what happens next: paid (a date, which can be taken
 * back) or voided by a credit note (a numbered document of its own, so it cannot be undone).
 */
import { useId, useState } from 'react';
import { useStore } from '../../app/store.ts';
import type { Invoice } from '../../domain/invoice.ts';
import { saveExport } from '../../exports/save-export.ts';
import type { RegisteredInvoice } from '../../reports/invoice-register.ts';
import { IssueRefusedError } from '../../reports/invoice-lifecycle.ts';
import { formatMoney } from '../../reports/money.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { errorMessage } from '../../ui/error-message.ts';
import { formatCalendarDate } from '../../ui/format/dates.ts';
import { useRecordUndo } from '../../ui/use-undo.ts';
import { fromBase64 } from '../../vault/crypto/encoding.ts';
import { printedHours, printedItems } from '../document/quantities.ts';
import { InvoiceTotalsView } from './InvoiceTotalsView.tsx';
import { renderInvoice } from './render-invoice.ts';
import { LinesHead } from './LinesHead.tsx';
import { vatLabel } from './vat-label.ts';

function IssuedLines({ doc }: { doc: Invoice }) {
  return (
    <table className="list-table" aria-label="Invoice lines">
      <LinesHead />
      <tbody>
        {doc.lines.map((line) => (
          <tr key={line.id}>
            <td>{line.description}</td>
            <td className="num">
              {line.quantity.unit === 'hour' ? `${printedHours(line.quantity.billedMs, doc.hourStyle)} h` : printedItems(line.quantity.milli)}
            </td>
            <td className="num">{formatMoney(line.unitPriceMinor, doc.currency)}</td>
            <td>{vatLabel(line.vat)}</td>
            <td className="num">{formatMoney(line.netMinor, doc.currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function IssuedInvoice({
  entry,
  doc,
  today,
  onOpen,
  onBack,
}: {
  entry: RegisteredInvoice;
  doc: Invoice | undefined;
  today: string;
  onOpen: (key: string) => void;
  onBack: () => void;
}) {
  const id = useId();
  const client = useStore((s) => s.clients.find((c) => c.id === entry.clientId));
  const markPaid = useStore((s) => s.markPaid);
  const clearPaid = useStore((s) => s.clearPaid);
  const voidWithCreditNote = useStore((s) => s.voidWithCreditNote);
  const notify = useStore((s) => s.notify);
  const recordUndo = useRecordUndo();
  const [paidOn, setPaidOn] = useState(today);
  const [voidOn, setVoidOn] = useState(today);
  const [voiding, setVoiding] = useState(false);
  // One void or payment at a time: a second click must not issue a second credit note.
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const what = entry.kind === 'credit-note' ? 'Credit note' : 'Invoice';

  const save = async (kind: 'pdf' | 'xml') => {
    if (doc === undefined || client === undefined) return;
    const content = kind === 'pdf' ? fromBase64(doc.pdfBase64 ?? '') : doc.xml;
    if (content === undefined || content.length === 0) return setError(`The ${kind === 'pdf' ? 'PDF' : 'XML'} of ${entry.number} is not in the vault.`);
    try {
      const stem = `${entry.kind === 'credit-note' ? 'credit-note' : 'invoice'}-${entry.number}`;
      const path = await saveExport({ kind: kind === 'pdf' ? 'invoice-pdf' : 'invoice-xml', stem, content, clients: [client] });
      if (path) notify(`Saved ${path}`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const pay = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await markPaid(entry.key, paidOn);
      setError(null);
      recordUndo(`${what} ${entry.number} marked paid on ${formatCalendarDate(paidOn)}.`, {
        label: `marking ${entry.number} paid`,
        undo: async () => void (await clearPaid(entry.key)),
      });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const credit = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const { creditNote, unbilled } = await voidWithCreditNote(entry.key, voidOn, renderInvoice);
      setVoiding(false);
      notify(
        `Invoice ${entry.number} is void: credit note ${creditNote.number ?? ''} issued; ${unbilled} item${unbilled === 1 ? '' : 's'} unbilled and editable again.`,
      );
      onOpen(`invoice/${creditNote.id}`);
    } catch (e) {
      setVoiding(false);
      setError(e instanceof IssueRefusedError ? e.problems.join(' ') : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const status =
    entry.status === 'void'
      ? `Void since ${entry.voidedOn === undefined ? 'an earlier day' : formatCalendarDate(entry.voidedOn)}`
      : entry.paidOn !== undefined
        ? `Paid ${formatCalendarDate(entry.paidOn)}`
        : entry.kind === 'credit-note'
          ? 'Issued'
          : `Open${entry.dueDate === undefined ? '' : `, due ${formatCalendarDate(entry.dueDate)}`}`;

  return (
    <div className="issued-invoice">
      <div className="draft-header">
        <h2>
          {what} {entry.number} · {client?.name ?? 'a client not on this device'}
        </h2>
        <button type="button" className="button" onClick={onBack}>
          Back to invoices
        </button>
      </div>
      <p>
        Issued {formatCalendarDate(entry.issueDate)} · <strong>{status}</strong>
        {doc?.creditFor && ` · credits invoice ${doc.creditFor.number} of ${formatCalendarDate(doc.creditFor.issueDate)}`}
      </p>
      {doc && (
        <p className="muted">
          To {doc.buyer.legalName}
          {doc.buyer.vatId ? `, VAT ${doc.buyer.vatId}` : ''} · from {doc.seller.legalName}
          {doc.fixedRate ? ` · 1 ${doc.currency} = ${doc.fixedRate.rate} ${doc.fixedRate.homeCurrency}` : ''}
        </p>
      )}
      {doc === undefined ? (
        <p className="muted">
          {client === undefined
            ? 'Its document is kept with its client, which is not on this device.'
            : 'Issued before Caravan kept invoice documents: only its number, date and total are recorded.'}{' '}
          Total {entry.totals.map(([c, m]) => formatMoney(m, c)).join(' + ')}.
        </p>
      ) : (
        <>
          <IssuedLines doc={doc} />
          <InvoiceTotalsView lines={doc.lines} currency={doc.currency} fixedRate={doc.fixedRate} />
          <div className="button-row">
            <button type="button" className="button" onClick={() => void save('pdf')}>
              Save PDF…
            </button>
            <button type="button" className="button" onClick={() => void save('xml')}>
              Save e-invoice (XML)…
            </button>
          </div>
        </>
      )}
      {entry.kind !== 'credit-note' && entry.status === 'issued' && (
        <div className="button-row lifecycle-actions">
          {entry.paidOn === undefined ? (
            <div className="field-group">
              <label htmlFor={`${id}-paid`}>Paid on</label>
              <span className="inline-row">
                <input autoComplete="off" id={`${id}-paid`} type="date" value={paidOn} onChange={(e) => setPaidOn(e.target.value)} />
                <button type="button" className="button" disabled={busy} onClick={() => void pay()}>
                  Mark paid
                </button>
              </span>
            </div>
          ) : (
            <button type="button" className="button" onClick={() => void clearPaid(entry.key).catch((e: unknown) => setError(errorMessage(e)))}>
              Not paid after all
            </button>
          )}
          {doc !== undefined && (
            <button type="button" className="button danger" onClick={() => setVoiding(true)}>
              Void with a credit note…
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <Dialog title={`Void invoice ${entry.number}?`} open={voiding} onClose={() => setVoiding(false)}>
        <p>
          A credit note is issued for the whole invoice, with its own number; the invoice stays in your records as void and what it billed becomes unbilled
          again. A credit note is a document you send: it cannot be undone.
        </p>
        <div className="field-group">
          <label htmlFor={`${id}-void`}>Credit note date</label>
          <input autoComplete="off" id={`${id}-void`} type="date" value={voidOn} onChange={(e) => setVoidOn(e.target.value)} />
        </div>
        <div className="button-row">
          <button type="button" className="button" autoFocus onClick={() => setVoiding(false)}>
            Keep the invoice
          </button>
          <button type="button" className="button danger" disabled={busy} onClick={() => void credit()}>
            Issue credit note
          </button>
        </div>
      </Dialog>
    </div>
  );
}
