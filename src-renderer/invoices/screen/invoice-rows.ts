/**
 * The rows of the Invoices screen: every draft, invoice and credit note, with the status a
 * freelancer chases by, overdue ones first. Pure.
 *
 * Issued invoices come from the workspace register (every device sees every number, also for a
 * client this device does not hold); drafts exist only as documents. Statuses:
 * - `overdue`: issued, unpaid, not void, and its due date is before today;
 * - `open`: issued, unpaid, not void, due today or later (or with no due date: issued before due
 *   dates were recorded);
 * - `paid`, `void`, `credit-note`, `draft`.
 * Order: overdue (longest overdue first), drafts (newest first), open (soonest due first), then
 * the rest (newest issue first). Totals are what is outstanding and what is overdue, per currency:
 * currencies are never added together.
 */
import { dayNumber } from '../../presence/calendar-days.ts';

/** What the screen knows of a register entry (reports/invoice-register.ts). */
export interface RegisterFacts {
  readonly key: string;
  readonly number: string;
  readonly clientId: string;
  readonly issueDate: string;
  readonly status: 'issued' | 'void';
  readonly kind?: 'credit-note' | undefined;
  readonly dueDate?: string | undefined;
  readonly paidOn?: string | undefined;
  readonly voidedOn?: string | undefined;
  /** Per ISO 4217 code, minor units, as printed (the amount payable). */
  readonly totals: ReadonlyArray<readonly [string, number]>;
}

/** What the screen knows of a draft document. */
export interface DraftFacts {
  readonly id: string;
  readonly clientId: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly currency: string;
  /** The draft's amount payable so far, minor units of `currency`. */
  readonly grossMinor: number;
  readonly updatedAt: number;
}

export type InvoiceStatus = 'draft' | 'open' | 'overdue' | 'paid' | 'void' | 'credit-note';

export interface InvoiceRow {
  /** The register key of an issued one, the document id of a draft. */
  readonly key: string;
  readonly status: InvoiceStatus;
  /** Empty for a draft. */
  readonly number: string;
  readonly clientId: string;
  readonly issueDate: string;
  readonly dueDate?: string | undefined;
  readonly paidOn?: string | undefined;
  readonly voidedOn?: string | undefined;
  /** Days past the due date (overdue only). */
  readonly daysOverdue: number;
  readonly totals: ReadonlyArray<readonly [string, number]>;
}

export interface InvoiceOverview {
  readonly rows: readonly InvoiceRow[];
  /** Per currency, open and overdue invoices' amounts. */
  readonly outstanding: ReadonlyMap<string, number>;
  readonly overdue: ReadonlyMap<string, number>;
}

function statusOf(entry: RegisterFacts, today: string): { status: InvoiceStatus; daysOverdue: number } {
  if (entry.kind === 'credit-note') return { status: 'credit-note', daysOverdue: 0 };
  if (entry.status === 'void') return { status: 'void', daysOverdue: 0 };
  if (entry.paidOn !== undefined) return { status: 'paid', daysOverdue: 0 };
  if (entry.dueDate !== undefined && entry.dueDate < today) return { status: 'overdue', daysOverdue: dayNumber(today) - dayNumber(entry.dueDate) };
  return { status: 'open', daysOverdue: 0 };
}

const RANK: Readonly<Record<InvoiceStatus, number>> = { overdue: 0, draft: 1, open: 2, paid: 3, 'credit-note': 3, void: 3 };

function compareRows(a: InvoiceRow & { updatedAt?: number }, b: InvoiceRow & { updatedAt?: number }): number {
  const rank = RANK[a.status] - RANK[b.status];
  if (rank !== 0) return rank;
  switch (a.status) {
    case 'overdue':
      return b.daysOverdue - a.daysOverdue || a.number.localeCompare(b.number);
    case 'draft':
      return (b.updatedAt ?? 0) - (a.updatedAt ?? 0) || a.key.localeCompare(b.key);
    case 'open':
      return (a.dueDate ?? a.issueDate).localeCompare(b.dueDate ?? b.issueDate) || a.number.localeCompare(b.number);
    default:
      return b.issueDate.localeCompare(a.issueDate) || b.number.localeCompare(a.number);
  }
}

function add(map: Map<string, number>, totals: InvoiceRow['totals']): void {
  for (const [currency, minor] of totals) map.set(currency, (map.get(currency) ?? 0) + minor);
}

/** The screen's rows and totals as of `today` ('YYYY-MM-DD'). */
export function invoiceOverview(register: readonly RegisterFacts[], drafts: readonly DraftFacts[], today: string): InvoiceOverview {
  const rows: Array<InvoiceRow & { updatedAt?: number }> = [];
  const outstanding = new Map<string, number>();
  const overdue = new Map<string, number>();
  for (const entry of register) {
    const { status, daysOverdue } = statusOf(entry, today);
    rows.push({
      key: entry.key,
      status,
      number: entry.number,
      clientId: entry.clientId,
      issueDate: entry.issueDate,
      dueDate: entry.dueDate,
      paidOn: entry.paidOn,
      voidedOn: entry.voidedOn,
      daysOverdue,
      totals: entry.totals,
    });
    if (status === 'open' || status === 'overdue') add(outstanding, entry.totals);
    if (status === 'overdue') add(overdue, entry.totals);
  }
  for (const draft of drafts) {
    rows.push({
      key: draft.id,
      status: 'draft',
      number: '',
      clientId: draft.clientId,
      issueDate: draft.issueDate,
      dueDate: draft.dueDate,
      daysOverdue: 0,
      totals: [[draft.currency, draft.grossMinor]],
      updatedAt: draft.updatedAt,
    });
  }
  rows.sort(compareRows);
  const sorted = (map: Map<string, number>) => new Map([...map].sort(([a], [b]) => a.localeCompare(b)));
  return { rows: rows.map(({ updatedAt: _u, ...row }) => row), outstanding: sorted(outstanding), overdue: sorted(overdue) };
}

/** Rows that match a status filter: 'unpaid' is open and overdue together. */
export type InvoiceFilter = 'all' | 'unpaid' | InvoiceStatus;

export function filterRows(rows: readonly InvoiceRow[], filter: InvoiceFilter, clientId?: string): InvoiceRow[] {
  return rows.filter(
    (r) =>
      (clientId === undefined || r.clientId === clientId) &&
      (filter === 'all' || r.status === filter || (filter === 'unpaid' && (r.status === 'open' || r.status === 'overdue'))),
  );
}
