/**
 * A draft invoice for one client from unbilled billable time (hourly projects) and unbilled
 * pass-through expenses. The draft is a preview: nothing is numbered or marked. "Issue invoice"
 * numbers it, saves the PDF, and only then records the invoice in the register and marks what it
 * bills as billed (billing-slice.ts), so a cancelled save bills nothing. Issued invoices are
 * listed below with Void (InvoiceList.tsx).
 */
import { useId, useMemo, useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import { draftInvoice, nextInvoiceNumber } from '../playbook/invoice.ts';
import { invoicePdf, replacedWarning } from '../playbook/pdf-document.ts';
import { countOf } from '../ui/format/plural.ts';
import { formatIsoDate, zonedDate } from '../time/zoned-time.ts';
import { formatMoney } from './money.ts';
import { formatHours } from '../time/format.ts';
import { saveExport } from '../exports/save-export.ts';
import { errorMessage } from '../ui/error-message.ts';
import { useLoaded } from '../ui/use-loaded.ts';
import { InvoiceList, useInvoices } from './InvoiceList.tsx';
import { BillingIncompleteError } from './billing-slice.ts';

const LAST_NUMBER = 'invoice.lastNumber';
const SELLER = 'invoice.seller';

export function InvoiceForm({ zone, now, onDone }: { zone: string; now: number; onDone: () => void }) {
  const clients = useStore((s) => s.clients);
  const projects = useStore((s) => s.projects);
  const blocks = useStore((s) => s.blocks);
  const expenses = useStore((s) => s.expenses);
  const complete = useStore((s) => s.blocksComplete);
  const readSetting = useStore((s) => s.readSetting);
  const writeSetting = useStore((s) => s.writeSetting);
  const issueInvoice = useStore((s) => s.issueInvoice);
  const invoices = useInvoices();
  const notify = useStore((s) => s.notify);
  const [clientId, setClientId] = useState(clients.find((c) => !c.archived)?.id ?? '');
  // What the person typed overrides the seller kept from the last invoice; until then that shows.
  const [nameTyped, setSellerName] = useState<string | null>(null);
  const [addressTyped, setSellerAddress] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const kept = useLoaded(async () => {
    const seller = (await readSetting(SELLER)) as { name?: unknown; address?: unknown } | undefined;
    return { name: typeof seller?.name === 'string' ? seller.name : '', address: typeof seller?.address === 'string' ? seller.address : '' };
  }, [readSetting]);
  const sellerName = nameTyped ?? kept.value?.name ?? '';
  const sellerAddress = addressTyped ?? kept.value?.address ?? '';

  const client = clients.find((c) => c.id === clientId);
  const issueDate = formatIsoDate(zonedDate(now, zone));
  const draft = useMemo(
    () => (client ? draftInvoice({ client, projects, blocks, expenses, number: 'DRAFT', issueDate }) : null),
    [client, projects, blocks, expenses, issueDate],
  );

  const issue = async () => {
    if (!client || !draft) return;
    if (sellerName.trim() === '') return setError('Add your name or business name: it goes at the top of the invoice.');
    setBusy(true);
    setError(null);
    try {
      const number = await nextNumber();
      const invoice = draftInvoice({ client, projects, blocks, expenses, number, issueDate });
      const pdf = await invoicePdf(invoice, { seller: { name: sellerName.trim(), ...(sellerAddress.trim() ? { address: sellerAddress.trim() } : {}) } });
      const path = await saveExport({ kind: 'invoice-pdf', stem: `invoice-${number}`, content: pdf.bytes, clients: [client] });
      if (!path) return setBusy(false);
      try {
        await issueInvoice({
          number,
          clientId: client.id,
          issueDate,
          blockIds: [...invoice.blockIds],
          expenseIds: [...invoice.expenseIds],
          totals: [...invoice.totals.entries()],
        });
      } catch (e) {
        // A file with this number exists now: the number is spent, so two files never share one.
        await writeSetting(LAST_NUMBER, number).catch(() => undefined);
        // Issued, with marks left for the next load to complete from the register: keep the file.
        if (e instanceof BillingIncompleteError) throw new Error(`${path} was saved. ${e.message}`, { cause: e });
        // The slice's refusals already say "Invoice N was not issued…"; say it once.
        const why = errorMessage(e);
        const notIssued = why.startsWith(`Invoice ${number} was not issued`) ? why : `Invoice ${number} was not issued: ${why}`;
        throw new Error(`${path} was saved. ${notIssued} Delete that file; the number ${number} will not be used again.`, { cause: e });
      }
      await writeSetting(LAST_NUMBER, number);
      await writeSetting(SELLER, { name: sellerName.trim(), address: sellerAddress.trim() });
      const marked = invoice.blockIds.length + invoice.expenseIds.length;
      const drawn = replacedWarning(pdf.replacedCharacters);
      notify(`Invoice ${number} issued and saved; ${countOf(marked, 'item')} marked billed.${drawn ? ` ${drawn}` : ''}`, drawn ? { tone: 'error' } : {});
      setBusy(false);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  /** After the last number used, in the setting or in the register (a number is never reused, even void). */
  const nextNumber = async () => {
    const year = Number(issueDate.slice(0, 4));
    const previous = await readSetting(LAST_NUMBER);
    let number = nextInvoiceNumber(typeof previous === 'string' ? previous : undefined, year);
    const used = new Set((invoices ?? []).map((r) => r.number));
    while (used.has(number)) number = nextInvoiceNumber(number, year);
    return number;
  };

  if (!complete) return <p className="muted">Reading older blocks… the draft needs every unbilled block.</p>;
  return (
    <div className="entity-form">
      <div className="form-grid">
        <div className="field-group">
          <label htmlFor={`${id}-client`}>Client</label>
          <select autoComplete="off" id={`${id}-client`} value={clientId} onChange={(e) => setClientId(e.target.value)}>
            {clients
              .filter((c) => !c.archived)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </select>
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-seller`}>From (your name or business)</label>
          <input id={`${id}-seller`} value={sellerName} onChange={(e) => setSellerName(e.target.value)} autoComplete="off" />
        </div>
      </div>
      <div className="field-group">
        <label htmlFor={`${id}-address`}>Your address</label>
        <textarea autoComplete="off" id={`${id}-address`} rows={2} value={sellerAddress} onChange={(e) => setSellerAddress(e.target.value)} />
      </div>
      {draft && draft.lines.length === 0 ? (
        <p className="muted">Nothing unbilled for {client?.name}: no billable time on hourly projects and no pass-through expenses waiting.</p>
      ) : (
        draft && (
          <table className="list-table" aria-label="Invoice lines">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {draft.lines.map((line, index) => (
                <tr key={index}>
                  <td>
                    {line.kind === 'time'
                      ? `${line.description} · ${formatHours(line.billableMs)} at ${formatMoney(line.unitPriceMinor, line.currency)}/h`
                      : line.description}
                  </td>
                  <td className="num">{formatMoney(line.amountMinor, line.currency)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {[...draft.totals.entries()].map(([currency, minor]) => (
                <tr key={currency}>
                  <th scope="row">Total {currency}</th>
                  <td className="num">{formatMoney(minor, currency)}</td>
                </tr>
              ))}
            </tfoot>
          </table>
        )
      )}
      {draft?.skipped.map((s) => (
        <p key={s.reason} className="field-hint">
          {s.reason}
        </p>
      ))}
      {draft && draft.lines.length > 0 && (
        <p className="field-hint">
          This is a draft: nothing is numbered or marked billed yet. Issue invoice numbers it, saves the PDF and marks this time and these expenses billed,
          which locks them until the invoice is voided.
        </p>
      )}
      <FormError message={error} />
      <div className="button-row">
        <button type="button" className="button primary" disabled={busy || !draft || draft.lines.length === 0} onClick={() => void issue()}>
          Issue invoice
        </button>
        <button type="button" className="button" onClick={onDone}>
          Close
        </button>
      </div>
      {client && <InvoiceList clientId={client.id} today={issueDate} />}
    </div>
  );
}
