/**
 * Drafting an invoice from one client's unbilled work and pass-through expenses, and numbering it.
 *
 * Rules (docs/money.md, "Invoices"):
 * - One time line per hourly project (a project has one currency, so per project and currency):
 *   its billable, unbilled, non-break blocks. Amount = {@link timeAmountMinor} of the line's summed
 *   ms, i.e. round half up of ms × rate / 1 h, once per line, never per block.
 * - The quantity is minutes as an exact-to-60-ms decimal (`csvMinutes`: at most three places, half
 *   up), the same text the CSV export writes; the amount is from the exact ms, so for whole minutes
 *   it is minutes × rate / 60 rounded half up, which a client can check with a calculator.
 * - Totals are per currency and are the sum of the rounded lines, so the page adds up.
 * - Fixed, value and retainer projects are not billed from time: their blocks stay unbilled and
 *   are reported in `skipped` with what to do instead. Breaks are never billed.
 * - Pass-through, unbilled expenses of the client are billed at cost in their own currency; a
 *   refund (negative amount) is a credit line. Amounts are never converted.
 * - Only the client's own records count: a record of another client passed in is ignored.
 */
import type { Client } from '../domain/client.ts';
import type { Expense } from '../domain/expense.ts';
import type { Project } from '../domain/project.ts';
import type { TimeBlock } from '../domain/time-block.ts';
import { csvMinutes } from '../reports/csv.ts';
import { timeAmountMinor } from '../reports/money.ts';
import { addCalendarDays, formatIsoDate, isCalendarDate, type CalendarDate } from '../time/zoned-time.ts';
import { formatCalendarDate } from '../ui/format/dates.ts';

/** What an invoice is drafted from; `issueDate` is `YYYY-MM-DD`. */
export interface InvoiceInput {
  readonly client: Client;
  readonly projects: readonly Project[];
  readonly blocks: readonly TimeBlock[];
  readonly expenses: readonly Expense[];
  readonly number: string;
  readonly issueDate: string;
  /** Days from issue to due date; 30 by default. */
  readonly dueDays?: number;
  /** BCP 47 locale of the dates in line descriptions; the person's by default. */
  readonly locale?: string;
}

/** A line billing time on an hourly project. */
export interface TimeLine {
  readonly kind: 'time';
  readonly projectId: string;
  /** The project's name. */
  readonly description: string;
  /** Exact billable time. */
  readonly billableMs: number;
  /** Billable minutes as a decimal string ("750", "0.333"), see the module comment. */
  readonly minutes: string;
  /** Hourly rate, minor units. */
  readonly unitPriceMinor: number;
  readonly amountMinor: number;
  readonly currency: string;
}

/** A line billing one pass-through expense at cost. */
export interface ExpenseLine {
  readonly kind: 'expense';
  readonly expenseId: string;
  readonly projectId: string;
  /** "Expense 2026-11-12, software: A100 hours". */
  readonly description: string;
  readonly amountMinor: number;
  readonly currency: string;
}

/** One line of an invoice. */
export type InvoiceLine = TimeLine | ExpenseLine;

/** Records the invoice leaves out, and what a person should do about them. */
export interface SkippedWork {
  readonly reason: string;
  /** How many blocks the reason covers. */
  readonly count: number;
}

/** A drafted invoice; nothing is marked billed until the caller saves it. */
export interface InvoiceDraft {
  readonly number: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly client: { readonly name: string; readonly company?: string; readonly address?: string; readonly country: string };
  /** Time lines by project name, then expense lines by date. */
  readonly lines: readonly InvoiceLine[];
  /** Sum of the lines' amounts per ISO 4217 code, codes in alphabetical order. */
  readonly totals: ReadonlyMap<string, number>;
  /** Blocks this invoice bills: mark them billed when it is issued. */
  readonly blockIds: readonly string[];
  /** Expenses this invoice bills: mark them billed when it is issued. */
  readonly expenseIds: readonly string[];
  readonly skipped: readonly SkippedWork[];
}

function parseIsoDate(text: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  const date = match === null ? null : { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (date === null || !isCalendarDate(date)) throw new RangeError(`The issue date "${text}" is not a date; use YYYY-MM-DD, for example 2026-11-30.`);
  return date;
}

const NOT_FROM_TIME: Readonly<Record<'fixed' | 'value' | 'retainer', (name: string) => string>> = {
  fixed: (name) => `Fixed-fee project "${name}" is invoiced by milestone, not by hours`,
  value: (name) => `Value-priced project "${name}" is invoiced at the agreed fee, not by hours`,
  retainer: (name) => `Retainer project "${name}" is invoiced by the monthly fee; bill any overage from the monthly report, not from these hours`,
};

function expenseDescription(e: Expense, locale: string | undefined): string {
  const note = e.receiptNote.split(/\r?\n/u)[0]?.trim() ?? '';
  // "12 Nov 2026" as every date a client reads; the expense keeps its ISO date.
  return `Expense ${formatCalendarDate(e.date, locale)}, ${e.category}${note === '' ? '' : `: ${note}`}`;
}

function addSafe(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError('The invoice total is too large to store exactly; check the rates and expenses for a misplaced unit.');
  return sum;
}

/** Drafts the invoice of `input.client`; throws RangeError for a malformed issue date or due days. */
export function draftInvoice(input: InvoiceInput): InvoiceDraft {
  const { client } = input;
  const dueDays = input.dueDays ?? 30;
  if (!Number.isInteger(dueDays) || dueDays < 0 || dueDays > 3650) {
    throw new RangeError(`Payment terms must be a whole number of days from 0 to 3650; got ${dueDays}.`);
  }
  const issue = parseIsoDate(input.issueDate);
  const projects = new Map(input.projects.filter((p) => p.clientId === client.id).map((p) => [p.id, p]));

  const timeByProject = new Map<string, TimeBlock[]>();
  let breaks = 0;
  let orphans = 0;
  for (const b of input.blocks) {
    if (b.clientId !== client.id || !b.billable || b.billed) continue;
    if (!projects.has(b.projectId)) orphans += 1;
    else if (b.kind === 'break') breaks += 1;
    else timeByProject.set(b.projectId, [...(timeByProject.get(b.projectId) ?? []), b]);
  }

  const timeLines: TimeLine[] = [];
  const blockIds: string[] = [];
  const skipped: SkippedWork[] = [];
  const ordered = [...projects.values()].filter((p) => timeByProject.has(p.id)).sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  for (const project of ordered) {
    const blocks = timeByProject.get(project.id) ?? [];
    if (project.billing.kind !== 'hourly') {
      skipped.push({ reason: NOT_FROM_TIME[project.billing.kind](project.name), count: blocks.length });
      continue;
    }
    const billableMs = blocks.reduce((sum, b) => sum + (b.end - b.start), 0);
    const rate = project.billing.rateMinor;
    timeLines.push({
      kind: 'time',
      projectId: project.id,
      description: project.name,
      billableMs,
      minutes: csvMinutes(billableMs),
      unitPriceMinor: rate,
      amountMinor: timeAmountMinor(billableMs, rate),
      currency: project.currency,
    });
    blockIds.push(...blocks.map((b) => b.id));
  }
  if (breaks > 0) skipped.push({ reason: 'Breaks marked billable are never billed; mark them non-billable or change their kind', count: breaks });
  if (orphans > 0) skipped.push({ reason: 'Blocks whose project is missing cannot be billed; move them to one of the client’s projects', count: orphans });

  const expenses = input.expenses
    .filter((e) => e.clientId === client.id && e.passThrough && !e.billed)
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const expenseLines: ExpenseLine[] = expenses.map((e) => ({
    kind: 'expense',
    expenseId: e.id,
    projectId: e.projectId,
    description: expenseDescription(e, input.locale),
    amountMinor: e.amountMinor,
    currency: e.currency,
  }));

  const lines: InvoiceLine[] = [...timeLines, ...expenseLines];
  const sums = new Map<string, number>();
  for (const line of lines) sums.set(line.currency, addSafe(sums.get(line.currency) ?? 0, line.amountMinor));
  const totals = new Map([...sums].sort(([a], [b]) => a.localeCompare(b)));

  return {
    number: input.number,
    issueDate: formatIsoDate(issue),
    dueDate: formatIsoDate(addCalendarDays(issue, dueDays)),
    client: {
      name: client.name,
      ...(client.company === undefined || client.company === '' ? {} : { company: client.company }),
      ...(client.contact.address === undefined || client.contact.address.trim() === '' ? {} : { address: client.contact.address }),
      country: client.country,
    },
    lines,
    totals,
    blockIds,
    expenseIds: expenses.map((e) => e.id),
    skipped,
  };
}

/**
 * The invoice number after `previous` in `year`: "2026-0001", "2026-0002", … (more digits after
 * 9999). Numbering restarts each year; a `previous` from another year, or one that is not in this
 * format (typed by hand, imported), starts the year at 0001. Throws RangeError for a year outside 1..9999.
 */
export function nextInvoiceNumber(previous: string | undefined, year: number): string {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new RangeError(`The invoice year must be 1 to 9999; got ${year}.`);
  const prefix = String(year).padStart(4, '0');
  const match = previous === undefined ? null : /^(\d{4})-(\d{4,15})$/u.exec(previous.trim());
  const sequence = match !== null && match[1] === prefix ? Number(match[2]) + 1 : 1;
  return `${prefix}-${String(sequence).padStart(4, '0')}`;
}
