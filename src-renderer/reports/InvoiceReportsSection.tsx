/**
 * The Reports screen's section on invoices: the register and the issued documents this device
 * holds, turned into one fact per entry (invoices/reports/invoice-facts.ts), reported in the
 * business profile's home currency. The reports themselves are pure and take the facts as props.
 */
import { useMemo } from 'react';
import { useStore } from '../app/store.ts';
import { useInvoiceProfile } from '../invoices/editor/use-invoice-context.ts';
import { invoiceFacts } from '../invoices/reports/invoice-facts.ts';
import { InvoiceReports } from '../invoices/reports/InvoiceReports.tsx';
import { useInvoices } from '../invoices/screen/use-invoices.ts';
import { registerKey } from './invoice-register.ts';

export function InvoiceReportsSection({ today }: { today: string }) {
  const register = useInvoices();
  const docs = useStore((s) => s.invoiceDocs);
  const clients = useStore((s) => s.clients);
  const navigate = useStore((s) => s.navigate);
  const profile = useInvoiceProfile();
  const facts = useMemo(() => {
    // Only an issued document is what was sent; a draft under the same id is not.
    const issued = new Map((docs ?? []).filter((d) => d.state === 'issued').map((d) => [registerKey(d.id), d]));
    return (register ?? []).map((entry) => invoiceFacts(entry, issued.get(entry.key)));
  }, [register, docs]);

  if (register === null || profile.kind === 'loading') return <p className="muted">Reading your invoices…</p>;
  if (profile.kind === 'missing') {
    if (facts.length === 0) return null;
    return (
      <section aria-labelledby="invoice-reports-title">
        <h2 id="invoice-reports-title">Reports on invoices</h2>
        <p>Reports on invoices are in your home currency, which your business profile names. {profile.problem}</p>
        <button type="button" className="button" onClick={() => navigate('settings')}>
          Fill in your business profile
        </button>
      </section>
    );
  }
  return <InvoiceReports facts={facts} homeCurrency={profile.profile.homeCurrency} today={today} clients={clients} />;
}
