/**
 * The time-and-money report: time blocks summed by client, project, phase and ISO week.
 *
 * The rules the numbers rest on:
 * - Range. `[from, to)` in UTC ms; blocks are clipped to it. A block is bucketed by its clipped
 *   start, so one that crosses midnight on a Sunday counts wholly in the week it started in.
 * - Calendar. Weeks (ISO, Monday first) and days are those of each block's display zone (`zoneOf`,
 *   the report zone when omitted: one calendar, so a trip abroad does not split a week); a day has
 *   23 or 25 hours across a DST change and holds the blocks that start on it. Months, the range
 *   and retainer periods are always the report zone's: a contract has one calendar.
 * - Breaks. A `break` block counts toward total and non-billable time and never toward billable
 *   time or any amount, whatever its `billable` flag; a billable break is a data error and is listed
 *   in `issues` so that it can be fixed at the source.
 * - Hourly. amount = round half up (billable ms × rateMinor / 3 600 000), on each group's summed ms
 *   (never per block, so thousands of blocks do not accumulate rounding), in exact BigInt
 *   arithmetic. A row and its project are each rounded once on their own sums, so the rows of a
 *   project can differ from the project's amount by under half a minor unit per row; invoices
 *   should use the project figure.
 * - Billing rules. An hourly project's rounding rule (invoices/billing-rounding.ts: per block or per
 *   day, days of the report zone) and its rates from a day on (invoices/rate-schedule.ts) apply to
 *   its amount as on its invoices: time is summed per rate period, rounded by the rule, and priced at
 *   that period's rate. The time columns stay the time worked; the stored blocks never change.
 * - Rollover. A retainer with `rollover: 'next-month'` adds the previous month's unused included
 *   time (included minus its billable time, never negative, never more than one month's worth) to
 *   each month's included time. The previous month is read from every block given, not only those
 *   in the range, so a one-month report knows what the month before left over; unused time does
 *   not compound beyond one month. Nothing carries out of a month before the retainer was in force
 *   (the month of the project's start date, or of its creation when it has none).
 * - Retainer. Per calendar month of the zone, the fee covers `hoursPerMonth`; billable time beyond
 *   is overage at `overageRateMinor`, rounded per month. A month with billable time in the range
 *   counts its whole fee only when the range contains the month's first instant (00:00 on the 1st):
 *   whole months and "month to date" count it, a range that starts mid-month does not, so
 *   consecutive ranges never count one fee twice. Overage sees only the billable time inside the
 *   range, so it is exact for whole months and a lower bound for cut ones (`partial`). Rows of a
 *   retainer project carry no amount, since a week is not a unit of the contract; months do.
 * - Fixed and value. Time does not change what is owed, so rows and projects report hours with
 *   `amountMinor: null` (the UI shows "fixed fee"), and the project's `feeMinor` for display.
 * - Totals. Per currency, never mixed: the sum of project amounts; fixed and value fees are not
 *   added, because a range cannot say whether such a fee falls due inside it.
 * - Effective rate. amount × 1 h / billable ms for hourly and retainer projects with billable time;
 *   null otherwise (a fixed fee over a slice of its hours would be misleading).
 * - Blocks of a project that is not in `projects` are left out and listed in `issues`.
 */
import { countOf } from '../ui/format/plural.ts';
import type { Client } from '../domain/client.ts';
import { isTimeZone } from '../domain/common.ts';
import type { Phase } from '../domain/phase.ts';
import type { Billing, Project } from '../domain/project.ts';
import type { BlockKind, TimeBlock } from '../domain/time-block.ts';
import { type Bucket, dayOf, isoWeekOf, memoBuckets, memoBucketsByZone, monthOf } from './calendar.ts';
import { type BillableStretch, NO_ROUNDING, roundedBillableMs } from '../invoices/billing-rounding.ts';
import { checkSchedule, groupByRate } from '../invoices/rate-schedule.ts';
import { fromZoned } from '../time/zoned-time.ts';
import { effectiveRateMinor, HOUR_MS, timeAmountMinor } from './money.ts';

/** The records a report is computed from; blocks outside the range may be included and are ignored. */
export interface ReportInput {
  readonly clients: readonly Client[];
  readonly projects: readonly Project[];
  readonly phases: readonly Phase[];
  readonly blocks: readonly TimeBlock[];
}

/** The report's time range, UTC epoch ms, `from` inclusive, `to` exclusive. */
export interface ReportRange {
  readonly from: number;
  readonly to: number;
}

/** How a project is billed, as the UI needs to tell "a number" from "fixed fee". */
export type BillingBasis = Billing['kind'];

/** Time sums, all in ms; `billableMs + nonBillableMs === totalMs`, breaks included in the total. */
export interface TimeTotals {
  readonly totalMs: number;
  readonly billableMs: number;
  readonly nonBillableMs: number;
  readonly deepMs: number;
  readonly breakMs: number;
}

/** One client × project × phase × ISO week; names fall back to the id when the record is missing. */
export interface ReportRow extends TimeTotals {
  readonly clientId: string;
  readonly clientName: string;
  readonly projectId: string;
  readonly projectName: string;
  /** null for blocks not assigned to a phase. */
  readonly phaseId: string | null;
  readonly phaseName: string;
  /** ISO week in the report zone, `2026-W47`. */
  readonly week: string;
  /** Monday 00:00 of that week in the report zone (the first block's display zone with `zoneOf`), UTC ms. */
  readonly weekStart: number;
  readonly basis: BillingBasis;
  /** Hourly projects only; null for fixed, value and retainer (see the module comment). */
  readonly amountMinor: number | null;
  readonly currency: string;
}

/** One calendar month of a retainer project that has billable time in the range. */
export interface RetainerMonth {
  /** `2026-11`, in the report zone. */
  readonly month: string;
  readonly start: number;
  readonly end: number;
  /** The month is cut by the range: overage is a lower bound. */
  readonly partial: boolean;
  readonly billableMs: number;
  /** `hoursPerMonth` plus `carriedMs`. */
  readonly includedMs: number;
  /** Unused time carried over from the previous month (rollover); 0 without rollover. */
  readonly carriedMs: number;
  readonly overageMs: number;
  /** Whether this range counts the month's fee (it contains the month's first instant). */
  readonly feeCounted: boolean;
  readonly feeMinor: number;
  readonly overageMinor: number;
}

/** One project's totals over the whole range. */
export interface ProjectSummary extends TimeTotals {
  readonly clientId: string;
  readonly clientName: string;
  readonly projectId: string;
  readonly projectName: string;
  readonly basis: BillingBasis;
  readonly currency: string;
  /** Hourly and retainer: what the range's time earns. Fixed and value: null. */
  readonly amountMinor: number | null;
  /** Fixed and value: the agreed fee, for display next to the hours; otherwise null. */
  readonly feeMinor: number | null;
  /** Minor units per billable hour, where meaningful (see the module comment). */
  readonly effectiveRateMinor: number | null;
  /** Retainer months, oldest first; empty for other bases. */
  readonly months: readonly RetainerMonth[];
}

/** A data problem found while reporting, with what to do about it. */
export interface ReportIssue {
  readonly code: 'unknown-project' | 'billable-break';
  readonly count: number;
  /** The first few blocks affected, to find them. */
  readonly blockIds: readonly string[];
  readonly message: string;
}

/** The whole report. Amount totals are keyed by ISO 4217 code and never mix currencies. */
export interface Report {
  readonly rows: readonly ReportRow[];
  readonly projects: readonly ProjectSummary[];
  readonly totals: TimeTotals & { readonly amountByCurrency: ReadonlyMap<string, number> };
  readonly issues: readonly ReportIssue[];
}

type MutableTotals = { -readonly [K in keyof TimeTotals]: number };

const emptyTotals = (): MutableTotals => ({ totalMs: 0, billableMs: 0, nonBillableMs: 0, deepMs: 0, breakMs: 0 });

function addTime(totals: MutableTotals, ms: number, kind: BlockKind, billable: boolean): void {
  totals.totalMs += ms;
  if (billable) totals.billableMs += ms;
  else totals.nonBillableMs += ms;
  if (kind === 'deep') totals.deepMs += ms;
  else if (kind === 'break') totals.breakMs += ms;
}

interface Group {
  readonly project: Project;
  readonly phaseId: string | null;
  readonly week: Bucket;
  readonly totals: MutableTotals;
}

interface ProjectAcc {
  readonly project: Project;
  readonly totals: MutableTotals;
  readonly months: Map<number, { bucket: Bucket; billableMs: number }>;
  /** Billable time by day, kept only for an hourly project with a rounding rule or rate changes. */
  readonly stretches: BillableStretch[];
}

/** Whether `project`'s amount needs its time by day: it rounds, or its rate changes. */
function hasBillingRules(project: Project): boolean {
  return project.billing.kind === 'hourly' && ((project.rounding !== undefined && project.rounding.mode !== 'none') || (project.rateChanges?.length ?? 0) > 0);
}

/**
 * An hourly project's amount: per rate period (the billing's rate before the first change), the
 * period's time rounded by the project's rule, priced once. A schedule that does not check (two
 * rates from one day) is left out, as the invoice refuses it: the billing's rate applies.
 */
function hourlyAmount(project: Project, rateMinor: number, acc: ProjectAcc): number {
  if (!hasBillingRules(project)) return timeAmountMinor(acc.totals.billableMs, rateMinor);
  const checked = checkSchedule(project.rateChanges ?? []);
  const rule = project.rounding ?? NO_ROUNDING;
  return groupByRate(checked.ok ? checked.schedule : [], acc.stretches).reduce(
    (sum, period) => sum + timeAmountMinor(roundedBillableMs(period.items, rule), period.change?.rateMinor ?? rateMinor),
    0,
  );
}

const MAX_ISSUE_IDS = 10;

function byId<T extends { readonly id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

function retainerMonths(
  billing: Extract<Billing, { kind: 'retainer' }>,
  acc: ProjectAcc,
  range: ReportRange,
  /** Billable ms of this project per month start, over every block given (for rollover). */
  allMonths: ReadonlyMap<number, number> | undefined,
  previousMonthStart: (monthStart: number) => number,
  /** Start of the first month the retainer was in force (the project's start date, or its creation). */
  firstMonthStart: number,
): RetainerMonth[] {
  const monthlyMs = Math.round(billing.hoursPerMonth * HOUR_MS);
  return [...acc.months.values()]
    .sort((a, b) => a.bucket.start - b.bucket.start)
    .map(({ bucket, billableMs }) => {
      const feeCounted = bucket.start >= range.from && bucket.start < range.to;
      const previous = previousMonthStart(bucket.start);
      const previousMs = allMonths?.get(previous) ?? 0;
      // Nothing carries out of a month before the retainer existed.
      const carriedMs = billing.rollover === 'next-month' && previous >= firstMonthStart ? Math.max(0, monthlyMs - previousMs) : 0;
      const includedMs = monthlyMs + carriedMs;
      const overageMs = Math.max(0, billableMs - includedMs);
      return {
        month: bucket.label,
        start: bucket.start,
        end: bucket.end,
        partial: bucket.start < range.from || bucket.end > range.to,
        billableMs,
        includedMs,
        carriedMs,
        overageMs,
        feeCounted,
        feeMinor: feeCounted ? billing.feeMinor : 0,
        overageMinor: timeAmountMinor(overageMs, billing.overageRateMinor),
      };
    });
}

function issue(code: ReportIssue['code'], ids: string[], count: number): ReportIssue {
  const message =
    code === 'unknown-project'
      ? `${countOf(count, 'time block')} ${count === 1 ? 'belongs' : 'belong'} to a project that no longer exists and ${count === 1 ? 'is' : 'are'} left out. Move ${count === 1 ? 'it' : 'them'} to a project or delete ${count === 1 ? 'it' : 'them'}.`
      : `${countOf(count, 'break')} ${count === 1 ? 'is' : 'are'} marked billable; breaks are never billed, so ${count === 1 ? 'it counts' : 'they count'} as non-billable. Untick "billable" on ${count === 1 ? 'it' : 'them'}.`;
  return { code, count, blockIds: ids.slice(0, MAX_ISSUE_IDS), message };
}

/** When a project's terms began: 00:00 of its start date in `zone`, or when it was created. */
function inForceFrom(project: Project, zone: string): number {
  const match = project.start === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})$/u.exec(project.start);
  return match ? fromZoned({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), hour: 0, minute: 0 }, zone) : project.createdAt;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Computes the report for `range` in `zone` in one pass over the blocks. Throws RangeError for an
 * inverted range or an unknown zone: both are caller bugs, not data problems.
 */
export function aggregateReport(input: ReportInput, range: ReportRange, zone: string, zoneOf?: (block: TimeBlock) => string): Report {
  if (!(range.from <= range.to)) throw new RangeError(`The report range ends (${range.to}) before it starts (${range.from}).`);
  if (!isTimeZone(zone)) throw new RangeError(`"${zone}" is not an IANA time zone such as "Europe/Lisbon".`);
  const clients = byId(input.clients);
  const projects = byId(input.projects);
  const phases = byId(input.phases);
  const weekIn = memoBucketsByZone(isoWeekOf);
  const monthAt = memoBuckets(zone, monthOf);
  const dayIn = memoBucketsByZone(dayOf);
  const groups = new Map<string, Group>();
  const perProject = new Map<string, ProjectAcc>();
  const unknown: string[] = [];
  const billableBreaks: string[] = [];
  let unknownCount = 0;
  let billableBreakCount = 0;

  // Rollover needs each month's billable time whatever the range: one extra pass, only for
  // retainers that roll over.
  const rolloverMonths = new Map<string, Map<number, number>>();
  for (const project of input.projects) {
    if (project.billing.kind === 'retainer' && project.billing.rollover === 'next-month') rolloverMonths.set(project.id, new Map());
  }
  if (rolloverMonths.size > 0) {
    for (const block of input.blocks) {
      const months = rolloverMonths.get(block.projectId);
      if (months === undefined || !block.billable || block.kind === 'break' || block.end <= block.start) continue;
      const month = monthAt(block.start).start;
      months.set(month, (months.get(month) ?? 0) + (block.end - block.start));
    }
  }

  for (const block of input.blocks) {
    const start = Math.max(block.start, range.from);
    const end = Math.min(block.end, range.to);
    if (end <= start) continue;
    const project = projects.get(block.projectId);
    if (project === undefined) {
      if (unknownCount++ < MAX_ISSUE_IDS) unknown.push(block.id);
      continue;
    }
    const ms = end - start;
    if (block.kind === 'break' && block.billable && billableBreakCount++ < MAX_ISSUE_IDS) billableBreaks.push(block.id);
    const billable = block.billable && block.kind !== 'break';
    const blockZone = zoneOf?.(block) ?? zone;
    const week = weekIn(start, blockZone);
    const phaseId = block.phaseId ?? null;
    // Ids are non-empty and never contain control characters, so this key cannot collide. By label:
    // one ISO week in two display zones starts at two instants, and is still one row.
    const key = `${project.id}\u0000${phaseId ?? ''}\u0000${week.label}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { project, phaseId, week, totals: emptyTotals() };
      groups.set(key, group);
    }
    addTime(group.totals, ms, block.kind, billable);
    let acc = perProject.get(project.id);
    if (acc === undefined) {
      acc = { project, totals: emptyTotals(), months: new Map(), stretches: [] };
      perProject.set(project.id, acc);
    }
    addTime(acc.totals, ms, block.kind, billable);
    if (billable && hasBillingRules(project)) acc.stretches.push({ ms, day: dayIn(start, blockZone).label });
    if (billable && project.billing.kind === 'retainer') {
      const month = monthAt(start);
      const entry = acc.months.get(month.start);
      if (entry === undefined) acc.months.set(month.start, { bucket: month, billableMs: ms });
      else entry.billableMs += ms;
    }
  }

  const clientName = (p: Project): string => clients.get(p.clientId)?.name ?? p.clientId;
  const phaseOf = (id: string | null): Phase | undefined => (id === null ? undefined : phases.get(id));

  const rows: ReportRow[] = [...groups.values()].map(({ project, phaseId, week, totals }) => ({
    clientId: project.clientId,
    clientName: clientName(project),
    projectId: project.id,
    projectName: project.name,
    phaseId,
    phaseName: phaseId === null ? '' : (phaseOf(phaseId)?.name ?? phaseId),
    week: week.label,
    weekStart: week.start,
    ...totals,
    basis: project.billing.kind,
    amountMinor: project.billing.kind === 'hourly' ? timeAmountMinor(totals.billableMs, project.billing.rateMinor) : null,
    currency: project.currency,
  }));
  // Phase order, not name, because phases are stages; blocks without a phase come last.
  const phaseRank = (row: ReportRow): number => (row.phaseId === null ? Infinity : (phaseOf(row.phaseId)?.order ?? 10_001));
  rows.sort(
    (a, b) =>
      compareText(a.clientName, b.clientName) ||
      compareText(a.projectName, b.projectName) ||
      compareText(a.projectId, b.projectId) ||
      phaseRank(a) - phaseRank(b) ||
      compareText(a.phaseId ?? '', b.phaseId ?? '') ||
      a.weekStart - b.weekStart,
  );

  const amountByCurrency = new Map<string, number>();
  const totals = emptyTotals();
  const summaries: ProjectSummary[] = [...perProject.values()].map((acc) => {
    const { project } = acc;
    const billing = project.billing;
    const months =
      billing.kind === 'retainer'
        ? retainerMonths(billing, acc, range, rolloverMonths.get(project.id), (start) => monthAt(start - 1).start, monthAt(inForceFrom(project, zone)).start)
        : [];
    let amountMinor: number | null = null;
    if (billing.kind === 'hourly') amountMinor = hourlyAmount(project, billing.rateMinor, acc);
    if (billing.kind === 'retainer') amountMinor = months.reduce((sum, m) => sum + m.feeMinor + m.overageMinor, 0);
    if (amountMinor !== null) amountByCurrency.set(project.currency, (amountByCurrency.get(project.currency) ?? 0) + amountMinor);
    for (const k of Object.keys(totals) as (keyof TimeTotals)[]) totals[k] += acc.totals[k];
    return {
      clientId: project.clientId,
      clientName: clientName(project),
      projectId: project.id,
      projectName: project.name,
      basis: billing.kind,
      currency: project.currency,
      ...acc.totals,
      amountMinor,
      feeMinor: billing.kind === 'fixed' || billing.kind === 'value' ? billing.feeMinor : null,
      effectiveRateMinor: amountMinor === null ? null : effectiveRateMinor(amountMinor, acc.totals.billableMs),
      months,
    };
  });
  summaries.sort((a, b) => compareText(a.clientName, b.clientName) || compareText(a.projectName, b.projectName) || compareText(a.projectId, b.projectId));

  const issues: ReportIssue[] = [];
  if (unknownCount > 0) issues.push(issue('unknown-project', unknown, unknownCount));
  if (billableBreakCount > 0) issues.push(issue('billable-break', billableBreaks, billableBreakCount));
  return { rows, projects: summaries, totals: { ...totals, amountByCurrency }, issues };
}
