/**
 * What is wrong with the register as a whole, above the list: numbers missing or given twice in a
 * series and year (invoices/numbering.ts), entries this version cannot read, and what the billed
 * marks' reconciliation could not repair (reports/RegisterProblems.tsx, for the client chosen).
 */
import { useMemo } from 'react';
import { useStore } from '../../app/store.ts';
import type { BusinessProfile } from '../../domain/business-profile.ts';
import type { RegisteredInvoice } from '../../reports/invoice-register.ts';
import { RegisterProblems } from '../../reports/RegisterProblems.tsx';
import { checkNumbering } from '../numbering.ts';

export function RegisterHealth({ register, profile, clientId }: { register: readonly RegisteredInvoice[]; profile: BusinessProfile | null; clientId: string }) {
  const unreadable = useStore((s) => s.invoicesUnreadable);
  const numbering = useMemo(
    () => checkNumbering(register, profile === null ? [] : [profile.invoiceSeries, profile.creditNoteSeries]).flatMap((c) => c.problems),
    [register, profile],
  );
  return (
    <>
      {unreadable > 0 && (
        <p className="warn">
          {unreadable === 1 ? '1 saved invoice entry' : `${unreadable} saved invoice entries`} could not be read (written by a newer version of Caravan on
          another device) and {unreadable === 1 ? 'is' : 'are'} not listed; update Caravan here before issuing.
        </p>
      )}
      {numbering.length > 0 && (
        <section className="card" aria-label="Numbering">
          <h2>Numbering</h2>
          <ul>
            {numbering.map((p) => (
              <li key={p} className="warn">
                {p}
              </li>
            ))}
          </ul>
        </section>
      )}
      <RegisterProblems clientId={clientId} />
    </>
  );
}
