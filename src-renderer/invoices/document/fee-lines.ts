/**
 * Fixed and value projects: a fixed project's milestones (phases with `milestoneFeeMinor`), one
 * line each when the person chooses them; a fixed project without milestones, or a value project,
 * bills its whole fee as one `fee` line when chosen. Each is billed once: a milestone or fee on an
 * issued invoice that is not voided is no longer a candidate. Their time is not billed. Pure.
 */
import type { InvoiceLine } from '../../domain/invoice.ts';
import type { Phase } from '../../domain/phase.ts';
import type { Project } from '../../domain/project.ts';
import { toInvoiceCurrency } from './currency.ts';
import type { Built, LineContext } from './hourly-lines.ts';
import type { CandidateMilestone, CandidateProject } from './types.ts';
import { lineId } from './words.ts';

export interface FeeChoices {
  phases: readonly Phase[];
  issuedLines: readonly InvoiceLine[];
  milestonePhaseIds: ReadonlySet<string>;
  feeProjectIds: ReadonlySet<string>;
}

export interface FeeBuilt extends Built {
  milestones: CandidateMilestone[];
  fee?: CandidateProject['fee'];
}

function itemLine(
  id: string,
  kind: 'milestone' | 'fee',
  description: string,
  amountMinor: number,
  project: Project,
  ctx: LineContext,
  phaseId?: string,
): InvoiceLine {
  return {
    id,
    kind,
    description,
    quantity: { unit: 'item', milli: 1000 },
    unitPriceMinor: amountMinor,
    netMinor: amountMinor,
    vat: ctx.vat,
    projectId: project.id,
    ...(phaseId === undefined ? {} : { phaseId }),
    blockIds: [],
    expenseIds: [],
  };
}

export function feeLines(project: Project, choices: FeeChoices, ctx: LineContext): FeeBuilt {
  const billing = project.billing;
  if (billing.kind !== 'fixed' && billing.kind !== 'value') return { lines: [], problems: [], milestones: [] };
  const convert = (amount: number) => toInvoiceCurrency(amount, project.currency, ctx.currency, ctx.currencyRates);
  const lines: InvoiceLine[] = [];
  const problems: string[] = [];
  const withFee = billing.kind === 'fixed' ? choices.phases.filter((p) => p.projectId === project.id && p.milestoneFeeMinor !== undefined) : [];
  if (withFee.length > 0) {
    const billed = new Set(choices.issuedLines.filter((l) => l.kind === 'milestone').map((l) => l.phaseId));
    const open = withFee.filter((p) => !billed.has(p.id)).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
    const milestones = open.map((phase) => ({
      phaseId: phase.id,
      name: phase.name,
      feeMinor: phase.milestoneFeeMinor!,
      currency: project.currency,
      phaseStatus: phase.status,
      chosen: choices.milestonePhaseIds.has(phase.id),
    }));
    for (const phase of open.filter((p) => choices.milestonePhaseIds.has(p.id))) {
      const amount = convert(phase.milestoneFeeMinor!);
      if (!amount.ok) problems.push(`${amount.problem} ${project.name} is priced in ${project.currency}.`);
      else
        lines.push(
          itemLine(lineId('milestone', phase.id), 'milestone', `${project.name}: milestone “${phase.name}”`, amount.amountMinor, project, ctx, phase.id),
        );
    }
    return { lines, problems, milestones };
  }
  if (choices.issuedLines.some((l) => l.kind === 'fee' && l.projectId === project.id)) return { lines, problems, milestones: [] };
  const chosen = choices.feeProjectIds.has(project.id);
  if (chosen) {
    const amount = convert(billing.feeMinor);
    if (!amount.ok) problems.push(`${amount.problem} ${project.name} is priced in ${project.currency}.`);
    else
      lines.push(
        itemLine(
          lineId('fee', project.id),
          'fee',
          `${project.name}: ${billing.kind === 'fixed' ? 'fixed fee' : 'agreed fee'}`,
          amount.amountMinor,
          project,
          ctx,
        ),
      );
  }
  return { lines, problems, milestones: [], fee: { amountMinor: billing.feeMinor, chosen } };
}
