/**
 * A retainer's lines: one `retainer` line per calendar month whose first day is in the period
 * (the fee, once per month: a month already on an issued invoice is not billed again), and
 * `overage` lines for billable time beyond the month's included hours, at `overageRateMinor` and
 * its rate changes.
 *
 * The month's included hours, the rollover of one month's unused hours and the overage are
 * reports/aggregate.ts's (one rule for reports and invoices). It is given the whole months the
 * period touches and every billable block in them that is billed or on this draft, so time billed
 * on an earlier invoice of the same month uses up included hours; overage already invoiced for the
 * month (its lines' worked time) is subtracted. The overage is the month's LAST time: it is taken
 * from the end of the month's blocks on this draft, so a rate change splits it on the right days.
 */
import type { InvoiceLine } from '../../domain/invoice.ts';
import type { Project } from '../../domain/project.ts';
import type { TimeBlock } from '../../domain/time-block.ts';
import { aggregateReport } from '../../reports/aggregate.ts';
import { fromZoned } from '../../time/zoned-time.ts';
import { groupByRate } from '../rate-schedule.ts';
import { type Built, type LineContext, projectSchedule, timeLine, unitPrice } from './hourly-lines.ts';
import { toInvoiceCurrency } from './currency.ts';
import type { DayBlock } from './selection.ts';
import { lineId, monthText } from './words.ts';

export interface RetainerRecords {
  /** Blocks on this draft (candidates not unticked), by start. */
  onDraft: readonly DayBlock[];
  /** Every block of the client (billed ones too). */
  all: readonly TimeBlock[];
  issuedLines: readonly InvoiceLine[];
  from: string;
  to: string;
  zone: string;
  dayOf: (epochMs: number) => string;
}

/** 'YYYY-MM' months from the month of `from` to the month of `to`. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const label = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (label > last) return months;
    months.push(label);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}

function monthStart(month: string, zone: string): number {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return fromZoned({ year, month: m, day: 1, hour: 0, minute: 0 }, zone);
}

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** The last `overageMs` of `blocks` (sorted by start), as stretches with their day and block. */
function lastStretches(blocks: readonly DayBlock[], overageMs: number): { ms: number; day: string; blockId: string }[] {
  const taken: { ms: number; day: string; blockId: string }[] = [];
  let left = overageMs;
  for (let i = blocks.length - 1; i >= 0 && left > 0; i -= 1) {
    const b = blocks[i]!;
    const ms = Math.min(b.ms, left);
    taken.unshift({ ms, day: b.day, blockId: b.block.id });
    left -= ms;
  }
  return taken;
}

export function retainerLines(project: Project, records: RetainerRecords, ctx: LineContext): Built {
  const billing = project.billing;
  if (billing.kind !== 'retainer') return { lines: [], problems: [] };
  const schedule = projectSchedule(project);
  if (!schedule.ok) return { lines: [], problems: [schedule.problem] };
  const months = monthsBetween(records.from, records.to);
  const range = { from: monthStart(months[0]!, records.zone), to: monthStart(nextMonth(months[months.length - 1]!), records.zone) };
  const onDraft = new Set(records.onDraft.map((b) => b.block.id));
  // Billed time and this draft's time count; unbilled time of these months not on the draft does not.
  const counted = records.all.filter(
    (b) => b.projectId === project.id && b.billable && b.kind !== 'break' && (b.billed || onDraft.has(b.id) || b.start < range.from || b.start >= range.to),
  );
  const report = aggregateReport({ clients: [], projects: [project], phases: [], blocks: counted }, range, records.zone);
  const summary = report.projects.find((p) => p.projectId === project.id);

  const lines: InvoiceLine[] = [];
  const problems: string[] = [];
  for (const month of months) {
    const first = `${month}-01`;
    const blocks = records.onDraft.filter((b) => b.day.startsWith(month));
    const feeBilled = records.issuedLines.some((l) => l.kind === 'retainer' && l.projectId === project.id && l.period?.from === first);
    const feeLine = first >= records.from && first <= records.to && !feeBilled;
    if (feeLine) {
      const fee = toInvoiceCurrency(billing.feeMinor, project.currency, ctx.currency, ctx.currencyRates);
      if (!fee.ok) return { lines: [], problems: [`${fee.problem} ${project.name} is priced in ${project.currency}.`] };
      const last = records.dayOf(monthStart(nextMonth(month), records.zone) - 1);
      lines.push({
        id: lineId('retainer', project.id, month),
        kind: 'retainer',
        description: `${project.name}, retainer ${monthText(month, ctx.locale)} (${billing.hoursPerMonth} h included)`,
        quantity: { unit: 'item', milli: 1000 },
        unitPriceMinor: fee.amountMinor,
        netMinor: fee.amountMinor,
        vat: ctx.vat,
        projectId: project.id,
        blockIds: blocks.map((b) => b.block.id),
        expenseIds: [],
        period: { from: first, to: last },
      });
    } else if (blocks.length > 0 && !feeBilled) {
      problems.push(
        `${project.name}: the ${monthText(month, ctx.locale)} retainer fee is billed on the invoice whose period holds the 1st of the month; choose a period from ${first}.`,
      );
    }
    const reported = summary?.months.find((m) => m.month === month);
    const alreadyMs = records.issuedLines
      .filter((l) => l.kind === 'overage' && l.projectId === project.id && l.period?.from.startsWith(month) === true && l.quantity.unit === 'hour')
      .reduce((sum, l) => sum + (l.quantity.unit === 'hour' ? l.quantity.workedMs : 0), 0);
    const overageMs = Math.max(0, (reported?.overageMs ?? 0) - alreadyMs);
    const firstOverage = lines.length;
    for (const period of groupByRate(schedule.schedule, lastStretches(blocks, overageMs))) {
      const price = unitPrice(period.change?.rateMinor ?? billing.overageRateMinor, project, ctx);
      if (!price.ok) return { lines: [], problems: [price.problem] };
      const ms = period.items.reduce((sum, s) => sum + s.ms, 0);
      lines.push(
        timeLine(
          'overage',
          lineId('overage', project.id, month, period.change?.from ?? 'base'),
          `${project.name}, hours beyond the retainer ${monthText(month, ctx.locale)}`,
          period.items,
          ms,
          price.minor,
          [...new Set(period.items.map((s) => s.blockId))],
          project,
          ctx,
        ),
      );
    }
    // Without a fee line, the month's time within its included hours (a fee invoiced before) is
    // billed with its overage, so it is not offered again.
    const overage = lines[firstOverage];
    if (!feeLine && overage !== undefined) {
      const onLater = new Set(lines.slice(firstOverage + 1).flatMap((l) => l.blockIds));
      overage.blockIds = [...new Set([...overage.blockIds, ...blocks.map((b) => b.block.id).filter((id) => !onLater.has(id))])];
    }
    if (!feeLine && overage === undefined && feeBilled && blocks.length > 0) {
      problems.push(
        `${project.name}: the time of ${monthText(month, ctx.locale)} on this draft is within the retainer’s hours, whose fee is already invoiced; there is nothing more to bill for it.`,
      );
    }
  }
  return { lines, problems };
}
