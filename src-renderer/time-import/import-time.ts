/**
 * The import's one write, below the dialog: refused whole while any row has an error (an import
 * missing a row would count that row as imported forever after); otherwise the plan becomes new
 * clients, new projects and blocks, written in one transaction (vault/repos/imported-work.ts).
 */
import { errorMessage } from '../ui/error-message.ts';
import type { ImportedWork, ImportedWorkResult } from '../vault/repos/imported-work.ts';
import type { TimePlan } from './plan.ts';
import type { TimeSource } from './time-mapping.ts';

export type TimeImportOutcome = { readonly ok: true; readonly added: number; readonly skipped: number } | { readonly ok: false; readonly message: string };

/** The records a plan writes; `newId` names the clients and projects it creates. */
export function workOfPlan(plan: TimePlan, source: TimeSource, newId: () => string): ImportedWork {
  const clientIds = new Map(plan.newClients.map((c) => [c.key, newId()]));
  const clientOf = (ref: { id: string } | { newKey: string }) => ('id' in ref ? ref.id : clientIds.get(ref.newKey)!);
  const projectIds = new Map(plan.newProjects.map((p) => [p.key, newId()]));
  return {
    clients: plan.newClients.map((c) => ({
      id: clientIds.get(c.key)!,
      name: c.name,
      country: c.country,
      timeZone: c.timeZone,
      currency: c.currency,
      defaultRateMinor: 0,
      // The strictest policy, as for a client created by hand: nothing leaves the device until the person chooses.
      residency: { kind: 'device-only' },
    })),
    projects: plan.newProjects.map((p) => {
      const client = plan.newClients.find((c) => 'newKey' in p.client && c.key === p.client.newKey);
      const currency = p.currency ?? client?.currency;
      return {
        id: projectIds.get(p.key)!,
        clientId: clientOf(p.client),
        name: p.name,
        ...(currency ? { currency } : {}),
        // The file's rate when it gives one in the project's currency; else the client's default.
        ...(p.rateMinor !== null && p.currency !== null ? { billing: { kind: 'hourly' as const, rateMinor: p.rateMinor } } : {}),
      };
    }),
    blocks: plan.blocks.map((b) => ({
      projectId: 'id' in b.project ? b.project.id : projectIds.get(b.project.newKey)!,
      start: b.start,
      end: b.end,
      zone: b.zone,
      kind: 'deep' as const,
      billable: b.billable,
      note: b.note,
      imported: { source, key: b.key },
    })),
  };
}

export interface TimeImportDeps {
  readonly write: (work: ImportedWork) => Promise<ImportedWorkResult>;
  readonly newId: () => string;
}

export async function importTime(deps: TimeImportDeps, plan: TimePlan, source: TimeSource): Promise<TimeImportOutcome> {
  if (plan.errorCount > 0) {
    return {
      ok: false,
      message: `${plan.errorCount} ${plan.errorCount === 1 ? 'row has an error' : 'rows have errors'}, so nothing was imported. Correct the file and choose it again.`,
    };
  }
  if (plan.blocks.length === 0) return { ok: true, added: 0, skipped: plan.skipped };
  try {
    const result = await deps.write(workOfPlan(plan, source, deps.newId));
    return { ok: true, added: result.blocks.length, skipped: plan.skipped + result.skipped };
  } catch (e) {
    return { ok: false, message: `Nothing was imported: ${errorMessage(e)}` };
  }
}
