/**
 * The Reports screen's section on invoices: the register and the issued documents this device
 * holds, turned into one fact per entry (invoice-report-facts.ts), reported in the business
 * profile's home currency. The reports themselves are pure and take the facts as props.
 */
import { useMemo } from 'react';
import { useStore } from '../app/store.ts';
import { useInvoiceProfile } from '../invoices/editor/use-invoice-context.ts';
import { InvoiceReports } from '../invoices/reports/InvoiceReports.tsx';
import { useInvoices } from '../invoices/screen/use-invoices.ts';
import { reportFacts } from './invoice-report-facts.ts';

export function InvoiceReportsSection({ today }: { today: string }) {
  const register = useInvoices();
  const docs = useStore((s) => s.invoiceDocs);
  const clients = useStore((s) => s.clients);
  const navigate = useStore((s) => s.navigate);
  const profile = useInvoiceProfile();
  const facts = useMemo(() => reportFacts(register ?? [], docs ?? []), [register, docs]);

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
