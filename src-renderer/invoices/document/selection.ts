/**
 * Which records a selection covers: the client's projects chosen, and the blocks and expenses of
 * the period, on the calendar of the selection's zone. A block counts on the day it starts (as in
 * reports), and is billed whole. Breaks, non-billable and billed records are never candidates;
 * records of other clients are ignored. Pure.
 */
import type { Expense } from '../../domain/expense.ts';
import type { Project } from '../../domain/project.ts';
import type { TimeBlock } from '../../domain/time-block.ts';
import { type Bucket, memoBuckets } from '../../reports/calendar.ts';
import { addCalendarDays, formatIsoDate, fromZoned, zonedDate } from '../../time/zoned-time.ts';
import type { DraftInput } from './types.ts';

/** A block with the day it counts on. */
export interface DayBlock {
  block: TimeBlock;
  day: string;
  ms: number;
}

export interface Selected {
  /** The client's projects in the selection, by name. */
  projects: Project[];
  /** Per project: candidate blocks (unbilled, billable, not breaks, in the period), by start. */
  blocks: Map<string, DayBlock[]>;
  /** Per project: candidate pass-through expenses of the period, by date. */
  expenses: Map<string, Expense[]>;
  excludedBlocks: ReadonlySet<string>;
  excludedExpenses: ReadonlySet<string>;
  /** Breaks marked billable in the period: never billed, said so. */
  billableBreaks: number;
  dayOf: (epochMs: number) => string;
}

/** The zoned day holding `t`, as a bucket: memoised per UTC day, as reports do (Intl is the slow part). */
function dayBucket(t: number, zone: string): Bucket {
  const date = zonedDate(t, zone);
  return { start: fromZoned(date, zone), end: fromZoned(addCalendarDays(date, 1), zone), label: formatIsoDate(date) };
}

export function selectRecords(input: DraftInput): Selected {
  const { client, selection } = input;
  const wanted = new Set(selection.projectIds);
  const projects = input.projects
    .filter((p) => p.clientId === client.id && (wanted.size === 0 || wanted.has(p.id)))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const ids = new Set(projects.map((p) => p.id));
  const dayAt = memoBuckets(selection.zone, dayBucket);
  const dayOf = (epochMs: number): string => dayAt(epochMs).label;
  const inPeriod = (day: string): boolean => day >= selection.from && day <= selection.to;

  const blocks = new Map<string, DayBlock[]>();
  let billableBreaks = 0;
  for (const block of input.blocks) {
    if (block.clientId !== client.id || !ids.has(block.projectId) || !block.billable || block.billed) continue;
    const day = dayOf(block.start);
    if (!inPeriod(day)) continue;
    if (block.kind === 'break') {
      billableBreaks += 1;
      continue;
    }
    const list = blocks.get(block.projectId) ?? [];
    list.push({ block, day, ms: block.end - block.start });
    blocks.set(block.projectId, list);
  }
  for (const list of blocks.values()) list.sort((a, b) => a.block.start - b.block.start || a.block.id.localeCompare(b.block.id));

  const expenses = new Map<string, Expense[]>();
  for (const expense of input.expenses) {
    if (expense.clientId !== client.id || !ids.has(expense.projectId) || !expense.passThrough || expense.billed || !inPeriod(expense.date)) continue;
    const list = expenses.get(expense.projectId) ?? [];
    list.push(expense);
    expenses.set(expense.projectId, list);
  }
  for (const list of expenses.values()) list.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));

  return {
    projects,
    blocks,
    expenses,
    excludedBlocks: new Set(selection.excludedBlockIds),
    excludedExpenses: new Set(selection.excludedExpenseIds),
    billableBreaks,
    dayOf,
  };
}
