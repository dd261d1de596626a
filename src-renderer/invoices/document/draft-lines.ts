/**
 * From a selection to an invoice's lines: the client's hourly time (hourly-lines.ts), retainers
 * (retainer-lines.ts), milestones and fees (fee-lines.ts) and pass-through expenses
 * (expense-lines.ts), each with its VAT (parties.ts), then the person's edits by line id. Returns
 * the CANDIDATES too (everything unbilled the selection covers, ticked or not), so an editor can
 * show a checkbox per block, expense and milestone, and the problems in words. Pure and
 * deterministic: the same input gives the same lines with the same ids.
 */
import { isTimeZone } from '../../domain/common.ts';
import type { InvoiceLine } from '../../domain/invoice.ts';
import { dayNumber } from '../../presence/calendar-days.ts';
import { expenseLines } from './expense-lines.ts';
import { feeLines } from './fee-lines.ts';
import { hourlyLines, type LineContext } from './hourly-lines.ts';
import { defaultVat } from './parties.ts';
import { retainerLines } from './retainer-lines.ts';
import { selectRecords } from './selection.ts';
import type { CandidateProject, DraftInput, DraftResult } from './types.ts';

function applyEdits(line: InvoiceLine, input: DraftInput): InvoiceLine {
  const edit = input.selection.lineEdits?.[line.id];
  if (edit === undefined) return line;
  return { ...line, ...(edit.vat === undefined ? {} : { vat: edit.vat }), ...(edit.description === undefined ? {} : { description: edit.description }) };
}

const isDay = (text: string): boolean => {
  try {
    dayNumber(text);
    return true;
  } catch {
    return false;
  }
};

/** What makes the selection unusable, in words; null when it can be drafted. */
function selectionProblem(input: DraftInput): string | null {
  const { from, to, zone } = input.selection;
  if (!isDay(from)) return `Period from: "${from}" is not a date. Choose the first day to bill.`;
  if (!isDay(to)) return `Period to: "${to}" is not a date. Choose the last day to bill.`;
  if (to < from) return `Period: it ends (${to}) before it starts (${from}).`;
  if (!isTimeZone(zone)) return `Time zone: "${zone}" is not a time zone Caravan knows, such as "Europe/Berlin".`;
  return null;
}

/**
 * The draft's lines, candidates and problems for `input.selection`; `locale` is for the dates in
 * line descriptions. Never throws for what a person chose: a period that cannot be read is a problem.
 */
export function draftLines(input: DraftInput, locale?: string): DraftResult {
  const { selection } = input;
  const unusable = selectionProblem(input);
  if (unusable !== null) return { lines: [...(selection.manualLines ?? [])], candidates: [], problems: [unusable] };
  const selected = selectRecords(input);
  const vat = defaultVat(input.profile, input.client);
  const ctx: LineContext = {
    currency: selection.currency,
    currencyRates: selection.currencyRates,
    hourStyle: input.profile.hourStyle,
    vat: vat.vat,
    locale,
  };
  const issuedLines = input.issuedLines ?? [];
  const choices = {
    phases: input.phases,
    issuedLines,
    milestonePhaseIds: new Set(selection.milestonePhaseIds),
    feeProjectIds: new Set(selection.feeProjectIds),
  };
  const lines: InvoiceLine[] = [];
  const problems: string[] = vat.problem === undefined ? [] : [vat.problem];
  const candidates: CandidateProject[] = [];
  const clientBlocks = input.blocks.filter((b) => b.clientId === input.client.id);

  for (const project of selected.projects) {
    const blocks = project.billing.kind === 'hourly' || project.billing.kind === 'retainer' ? (selected.blocks.get(project.id) ?? []) : [];
    const onDraft = blocks.filter((b) => !selected.excludedBlocks.has(b.block.id));
    const expenses = selected.expenses.get(project.id) ?? [];
    const fees = feeLines(project, choices, ctx);
    const built = [
      hourlyLines(project, onDraft, ctx),
      retainerLines(
        project,
        {
          onDraft,
          all: clientBlocks,
          issuedLines,
          from: selection.from,
          to: selection.to,
          zone: selection.zone,
          dayOf: selected.dayOf,
        },
        ctx,
      ),
      fees,
      expenseLines(
        expenses.filter((e) => !selected.excludedExpenses.has(e.id)),
        ctx,
      ),
    ];
    for (const part of built) {
      lines.push(...part.lines);
      for (const problem of part.problems) if (!problems.includes(problem)) problems.push(problem);
    }
    const candidate: CandidateProject = {
      projectId: project.id,
      name: project.name,
      billing: project.billing.kind,
      currency: project.currency,
      blocks: blocks.map((b) => ({
        id: b.block.id,
        day: b.day,
        ms: b.ms,
        ...(b.block.phaseId === undefined ? {} : { phaseId: b.block.phaseId }),
        note: b.block.note,
        included: !selected.excludedBlocks.has(b.block.id),
      })),
      expenses: expenses.map((e) => ({
        id: e.id,
        date: e.date,
        amountMinor: e.amountMinor,
        currency: e.currency,
        category: e.category,
        note: e.receiptNote,
        included: !selected.excludedExpenses.has(e.id),
      })),
      milestones: fees.milestones,
      ...(fees.fee === undefined ? {} : { fee: fees.fee }),
    };
    if (candidate.blocks.length > 0 || candidate.expenses.length > 0 || candidate.milestones.length > 0 || candidate.fee !== undefined)
      candidates.push(candidate);
  }
  if (selected.billableBreaks > 0) {
    problems.push(
      `${selected.billableBreaks === 1 ? 'A break is' : `${selected.billableBreaks} breaks are`} marked billable in this period; breaks are never billed. Untick "billable" on ${selected.billableBreaks === 1 ? 'it' : 'them'}.`,
    );
  }
  lines.push(...(selection.manualLines ?? []));
  return { lines: lines.map((line) => applyEdits(line, input)), candidates, problems };
}
