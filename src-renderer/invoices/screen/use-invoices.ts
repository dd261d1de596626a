/**
 * The invoice register (reports/invoice-register.ts) for the screens that show it: read once per
 * unlock, on the first screen that asks, and kept in the store; a failed read is said in words.
 */
import { useEffect } from 'react';
import { useStore } from '../../app/store.ts';
import type { RegisteredInvoice } from '../../reports/invoice-register.ts';
import { errorMessage } from '../../ui/error-message.ts';

/** The register, or null until it is read. */
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
