/**
 * Between a stored draft and the builder's selection: what the person chose is kept on the draft
 * (domain/invoice.ts `selection`, plus its dates, currency, rate and typed lines), so a draft
 * reopens exactly as it was left and the lines are drafted again from today's records. Pure.
 */
import type { Invoice } from '../../domain/invoice.ts';
import type { DraftSelection } from '../document/types.ts';

/** The builder's selection from a stored draft; `zone` where the draft has none (drafted before zones were kept). */
export function selectionOf(doc: Invoice, zone: string): DraftSelection {
  const s = doc.selection;
  return {
    from: s.from,
    to: s.to,
    zone: s.zone ?? zone,
    projectIds: s.projectIds,
    excludedBlockIds: s.excludedBlockIds ?? [],
    excludedExpenseIds: s.excludedExpenseIds ?? [],
    milestonePhaseIds: s.milestonePhaseIds ?? [],
    feeProjectIds: s.feeProjectIds ?? [],
    issueDate: doc.issueDate,
    currency: doc.currency,
    ...(doc.fixedRate === undefined ? {} : { fixedRate: doc.fixedRate }),
    ...(s.currencyRates === undefined ? {} : { currencyRates: s.currencyRates }),
    manualLines: doc.lines.filter((line) => line.kind === 'manual'),
    ...(s.lineEdits === undefined ? {} : { lineEdits: s.lineEdits }),
  };
}

/** What a draft stores of a selection (the dates, currency, rate and lines are the document's own fields). */
export function storedSelection(selection: DraftSelection): Invoice['selection'] {
  const list = (ids: readonly string[] | undefined) => (ids === undefined || ids.length === 0 ? undefined : [...ids]);
  const excludedBlockIds = list(selection.excludedBlockIds);
  const excludedExpenseIds = list(selection.excludedExpenseIds);
  const milestonePhaseIds = list(selection.milestonePhaseIds);
  const feeProjectIds = list(selection.feeProjectIds);
  const rates = selection.currencyRates;
  const edits = selection.lineEdits;
  return {
    from: selection.from,
    to: selection.to,
    projectIds: [...selection.projectIds],
    zone: selection.zone,
    ...(excludedBlockIds && { excludedBlockIds }),
    ...(excludedExpenseIds && { excludedExpenseIds }),
    ...(milestonePhaseIds && { milestonePhaseIds }),
    ...(feeProjectIds && { feeProjectIds }),
    ...(rates !== undefined && Object.keys(rates).length > 0 && { currencyRates: { ...rates } }),
    ...(edits !== undefined && Object.keys(edits).length > 0 && { lineEdits: { ...edits } }),
  };
}

/** `ids` with `id` added or taken out. */
export function toggled(ids: readonly string[] | undefined, id: string, present: boolean): string[] {
  const rest = (ids ?? []).filter((x) => x !== id);
  return present ? [...rest, id] : rest;
}
