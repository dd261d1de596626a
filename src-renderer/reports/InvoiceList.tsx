/**
 * Issued invoices of one client, newest first, with Void. Voiding keeps the number (as void, with
 * the day) and makes exactly what the invoice billed unbilled again; it can be undone like other
 * destructive actions (ui/undo-history.ts).
 */
import { useEffect, useState } from 'react';
import { useStore } from '../app/store.ts';
import { errorMessage } from '../ui/error-message.ts';
import { useRecordUndo } from '../ui/use-undo.ts';
import { formatMoney } from './money.ts';
import { billedItemsText, type RegisteredInvoice } from './invoice-register.ts';
import { RegisterProblems } from './RegisterProblems.tsx';

/** The register, read once per unlock. */
export function useInvoices(): RegisteredInvoice[] | null {
  const invoices = useStore((s) => s.invoices);
  const ready = useStore((s) => s.workspace.kind === 'ready');
  const load = useStore((s) => s.loadInvoices);
  const notify = useStore((s) => s.notify);
  useEffect(() => {
    if (ready && invoices === null) load().catch((error: unknown) => notify(`Could not read your invoices: ${errorMessage(error)}`, { tone: 'error' }));
  }, [ready, invoices, load, notify]);
  return invoices;
}

export function InvoiceList({ clientId, today }: { clientId: string; today: string }) {
  const invoices = useInvoices();
  const unreadable = useStore((s) => s.invoicesUnreadable);
  // The vault-wide words, and this client's stray records (RegisterProblems lists only those).
  const problems = useStore((s) => {
    const { blockIds, expenseIds } = s.billedWithoutInvoice;
    if (blockIds.length + expenseIds.length === 0) return s.registerProblems.length;
    const stray = new Set([...blockIds, ...expenseIds]);
    const own = (r: { id: string; clientId: string }) => r.clientId === clientId && stray.has(r.id);
    return s.registerProblems.length + s.blocks.filter(own).length + s.expenses.filter(own).length;
  });
  const voidInvoice = useStore((s) => s.voidInvoice);
  const unvoidInvoice = useStore((s) => s.unvoidInvoice);
  const notify = useStore((s) => s.notify);
  const recordUndo = useRecordUndo();
  const [confirming, setConfirming] = useState<string | null>(null);
  const own = (invoices ?? []).filter((r) => r.clientId === clientId).reverse();
  if (own.length === 0 && unreadable === 0 && problems === 0) return null;

  const runVoid = async (record: RegisteredInvoice) => {
    setConfirming(null);
    try {
      const count = await voidInvoice(record.key, today);
      recordUndo(`Invoice ${record.number} is void; ${count} item${count === 1 ? '' : 's'} unbilled and editable again.`, {
        label: `the void of invoice ${record.number}`,
        undo: () => unvoidInvoice(record.key),
      });
    } catch (error) {
      notify(errorMessage(error), { tone: 'error' });
    }
  };

  return (
    <section aria-label="Issued invoices">
      <h3>Issued invoices</h3>
      {unreadable > 0 && (
        <p className="warn">
          {unreadable === 1 ? '1 saved invoice entry' : `${unreadable} saved invoice entries`} could not be read and {unreadable === 1 ? 'is' : 'are'} not
          listed.
        </p>
      )}
      <RegisterProblems clientId={clientId} />
      <table className="list-table" aria-label="Issued invoices">
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Issued</th>
            <th scope="col">Bills</th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {own.map((r) => (
            <tr key={r.key}>
              <td>{r.number}</td>
              <td>{r.issueDate}</td>
              <td>{billedItemsText(r)}</td>
              <td className="num">{r.totals.map(([currency, minor]) => formatMoney(minor, currency)).join(' + ')}</td>
              <td>
                {r.status === 'void' ? (
                  `Void since ${r.voidedOn ?? 'an earlier day'}`
                ) : confirming === r.key ? (
                  <span role="group" aria-label={`Void invoice ${r.number}?`}>
                    <span className="field-hint">
                      Void {r.number}? It stays in your records as void and its number is not reused; {billedItemsText(r)} become unbilled. If the client
                      already has it, tell them it is cancelled.{' '}
                    </span>
                    <button type="button" className="button danger" onClick={() => void runVoid(r)}>
                      Void invoice {r.number}
                    </button>{' '}
                    <button type="button" className="button" autoFocus onClick={() => setConfirming(null)}>
                      Keep it
                    </button>
                  </span>
                ) : (
                  <>
                    Issued{' '}
                    <button type="button" className="link-button" onClick={() => setConfirming(r.key)}>
                      Void…
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
