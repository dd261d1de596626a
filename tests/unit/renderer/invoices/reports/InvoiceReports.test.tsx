// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ExportFile } from '../../../../../src-renderer/exports/save-export.ts';
import { InvoiceReports } from '../../../../../src-renderer/invoices/reports/InvoiceReports.tsx';
import { parseCsv } from '../../../../../src-renderer/reports/csv.ts';
import { formatMoney } from '../../../../../src-renderer/reports/money.ts';
import { HOME, workedExample } from './fixtures.ts';

const clients = ['de', 'fr', 'pl', 'ch', 'us'].map((c) => ({ id: `client-${c}`, name: `Client ${c}`, residency: { kind: 'device-only' as const } }));

afterEach(cleanup);

describe('InvoiceReports', () => {
  it('shows the four reports of the worked example', () => {
    render(<InvoiceReports facts={workedExample()} homeCurrency={HOME} today="2026-12-07" clients={clients} save={vi.fn()} />);

    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Revenue per month',
      'Unpaid and overdue',
      'VAT summary per quarter',
      'EU sales list',
    ]);
    const revenue = screen.getByRole('table', { name: 'Revenue per month' });
    const november = within(revenue).getByRole('row', { name: /Nov 2026/u });
    expect(within(november).getAllByText(formatMoney(319_500, 'EUR'))).toHaveLength(2);
    expect(within(revenue).getByRole('row', { name: /Total/u }).textContent).toContain(formatMoney(794_500, 'EUR'));
    expect(screen.getByText(/2026-0008 of .*: issued before invoices kept their exchange rate, in USD/u)).toBeTruthy();

    const unpaid = screen.getByRole('table', { name: 'Unpaid invoices' });
    const rows = within(unpaid).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.querySelector('th')?.textContent)).toEqual(['2026-0008', 'RE-2026-0005', 'RE-2026-0003', 'RE-2026-0004']);
    expect(rows[1]?.textContent).toContain('26 days overdue');
    expect(rows[2]?.textContent).toContain('Due in 3 days');
    expect(screen.getByRole('list', { name: 'Unpaid per currency' }).textContent).toContain(`CHF: ${formatMoney(420_000, 'CHF')} unpaid`);

    const vat = screen.getByRole('table', { name: 'VAT summary per quarter' });
    const q1 = within(vat).getByRole('row', { name: /Q1 2027/u });
    expect(q1.textContent).toContain('Outside the scope of EU VAT');
    expect(q1.textContent).toContain(formatMoney(-128_544, 'EUR'));
    expect(within(vat).getByRole('row', { name: /Domestic 19 %/u }).textContent).toContain(formatMoney(19_000, 'EUR'));

    const eu = screen.getByRole('table', { name: 'EU sales list' });
    expect(within(eu).getByRole('row', { name: /40303265045/u }).textContent).toContain('Société Lumière SAS');
    expect(within(eu).getByRole('row', { name: /5261040828/u }).textContent).toContain(formatMoney(80_000, 'EUR'));
  });

  it('says in words that there is nothing to show, and offers no empty export', () => {
    render(<InvoiceReports facts={[]} homeCurrency={HOME} today="2026-12-07" clients={[]} save={vi.fn()} />);
    expect(screen.getByText('No invoices issued yet, so no revenue to show.')).toBeTruthy();
    expect(screen.getByText(/Every invoice issued by .* is paid or void\./u)).toBeTruthy();
    expect(screen.getByText('No issued invoice documents yet, so no VAT to sum up.')).toBeTruthy();
    expect(screen.getByText('No reverse-charge sales to businesses in other EU countries.')).toBeTruthy();
    for (const button of screen.getAllByRole('button', { name: /^Export CSV: /u })) expect((button as HTMLButtonElement).disabled).toBe(true);
  });

  it('exports the EU sales list through the export path, naming only the clients in it', async () => {
    const save = vi.fn(async (_file: ExportFile) => '/home/jana/eu.csv');
    render(<InvoiceReports facts={workedExample()} homeCurrency={HOME} today="2026-12-07" clients={clients} save={save} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV: EU sales list' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('EU sales list exported.'));
    const file = save.mock.calls[0]?.[0];
    expect(file?.kind).toBe('report-csv');
    expect(file?.stem).toBe('caravan-eu-sales-list-2026-12-07');
    expect(file?.clients.map((c) => c.id).sort()).toEqual(['client-fr', 'client-pl']);
    expect(parseCsv(String(file?.content))).toContainEqual(['2026-Q4', 'PL', '5261040828', 'Łódź Analytics sp. z o.o.', '80000', 'EUR', '1']);
  });

  it('says in words when an export fails', async () => {
    const save = vi.fn(async () => {
      throw new Error('The disk is full.');
    });
    render(<InvoiceReports facts={workedExample()} homeCurrency={HOME} today="2026-12-07" clients={clients} save={save} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV: Revenue per month' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Revenue per month was not exported: The disk is full.'));
  });
});
