/**
 * The guard that keeps another client's data out of an export. It refuses rather than filters
 * (unlike the weekly update, which ignores strangers): a foreign record here means the caller
 * gathered the wrong records, and a silently smaller export could hide that the same mistake
 * dropped some of this client's records too.
 *
 * A record belongs to the client when its `clientId` is the client's id and its `projectId` names
 * one of the projects passed in. Phase and experiment references must name a record passed in,
 * of the same project: the store refuses to delete a phase or experiment something points to, so
 * a reference to nothing means the caller left records out.
 */
import type { ClientRecords } from './export-document.ts';
import { ExportError, type ExportRecordKind } from './export-error.ts';

interface Owned {
  readonly id: string;
  readonly clientId: string;
  readonly projectId: string;
}

const STOPPED = 'Nothing was exported.';

function refuseDuplicates(kind: ExportRecordKind, records: readonly { readonly id: string }[]): void {
  const seen = new Set<string>();
  for (const { id } of records) {
    if (seen.has(id)) {
      throw new ExportError('duplicate-id', `The ${kind} ${id} was passed twice. ${STOPPED} Reload the client's records and try again.`, { kind, id });
    }
    seen.add(id);
  }
}

/** Throws an {@link ExportError} unless every record belongs to `records.client`. */
export function assertOneClient(records: ClientRecords): void {
  const clientId = records.client.id;
  const foreign = (kind: ExportRecordKind, id: string, why: string): ExportError =>
    new ExportError('foreign-record', `The export of client ${clientId} was stopped: ${kind} ${id} ${why}. ${STOPPED}`, { kind, id });

  refuseDuplicates('project', records.projects);
  refuseDuplicates('phase', records.phases);
  refuseDuplicates('time block', records.timeBlocks);
  refuseDuplicates('experiment', records.experiments);
  refuseDuplicates('expense', records.expenses);
  refuseDuplicates('kill switch', records.killSwitches);

  for (const p of records.projects) {
    if (p.clientId !== clientId) throw foreign('project', p.id, `belongs to client ${p.clientId}`);
  }
  const projectIds = new Set(records.projects.map((p) => p.id));
  const checkOwner = (kind: ExportRecordKind, r: Owned): void => {
    if (r.clientId !== clientId) throw foreign(kind, r.id, `belongs to client ${r.clientId}`);
    if (!projectIds.has(r.projectId)) throw foreign(kind, r.id, `belongs to project ${r.projectId}, which is not one of this client's projects`);
  };
  for (const r of records.phases) checkOwner('phase', r);
  for (const r of records.timeBlocks) checkOwner('time block', r);
  for (const r of records.experiments) checkOwner('experiment', r);
  for (const r of records.expenses) checkOwner('expense', r);
  for (const r of records.killSwitches) checkOwner('kill switch', r);
  // Invoices are not refused as duplicates: two devices may have used one number (the register reports it).
  for (const r of records.invoices) {
    if (r.clientId !== clientId) throw foreign('invoice', r.number, `belongs to client ${r.clientId}`);
  }
  refuseDuplicates('invoice', records.invoiceDocuments);
  for (const d of records.invoiceDocuments) {
    if (d.clientId !== clientId) throw foreign('invoice', d.id, `belongs to client ${d.clientId}`);
  }

  const phaseProject = new Map(records.phases.map((p) => [p.id, p.projectId]));
  const experimentProject = new Map(records.experiments.map((e) => [e.id, e.projectId]));
  const checkReference = (kind: ExportRecordKind, r: Owned, target: 'phase' | 'experiment', targetId: string | undefined): void => {
    if (targetId === undefined) return;
    const project = (target === 'phase' ? phaseProject : experimentProject).get(targetId);
    if (project === undefined) {
      throw new ExportError(
        'missing-reference',
        `The export of client ${clientId} is incomplete: ${kind} ${r.id} refers to ${target} ${targetId}, which was not passed in. ${STOPPED}`,
        { kind, id: r.id },
      );
    }
    if (project !== r.projectId) throw foreign(kind, r.id, `refers to ${target} ${targetId} of project ${project}, not of its own project ${r.projectId}`);
  };
  for (const b of records.timeBlocks) {
    checkReference('time block', b, 'phase', b.phaseId);
    checkReference('time block', b, 'experiment', b.experimentId);
  }
  for (const e of records.experiments) checkReference('experiment', e, 'phase', e.phaseId);
  for (const k of records.killSwitches) {
    checkReference('kill switch', k, 'experiment', k.trigger.kind === 'metric' ? k.trigger.experimentId : undefined);
  }
}
