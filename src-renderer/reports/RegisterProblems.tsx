/**
 * What the reconciliation of the billed marks with the invoice register could not repair, in
 * words (register-reconcile.ts), and the one decision it leaves to the person: records marked
 * billed that no invoice here bills can be unbilled, once they say none of their invoices does.
 */
import { useState } from 'react';
import { useStore } from '../app/store.ts';
import { errorMessage } from '../ui/error-message.ts';

export function RegisterProblems() {
  const problems = useStore((s) => s.registerProblems);
  const stray = useStore((s) => s.billedWithoutInvoice);
  const unbill = useStore((s) => s.unbillWithoutInvoice);
  const notify = useStore((s) => s.notify);
  const [busy, setBusy] = useState(false);
  const count = stray.blockIds.length + stray.expenseIds.length;
  if (problems.length === 0 && count === 0) return null;

  const run = async () => {
    setBusy(true);
    try {
      const changed = await unbill();
      notify(`${changed} record${changed === 1 ? '' : 's'} unbilled; ${changed === 1 ? 'it is' : 'they are'} editable and can go on a new invoice.`);
    } catch (error) {
      notify(errorMessage(error), { tone: 'error' });
    }
    setBusy(false);
  };

  return (
    <div role="status">
      {problems.map((problem) => (
        <p key={problem} className="warn">
          {problem}
        </p>
      ))}
      {count > 0 && (
        <button type="button" className="button" disabled={busy} onClick={() => void run()}>
          Unbill {count === 1 ? 'this record' : `these ${count} records`}
        </button>
      )}
    </div>
  );
}
