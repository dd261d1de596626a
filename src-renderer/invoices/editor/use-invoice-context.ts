/**
 * What the invoice editor drafts from: the business profile (with the reason in words when there
 * is none yet) and the client's records in the store. Issued lines of
 * the client's invoices that are not void are passed too: milestones, fees and retainer months
 * are billed once by being on one of them.
 */
import { useMemo } from 'react';
import { useStore } from '../../app/store.ts';
import type { BusinessProfile } from '../../domain/business-profile.ts';
import { registerKey } from '../../reports/invoice-register.ts';
import { profileProblem } from '../profile/read-profile.ts';
import { useBusinessProfile } from '../profile/use-business-profile.ts';
import type { DraftSource } from '../document/types.ts';

export type EditorProfile = { kind: 'loading' } | { kind: 'ready'; profile: BusinessProfile } | { kind: 'missing'; problem: string };

/** The business profile for the invoice screens: ready, or why not in words. */
export function useInvoiceProfile(): EditorProfile {
  const [state] = useBusinessProfile();
  if (state.kind === 'loading' || state.kind === 'ready') return state;
  return { kind: 'missing', problem: profileProblem(state) };
}

/** The records a draft of `clientId` is built from, or null while the client is not in the store. */
export function useDraftSource(profile: BusinessProfile | null, clientId: string): DraftSource | null {
  const client = useStore((s) => s.clients.find((c) => c.id === clientId));
  const projects = useStore((s) => s.projects);
  const phases = useStore((s) => s.phases);
  const blocks = useStore((s) => s.blocks);
  const expenses = useStore((s) => s.expenses);
  const docs = useStore((s) => s.invoiceDocs);
  const register = useStore((s) => s.invoices);
  return useMemo(() => {
    if (profile === null || client === undefined) return null;
    const open = new Set((register ?? []).filter((r) => r.status === 'issued' && r.kind !== 'credit-note').map((r) => r.key));
    const issuedLines = (docs ?? []).filter((d) => d.clientId === clientId && d.state === 'issued' && open.has(registerKey(d.id))).flatMap((d) => d.lines);
    const own = <T extends { clientId: string }>(list: readonly T[]) => list.filter((r) => r.clientId === clientId);
    return { profile, client, projects: own(projects), phases: own(phases), blocks: own(blocks), expenses: own(expenses), issuedLines };
  }, [profile, client, clientId, projects, phases, blocks, expenses, docs, register]);
}
