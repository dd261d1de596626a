/**
 * Issue: the number it will take, asked once, then the lifecycle numbers it, keeps its PDF and XML
 * and marks what it bills. What cannot be issued is shown as the lifecycle said it, field by
 * field; nothing is written then. The draft is saved first, so what is issued is what is shown.
 */
import { useState } from 'react';
import { useStore } from '../../app/store.ts';
import type { BusinessProfile } from '../../domain/business-profile.ts';
import type { Invoice } from '../../domain/invoice.ts';
import { BillingIncompleteError } from '../../reports/billing-slice.ts';
import { IssueRefusedError } from '../../reports/invoice-lifecycle.ts';
import { registerKey } from '../../reports/invoice-register.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { errorMessage } from '../../ui/error-message.ts';
import { countOf } from '../../ui/format/plural.ts';
import { nextNumber } from '../numbering.ts';
import { renderInvoice } from './render-invoice.ts';
import { renderInvoicePdf } from '../output/invoice-pdf.ts';
import { replacedWarning } from '../../playbook/pdf-document.ts';

export function IssueDraftButton({
  doc,
  profile,
  blocking,
  flush,
  onIssued,
}: {
  doc: Invoice;
  profile: BusinessProfile;
  /** Problems that refuse the issue, in words. */
  blocking: readonly string[];
  flush: () => Promise<void>;
  onIssued: (key: string) => void;
}) {
  const register = useStore((s) => s.invoices);
  const issueDraft = useStore((s) => s.issueDraft);
  const notify = useStore((s) => s.notify);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<readonly string[]>([]);
  /** What the PDF could not draw as typed, in words ('' when it drew everything); null while it is made. */
  const [drawn, setDrawn] = useState<string | null>(null);
  const next = nextNumber(register ?? [], profile.invoiceSeries, Number(doc.issueDate.slice(0, 4)));
  const blocks = doc.lines.reduce((n, l) => n + l.blockIds.length, 0);
  const expenses = doc.lines.reduce((n, l) => n + l.expenseIds.length, 0);

  const open = () => {
    setRefused(blocking.length > 0 ? blocking : next.ok ? [] : [next.problem]);
    if (blocking.length > 0 || !next.ok) return;
    setAsking(true);
    setDrawn(null);
    // The PDF as it will be kept, to say before the issue (it cannot change after) what its font cannot draw.
    void renderInvoicePdf({ ...doc, state: 'issued', number: next.number }).then(
      (made) => setDrawn(made.ok ? replacedWarning(made.pdf.replacedCharacters) : made.problem),
      (error: unknown) => setDrawn(errorMessage(error)),
    );
  };
  const issue = async () => {
    setBusy(true);
    try {
      await flush();
      const { entry } = await issueDraft(doc.id, renderInvoice);
      setAsking(false);
      notify(`Invoice ${entry.number} issued; its PDF and e-invoice are kept with it.`);
      onIssued(entry.key);
    } catch (error) {
      setAsking(false);
      if (error instanceof IssueRefusedError) setRefused(error.problems);
      else if (error instanceof BillingIncompleteError) {
        notify(error.message, { tone: 'error' });
        onIssued(registerKey(doc.id));
      } else setRefused([errorMessage(error)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button primary" disabled={busy} onClick={open}>
        Issue invoice…
      </button>
      {refused.length > 0 && (
        <div className="form-error" role="alert">
          <p>The draft was not issued:</p>
          <ul>
            {refused.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <Dialog title={next.ok ? `Issue invoice ${next.number}?` : 'Issue invoice'} open={asking} onClose={() => setAsking(false)}>
        <p>
          It takes the number {next.ok ? next.number : ''}, dated {doc.issueDate}, and can no longer be changed: a mistake is put right with a credit note.
          {blocks + expenses > 0 && ` ${countOf(blocks, 'time block')} and ${countOf(expenses, 'expense')} are marked billed and locked.`}
        </p>
        {drawn && (
          <p className="warn" role="alert">
            {drawn}
          </p>
        )}
        <div className="button-row">
          <button type="button" className="button" autoFocus onClick={() => setAsking(false)}>
            Not yet
          </button>
          <button type="button" className="button primary" disabled={busy} onClick={() => void issue()}>
            Issue {next.ok ? next.number : ''}
          </button>
        </div>
      </Dialog>
    </>
  );
}
