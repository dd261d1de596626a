/**
 * Time lines of an hourly project: one per rate period (rate-schedule.ts; the billing's rate before
 * the first change), the project's rounding applied per block or per day (billing-rounding.ts),
 * then the billed time cut to what the invoice prints (quantities.ts) and priced once. Pure.
 */
import type { InvoiceHourStyle } from '../../domain/business-profile.ts';
import type { InvoiceLine, LineVat } from '../../domain/invoice.ts';
import type { Project } from '../../domain/project.ts';
import { NO_ROUNDING, roundedBillableMs } from '../billing-rounding.ts';
import { checkSchedule, groupByRate, type RateChange } from '../rate-schedule.ts';
import { toInvoiceCurrency } from './currency.ts';
import { priceHours, printableMs } from './quantities.ts';
import type { DayBlock } from './selection.ts';
import type { CurrencyRate } from './types.ts';
import { lineId, periodText } from './words.ts';

/** What every line builder needs besides its records. */
export interface LineContext {
  currency: string;
  currencyRates: Readonly<Record<string, CurrencyRate>> | undefined;
  hourStyle: InvoiceHourStyle;
  vat: LineVat;
  locale: string | undefined;
}

export interface Built {
  lines: InvoiceLine[];
  problems: string[];
}

/** A stretch of time at one hourly rate, priced as the invoice prints it. */
export function timeLine(
  kind: 'time' | 'overage',
  id: string,
  description: string,
  stretches: readonly { ms: number; day: string }[],
  billedRawMs: number,
  unitPriceMinor: number,
  blockIds: string[],
  project: Project,
  ctx: LineContext,
): InvoiceLine {
  const days = stretches.map((s) => s.day).sort();
  const billedMs = printableMs(billedRawMs, ctx.hourStyle);
  return {
    id,
    kind,
    description,
    quantity: { unit: 'hour', billedMs, workedMs: stretches.reduce((sum, s) => sum + s.ms, 0) },
    unitPriceMinor,
    netMinor: priceHours(billedMs, unitPriceMinor),
    vat: ctx.vat,
    projectId: project.id,
    blockIds,
    expenseIds: [],
    ...(days.length === 0 ? {} : { period: { from: days[0]!, to: days[days.length - 1]! } }),
  };
}

/** The rate schedule of `project` with `baseRateMinor` before the first change, or a problem in words. */
export function projectSchedule(project: Project): { ok: true; schedule: RateChange[] } | { ok: false; problem: string } {
  const checked = checkSchedule(project.rateChanges ?? []);
  return checked.ok ? checked : { ok: false, problem: `${project.name}: ${checked.problem}` };
}

/** The hourly rate of a period in the invoice's currency. */
export function unitPrice(rateMinor: number, project: Project, ctx: LineContext): { ok: true; minor: number } | { ok: false; problem: string } {
  const converted = toInvoiceCurrency(rateMinor, project.currency, ctx.currency, ctx.currencyRates);
  if (!converted.ok) return { ok: false, problem: `${converted.problem} ${project.name} is priced in ${project.currency}.` };
  return { ok: true, minor: converted.amountMinor };
}

export function hourlyLines(project: Project, blocks: readonly DayBlock[], ctx: LineContext): Built {
  if (project.billing.kind !== 'hourly' || blocks.length === 0) return { lines: [], problems: [] };
  const baseRate = project.billing.rateMinor;
  const schedule = projectSchedule(project);
  if (!schedule.ok) return { lines: [], problems: [schedule.problem] };
  const rule = project.rounding ?? NO_ROUNDING;
  const lines: InvoiceLine[] = [];
  for (const period of groupByRate(schedule.schedule, blocks)) {
    const price = unitPrice(period.change?.rateMinor ?? baseRate, project, ctx);
    if (!price.ok) return { lines: [], problems: [price.problem] };
    const stretches = period.items.map((b) => ({ ms: b.ms, day: b.day }));
    const days = stretches.map((s) => s.day).sort();
    lines.push(
      timeLine(
        'time',
        lineId('time', project.id, period.change?.from ?? 'base'),
        `${project.name}, ${periodText(days[0]!, days[days.length - 1]!, ctx.locale)}`,
        stretches,
        roundedBillableMs(stretches, rule),
        price.minor,
        period.items.map((b) => b.block.id),
        project,
        ctx,
      ),
    );
  }
  return { lines, problems: [] };
}
