/**
 * Evaluating a kill switch against what has happened on its project, and the spend facts it reads.
 *
 * Pure: the caller gathers the facts and decides what to do with a level (warn, trip, stop the
 * timer). Evaluation never looks at the stored `warned`/`tripped` state, so it can say "no longer
 * over" after a block is deleted; whether a tripped switch may un-trip is the caller's policy.
 *
 * Levels:
 * - hours, spend: triggered when the value reaches the threshold (value ≥ threshold, compared in
 *   integers: ms and minor units), approaching from `warnAtRatio ?? 0.8` of it. A threshold of 0
 *   triggers at once, whatever the value (net refunds included), with ratio 1.
 * - date: triggered on the day itself. Approaching once `warnAtRatio ?? 0.8` of the days from the
 *   switch's creation to the date have passed, i.e. within the last 20 % by default; when that span
 *   is not computable (created on or after the date) from 3 days before. Creation is an instant, so
 *   its UTC day is used: at worst a day off the person's calendar, which only nudges the warning.
 * - metric: triggered when the experiment's latest value satisfies the comparator; no value yet is
 *   armed. There is no "approaching": a metric has no direction of travel to measure against.
 * - An absent `warnAtRatio` warns at 0.8, although the schema's comment reads "absent: no
 *   warning": a switch that is silent until it trips gives no time to call the client.
 * - A `disarmed` switch reports `armed` with `active: false`, still with its ratio and progress.
 */
import { formatHoursIn, type HourStyle } from '../ui/format/duration.ts';
import { currentHourStyle } from '../ui/format/hour-style-store.ts';
import { countOf } from '../ui/format/plural.ts';
import { DAY_MS, utcDay } from '../domain/common.ts';
import type { Expense } from '../domain/expense.ts';
import type { KillSwitch } from '../domain/kill-switch.ts';
import type { Project } from '../domain/project.ts';
import type { TimeBlock } from '../domain/time-block.ts';
import { formatMoney, HOUR_MS, timeAmountMinor } from '../reports/money.ts';
import { formatPercent } from '../ui/format/percent.ts';

/** What a switch is checked against, for one project. */
export interface KillSwitchFacts {
  /** All time tracked on the project, UTC ms. */
  readonly trackedMs: number;
  /** Spend per ISO 4217 code, minor units (see {@link spendFacts}). */
  readonly spendMinor: ReadonlyMap<string, number>;
  /** Today on the person's calendar, `YYYY-MM-DD`. */
  readonly today: string;
  /** Latest measured value per experiment id; undefined while there is none. */
  readonly metrics: ReadonlyMap<string, number | undefined>;
}

/** How close a switch is to tripping. */
export type KillLevel = 'armed' | 'approaching' | 'triggered';

/** A switch's evaluation. */
export interface KillEvaluation {
  readonly level: KillLevel;
  /** Progress toward the threshold (1 = reached); null for metric switches and uncomputable dates. */
  readonly ratio: number | null;
  /** One sentence for the UI: "32 h of 40 h (80 %)", "due 2026-12-01, 8 days left". */
  readonly progress: string;
  /** False for a disarmed switch, whose level is then always `armed`. */
  readonly active: boolean;
}

/** Display options; facts stay about numbers, names come from here. */
export interface KillEvalOptions {
  /** BCP 47 locale for numbers and money; the runtime's by default. */
  readonly locale?: string;
  /** Metric names by experiment id ("accuracy"); "metric" when missing. */
  readonly metricNames?: ReadonlyMap<string, string>;
  /** h:mm ("31:30 h") or decimal ("31.5 h"); the person's choice (Settings) by default. */
  readonly hourStyle?: HourStyle;
}

/** The fraction of the threshold at which a switch without `warnAtRatio` starts warning. */
export const DEFAULT_WARN_RATIO = 0.8;

/** Days before the date at which a date switch warns when its span cannot be computed. */
export const DATE_WARN_DAYS = 3;

/** The switch fields evaluation reads. */
export type EvaluatedSwitch = Pick<KillSwitch, 'trigger' | 'warnAtRatio' | 'state' | 'createdAt'>;

interface Measure {
  readonly level: KillLevel;
  readonly ratio: number | null;
  readonly progress: string;
}

const LARGEST_BELOW_ONE = 1 - Number.EPSILON / 2;

/** Level and ratio of an integer `value` against an integer `threshold`, decided in integers. */
function against(value: number, threshold: number, warn: number): Pick<Measure, 'level' | 'ratio'> {
  // A zero threshold means "not even once", so it trips before anything is spent (or refunded).
  if (threshold === 0) return { level: 'triggered', ratio: 1 };
  if (value >= threshold) return { level: 'triggered', ratio: value / threshold };
  // Below the threshold, so the ratio must read below 1 even where float division would round up.
  const ratio = Math.min(value / threshold, LARGEST_BELOW_ONE);
  return { level: ratio >= warn ? 'approaching' : 'armed', ratio };
}

/** "(80 %)", floored so that it never says 100 % before the switch trips; empty for a 0 threshold. */
function percent(ratio: number | null, threshold: number): string {
  return ratio === null || threshold === 0 ? '' : ` (${formatPercent(ratio, 'floor')})`;
}

function dayNumber(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`"${date}" is not a calendar date such as 2026-12-01.`);
  return Math.floor(ms / DAY_MS);
}

const plural = (n: number, word: string): string => countOf(n, word);

const COMPARATOR_TEXT = { '<': 'below', '<=': 'at or below', '>': 'above', '>=': 'at or above' } as const;

function satisfies(value: number, comparator: keyof typeof COMPARATOR_TEXT, threshold: number): boolean {
  switch (comparator) {
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
  }
}

function measure(sw: EvaluatedSwitch, facts: KillSwitchFacts, options: KillEvalOptions): Measure {
  const warn = sw.warnAtRatio ?? DEFAULT_WARN_RATIO;
  const { trigger } = sw;
  const hours = (ms: number): string => formatHoursIn(ms, options.hourStyle ?? currentHourStyle(), options.locale);
  switch (trigger.kind) {
    case 'hours': {
      const thresholdMs = Math.round(trigger.hours * HOUR_MS);
      const { level, ratio } = against(facts.trackedMs, thresholdMs, warn);
      const text = `${hours(facts.trackedMs)} of ${hours(thresholdMs)}`;
      return { level, ratio, progress: text + percent(ratio, thresholdMs) };
    }
    case 'spend': {
      // Only the switch's own currency: spend in others cannot be converted without a rate.
      const spent = facts.spendMinor.get(trigger.currency) ?? 0;
      const { level, ratio } = against(spent, trigger.amountMinor, warn);
      const money = (minor: number): string => formatMoney(minor, trigger.currency, options.locale);
      return { level, ratio, progress: `${money(spent)} of ${money(trigger.amountMinor)}${percent(ratio, trigger.amountMinor)}` };
    }
    case 'date': {
      const due = dayNumber(trigger.date);
      const left = due - dayNumber(facts.today);
      const when = left > 0 ? `${plural(left, 'day')} left` : left === 0 ? 'today' : `${plural(-left, 'day')} ago`;
      const progress = `due ${trigger.date}, ${when}`;
      if (left <= 0) return { level: 'triggered', ratio: 1, progress };
      const span = due - utcDay(sw.createdAt);
      if (span <= 0) return { level: left <= DATE_WARN_DAYS ? 'approaching' : 'armed', ratio: null, progress };
      const ratio = Math.max(0, Math.min((span - left) / span, LARGEST_BELOW_ONE));
      return { level: ratio >= warn ? 'approaching' : 'armed', ratio, progress };
    }
    case 'metric': {
      const name = options.metricNames?.get(trigger.experimentId) ?? 'metric';
      const value = facts.metrics.get(trigger.experimentId);
      const exact = new Intl.NumberFormat(options.locale, { maximumFractionDigits: 6 });
      const rule = `stops ${COMPARATOR_TEXT[trigger.comparator]} ${exact.format(trigger.threshold)}`;
      if (value === undefined) return { level: 'armed', ratio: null, progress: `${name} not measured yet, ${rule}` };
      const level = satisfies(value, trigger.comparator, trigger.threshold) ? 'triggered' : 'armed';
      return { level, ratio: null, progress: `${name} ${exact.format(value)}, ${rule}` };
    }
  }
}

/** Evaluates `sw` against `facts`; see the module comment for the rules of each trigger kind. */
export function evaluateKillSwitch(sw: EvaluatedSwitch, facts: KillSwitchFacts, options: KillEvalOptions = {}): KillEvaluation {
  const { level, ratio, progress } = measure(sw, facts, options);
  return sw.state === 'disarmed' ? { level: 'armed', ratio, progress, active: false } : { level, ratio, progress, active: true };
}

/**
 * Spend per currency of the given blocks and expenses, for the spend facts of one project (pass
 * that project's records). What counts, and why:
 * - Time: billable, non-break time of hourly projects at the project's rate, in its currency,
 *   rounded half up once per project on its summed ms (as reports do).
 * - Retainer, fixed and value time is not spend. The fee is owed whether or not the hours are
 *   worked, and retainer overage depends on calendar months in the client's zone, which these facts
 *   do not have; watch such projects with an hours switch.
 * - Expenses: all of them, pass-through or not, each in its own currency, refunds subtracting. A
 *   pass-through expense is what the client pays on top; one that is not is what the project costs
 *   the freelancer. Both are money the project burns, which is what a spend switch is agreed on.
 * - Blocks of a project missing from `projects` are skipped: without billing there is no rate.
 * Sums are BigInt; a total beyond 2^53 minor units throws RangeError.
 */
export function spendFacts(
  blocks: readonly Pick<TimeBlock, 'projectId' | 'start' | 'end' | 'kind' | 'billable'>[],
  expenses: readonly Pick<Expense, 'amountMinor' | 'currency'>[],
  projects: readonly Pick<Project, 'id' | 'billing' | 'currency'>[],
): Map<string, number> {
  const byId = new Map(projects.map((p) => [p.id, p]));
  const billableMs = new Map<string, number>();
  for (const block of blocks) {
    if (!block.billable || block.kind === 'break') continue;
    if (byId.get(block.projectId)?.billing.kind !== 'hourly') continue;
    billableMs.set(block.projectId, (billableMs.get(block.projectId) ?? 0) + (block.end - block.start));
  }
  const sums = new Map<string, bigint>();
  const add = (currency: string, minor: number): void => {
    sums.set(currency, (sums.get(currency) ?? 0n) + BigInt(minor));
  };
  for (const [projectId, ms] of billableMs) {
    const project = byId.get(projectId);
    if (project?.billing.kind === 'hourly') add(project.currency, timeAmountMinor(ms, project.billing.rateMinor));
  }
  for (const expense of expenses) add(expense.currency, expense.amountMinor);
  const spend = new Map<string, number>();
  for (const [currency, minor] of sums) {
    if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new RangeError(`Spend in ${currency} is beyond what can be stored exactly; check expenses for a misplaced unit.`);
    }
    spend.set(currency, Number(minor));
  }
  return spend;
}
