/**
 * Reports on invoices: revenue per month in the home currency, unpaid and overdue, the VAT summary
 * per quarter and the EU sales list, each with its CSV export. Takes the facts (one per register
 * entry, with its document where this device holds it) as props: the Reports screen reads the
 * register and the documents and passes them in.
 */
import { Download } from 'lucide-react';
import { useMemo, useState, type ReactNode } from 'react';
import type { Client } from '../../domain/client.ts';
import { saveExport, type ExportFile } from '../../exports/save-export.ts';
import { errorMessage } from '../../ui/error-message.ts';
import { formatCalendarDate } from '../../ui/format/index.ts';
import { euSalesList } from './eu-sales-list.ts';
import { countsAsSale, type InvoiceFacts } from './invoice-facts.ts';
import { EuSalesTable, NotConvertedNote, RevenueTable, UnpaidTable, VatSummaryTable } from './InvoiceReportTables.tsx';
import { euSalesCsv, revenueCsv, unpaidCsv, vatSummaryCsv } from './reports-csv.ts';
import { revenueByMonth } from './revenue.ts';
import { isOpenOn, unpaidReport } from './unpaid.ts';
import { vatSummary } from './vat-summary.ts';

export interface InvoiceReportsProps {
  facts: readonly InvoiceFacts[];
  /** The business profile's home currency. */
  homeCurrency: string;
  /** Today on the person's calendar (YYYY-MM-DD): unpaid and overdue are as of this day. */
  today: string;
  /** The clients the facts name, for the export's device-only question. */
  clients: readonly Pick<Client, 'id' | 'name' | 'residency'>[];
  /** Saves an export; the app's export path unless a test passes its own. */
  save?: (file: ExportFile) => Promise<string | null>;
}

type Status = { tone: 'done' | 'error'; text: string };

function Section({ title, onExport, canExport, children }: { title: string; onExport: () => void; canExport: boolean; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <p>
        <button type="button" className="button" disabled={!canExport} onClick={onExport} aria-label={`Export CSV: ${title}`}>
          <Download aria-hidden size={16} /> Export CSV
        </button>
      </p>
      {children}
    </section>
  );
}

const numbers = (items: readonly { number: string }[]) => items.map((i) => i.number).join(', ');

export function InvoiceReports({ facts, homeCurrency, today, clients, save = saveExport }: InvoiceReportsProps) {
  const revenue = useMemo(() => revenueByMonth(facts, homeCurrency), [facts, homeCurrency]);
  const unpaid = useMemo(() => unpaidReport(facts, today), [facts, today]);
  const vat = useMemo(() => vatSummary(facts, homeCurrency), [facts, homeCurrency]);
  const eu = useMemo(() => euSalesList(facts, homeCurrency), [facts, homeCurrency]);
  const [status, setStatus] = useState<Status | null>(null);

  const exportCsv = async (title: string, stem: string, content: string, inFile: readonly InvoiceFacts[]) => {
    const ids = new Set(inFile.map((f) => f.clientId));
    try {
      const path = await save({ kind: 'report-csv', stem: `caravan-${stem}-${today}`, content, clients: clients.filter((c) => ids.has(c.id)) });
      if (path !== null) setStatus({ tone: 'done', text: `${title} exported.` });
    } catch (error) {
      setStatus({ tone: 'error', text: `${title} was not exported: ${errorMessage(error)}` });
    }
  };
  const sales = facts.filter(countsAsSale);

  return (
    <section aria-labelledby="invoice-reports-title">
      <h2 id="invoice-reports-title">Reports on invoices</h2>
      {status !== null && (
        <p role={status.tone === 'error' ? 'alert' : 'status'} className={status.tone === 'error' ? 'warn' : undefined}>
          {status.text}
        </p>
      )}
      <Section
        title="Revenue per month"
        canExport={revenue.months.length > 0}
        onExport={() => void exportCsv('Revenue per month', 'revenue', revenueCsv(revenue), sales)}
      >
        <p className="field-hint">Invoices minus credit notes, by issue month, in {homeCurrency}; each invoice at the exchange rate fixed on it.</p>
        <RevenueTable report={revenue} />
        <NotConvertedNote items={revenue.notConverted} homeCurrency={homeCurrency} />
      </Section>
      <Section
        title="Unpaid and overdue"
        canExport={unpaid.open.length > 0}
        onExport={() =>
          void exportCsv(
            'Unpaid and overdue',
            'unpaid',
            unpaidCsv(unpaid),
            facts.filter((f) => isOpenOn(f, today)),
          )
        }
      >
        <p className="field-hint">As of {formatCalendarDate(today)}, oldest due first, in each invoice’s currency.</p>
        <UnpaidTable report={unpaid} />
      </Section>
      <Section
        title="VAT summary per quarter"
        canExport={vat.rows.length > 0}
        onExport={() =>
          void exportCsv(
            'VAT summary per quarter',
            'vat-summary',
            vatSummaryCsv(vat),
            sales.filter((f) => f.source === 'document'),
          )
        }
      >
        <p className="field-hint">By issue date; a credit note reduces the quarter it is dated in.</p>
        <VatSummaryTable summary={vat} />
        <NotConvertedNote items={vat.notConverted} homeCurrency={homeCurrency} />
        {vat.withoutDocument.length > 0 && (
          <p className="warn">Without a VAT breakdown on this device, so not in this summary: {numbers(vat.withoutDocument)}.</p>
        )}
      </Section>
      <Section
        title="EU sales list"
        canExport={eu.rows.length > 0}
        onExport={() =>
          void exportCsv(
            'EU sales list',
            'eu-sales-list',
            euSalesCsv(eu),
            sales.filter((f) => f.vat.some((v) => v.treatment === 'reverse-charge')),
          )
        }
      >
        <p className="field-hint">Reverse-charge sales per quarter and client VAT number, in {homeCurrency}, for the recapitulative statement.</p>
        <EuSalesTable list={eu} />
        <NotConvertedNote items={eu.notConverted} homeCurrency={homeCurrency} />
        {eu.withoutVatId.length > 0 && <p className="warn">Reverse charge without the client’s VAT number, so not listed: {numbers(eu.withoutVatId)}.</p>}
      </Section>
    </section>
  );
}
