/**
 * The records of one client that are marked billed while no invoice in this vault bills them
 * (register-reconcile.ts, `unknown`), as rows a person can recognise before unbilling them: the
 * day, the project and how long or how much. Only one client's: the list is shown under that
 * client's invoices, and unbilling must never touch records the person was not shown.
 */
import type { Expense } from '../domain/expense.ts';
import type { Project } from '../domain/project.ts';
import type { TimeBlock } from '../domain/time-block.ts';
import { formatHours } from '../time/format.ts';
import { formatIsoDate, zonedDate } from '../time/zoned-time.ts';
import { formatMoney } from './money.ts';

/** One record as listed: `what` is the duration of a block or the amount of an expense. */
export interface StrayRow {
  id: string;
  kind: 'block' | 'expense';
  /** ISO date: a block's day where it was worked, an expense's own date. */
  date: string;
  project: string;
  what: string;
}

type Ids = { readonly blockIds: readonly string[]; readonly expenseIds: readonly string[] };

/** `clientId`'s records among `stray`, by date; the ids to unbill; how many belong to other clients. */
export function strayRecordsOf(
  clientId: string,
  stray: Ids,
  blocks: readonly Pick<TimeBlock, 'id' | 'clientId' | 'projectId' | 'start' | 'end' | 'zone'>[],
  expenses: readonly Pick<Expense, 'id' | 'clientId' | 'projectId' | 'date' | 'amountMinor' | 'currency'>[],
  projects: readonly Pick<Project, 'id' | 'name'>[],
): { rows: StrayRow[]; ids: { blockIds: string[]; expenseIds: string[] }; elsewhere: number } {
  const projectName = (id: string) => projects.find((p) => p.id === id)?.name ?? 'a project not on this device';
  const blockIds = new Set(stray.blockIds);
  const expenseIds = new Set(stray.expenseIds);
  const ownBlocks = blocks.filter((b) => blockIds.has(b.id) && b.clientId === clientId);
  const ownExpenses = expenses.filter((e) => expenseIds.has(e.id) && e.clientId === clientId);
  const rows: StrayRow[] = [
    ...ownBlocks.map((b) => ({
      id: b.id,
      kind: 'block' as const,
      date: formatIsoDate(zonedDate(b.start, b.zone)),
      project: projectName(b.projectId),
      what: formatHours(b.end - b.start),
    })),
    ...ownExpenses.map((e) => ({
      id: e.id,
      kind: 'expense' as const,
      date: e.date,
      project: projectName(e.projectId),
      what: formatMoney(e.amountMinor, e.currency),
    })),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const ids = { blockIds: ownBlocks.map((b) => b.id), expenseIds: ownExpenses.map((e) => e.id) };
  return { rows, ids, elsewhere: blockIds.size + expenseIds.size - rows.length };
}
