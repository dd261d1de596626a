/**
 * What the reconciliation of the billed marks with the invoice register could not repair, in
 * words (register-reconcile.ts), and the one decision it leaves to the person: records marked
 * billed that no invoice here bills can be unbilled, once they say none of their invoices does.
 * Shown on the Invoices screen for the client chosen there, it lists and unbills that client's records only, each with
 * its day, project and duration or amount, so nobody unbills what they were not shown.
 */
import { useMemo, useState } from 'react';
import { useStore } from '../app/store.ts';
import { errorMessage } from '../ui/error-message.ts';
import { strayRecordsOf } from './stray-records.ts';

export function RegisterProblems({ clientId }: { clientId: string }) {
  const problems = useStore((s) => s.registerProblems);
  const stray = useStore((s) => s.billedWithoutInvoice);
  const blocks = useStore((s) => s.blocks);
  const expenses = useStore((s) => s.expenses);
  const projects = useStore((s) => s.projects);
  const {
    rows: listed,
    ids,
    elsewhere,
  } = useMemo(() => strayRecordsOf(clientId, stray, blocks, expenses, projects), [clientId, stray, blocks, expenses, projects]);
  const unbill = useStore((s) => s.unbillWithoutInvoice);
  const notify = useStore((s) => s.notify);
  const [busy, setBusy] = useState(false);
  const count = listed.length;
  if (problems.length === 0 && count === 0) return null;

  const run = async () => {
    setBusy(true);
    try {
      const changed = await unbill(ids);
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
        <>
          <table className="list-table" aria-label="Billed by no invoice in this vault">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Project</th>
                <th scope="col" className="num">
                  Time or amount
                </th>
              </tr>
            </thead>
            <tbody>
              {listed.map((row) => (
                <tr key={row.id}>
                  <td>{row.date}</td>
                  <td>{row.project}</td>
                  <td className="num">{row.kind === 'block' ? row.what : `${row.what} (expense)`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="button" disabled={busy} onClick={() => void run()}>
            Unbill {count === 1 ? 'this record' : `these ${count} records`}
          </button>
        </>
      )}
      {elsewhere > 0 && (
        <p className="field-hint">
          {elsewhere === 1 ? '1 more record billed by no invoice belongs' : `${elsewhere} more records billed by no invoice belong`} to other clients; choose a
          client above to see them.
        </p>
      )}
    </div>
  );
}
