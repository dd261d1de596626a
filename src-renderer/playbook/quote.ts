/**
 * Scoping a quote with a research buffer, pricing it under each billing kind, and watching the
 * quoted hours burn down as time is tracked.
 *
 * AI/ML estimates are guesses about experiments that may fail, so every phase carries a buffer on
 * top of its estimate (50 % unless the person says otherwise). The rules (docs/money.md, "Quotes"):
 * - Hours become whole milliseconds first (`round(hours × 3 600 000)`), exact for every quarter,
 *   tenth or minute a person types; all later arithmetic is on integers.
 * - The buffer is rounded once, on the total: `total estimate × ratio` rounded UP to the next half
 *   hour (it is the reserve for the unknown; rounding it down would quietly undercut the reason it
 *   exists). Rounding each phase up instead added up to half an hour per phase, so 6 h over five
 *   phases quoted 9.5 h at 50 % instead of 9 h. The total's half hours are then shared among the
 *   phases by largest remainder: each phase gets its exact buffer's whole half hours, and the
 *   half hours left go to the phases with the largest remainders (the earlier phase on a tie). So
 *   phases add up to the total, and each is within half an hour of its exact buffer. The ratio is
 *   read to the basis point (0.01 %), so 0.5 and 0.30000000000000004 behave as people expect.
 * - Money is computed once, at the end, with {@link timeAmountMinor} (round half up of
 *   ms × rate / 1 h in BigInt), never per phase and never on float hours.
 */
import type { Billing } from '../domain/project.ts';
import type { TimeBlock } from '../domain/time-block.ts';
import { effectiveRateMinor, HOUR_MS, timeAmountMinor } from '../reports/money.ts';

const HALF_HOUR_MS = HOUR_MS / 2;
const BASIS_POINTS = 10_000n;

/** A phase as the scoping form knows it. */
export interface PhaseEstimate {
  readonly id: string;
  readonly name: string;
  readonly estimateHours: number;
}

/** Hours of one quote line or of the whole quote; the `…Ms` fields are the exact values. */
export interface QuotedHours {
  readonly estimateHours: number;
  readonly bufferHours: number;
  readonly quotedHours: number;
  readonly estimateMs: number;
  readonly bufferMs: number;
  readonly quotedMs: number;
}

/** One phase of a quote. */
export interface PhaseQuote extends QuotedHours {
  readonly id: string;
  readonly name: string;
}

/** A scoped quote: its phases in the order given, and their sums. */
export interface Quote {
  readonly phases: readonly PhaseQuote[];
  readonly totals: QuotedHours;
}

/** Hours to whole ms; throws RangeError for what no form should let through. */
function hoursToMs(hours: number, what: string): number {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`${what} must be zero or more hours; got ${hours}.`);
  return Math.round(hours * HOUR_MS);
}

function lineOf(estimateMs: number, bufferMs: number): QuotedHours {
  const quotedMs = estimateMs + bufferMs;
  return {
    estimateHours: estimateMs / HOUR_MS,
    bufferHours: bufferMs / HOUR_MS,
    quotedHours: quotedMs / HOUR_MS,
    estimateMs,
    bufferMs,
    quotedMs,
  };
}

/**
 * Adds a research buffer of `bufferRatio` (0.5 = 50 %) to each phase: 10 h at 50 % quotes 15 h.
 * See the module comment for the rounding. Throws RangeError for negative or non-finite input.
 */
export function quotePhases(phases: readonly PhaseEstimate[], bufferRatio = 0.5): Quote {
  if (!Number.isFinite(bufferRatio) || bufferRatio < 0) throw new RangeError(`The buffer must be zero or more; got ${bufferRatio}.`);
  const ratioBp = BigInt(Math.round(bufferRatio * 10_000));
  const unit = BASIS_POINTS * BigInt(HALF_HOUR_MS);
  const estimates = phases.map((phase) => hoursToMs(phase.estimateHours, `The estimate for "${phase.name}"`));
  // Exact buffers × 10 000 / basis points, in integers: estimate × bp.
  const exact = estimates.map((ms) => BigInt(ms) * ratioBp);
  const estimateSum = estimates.reduce((a, b) => a + b, 0);
  // ceil(total estimate × bp / 10 000 / 30 min) half hours, once.
  const totalHalves = (exact.reduce((a, b) => a + b, 0n) + unit - 1n) / unit;
  const halves = exact.map((e) => e / unit);
  let left = totalHalves - halves.reduce((a, b) => a + b, 0n);
  const byRemainder = exact.map((e, i) => ({ i, rest: e % unit })).sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (const { i } of byRemainder) {
    if (left <= 0n) break;
    halves[i] = (halves[i] ?? 0n) + 1n;
    left -= 1n;
  }
  const lines = phases.map((phase, i) => {
    const bufferMs = Number(halves[i] ?? 0n) * HALF_HOUR_MS;
    return { id: phase.id, name: phase.name, ...lineOf(estimates[i] ?? 0, bufferMs) };
  });
  const bufferSum = Number(totalHalves) * HALF_HOUR_MS;
  return { phases: lines, totals: lineOf(estimateSum, bufferSum) };
}

/** What a quote of some hours costs the client, by billing kind; amounts in the project's currency. */
export type QuoteAmount =
  | { readonly kind: 'hourly'; readonly amountMinor: number }
  | {
      readonly kind: 'fixed' | 'value';
      readonly feeMinor: number;
      /** The fee per quoted hour, rounded half up; null for a quote of no hours. */
      readonly impliedRateMinor: number | null;
    }
  | {
      readonly kind: 'retainer';
      /** Whole months of `hoursPerMonth` needed to cover the hours; null when a month includes no hours. */
      readonly months: number | null;
      readonly feeMinor: number;
      /** fee × months; null with `months`. */
      readonly amountMinor: number | null;
      /** amountMinor per quoted hour, rounded half up; null without hours or amount. */
      readonly impliedRateMinor: number | null;
    };

/**
 * Prices `quotedHours` under `billing`.
 * - hourly: round half up (quoted ms × rate / 1 h), once.
 * - fixed, value: the fee as agreed, and the hourly rate it implies for the quoted hours.
 * - retainer: enough whole months to cover the hours (`ceil(quoted / hoursPerMonth)`), priced at
 *   fee × months and nothing else: the months are chosen so that no overage is planned, and the
 *   unused hours of the last month are the client's headroom, not a discount. A retainer with no
 *   hours per month cannot cover any work, so months and amount are null unless the quote is 0 h.
 */
export function quoteAmount(quotedHours: number, billing: Billing): QuoteAmount {
  const quotedMs = hoursToMs(quotedHours, 'The quoted time');
  switch (billing.kind) {
    case 'hourly':
      return { kind: 'hourly', amountMinor: timeAmountMinor(quotedMs, billing.rateMinor) };
    case 'fixed':
    case 'value':
      return { kind: billing.kind, feeMinor: billing.feeMinor, impliedRateMinor: effectiveRateMinor(billing.feeMinor, quotedMs) };
    case 'retainer': {
      const monthMs = hoursToMs(billing.hoursPerMonth, 'The retainer’s hours per month');
      const months = quotedMs === 0 ? 0 : monthMs === 0 ? null : Math.ceil(quotedMs / monthMs);
      const amount = months === null ? null : BigInt(billing.feeMinor) * BigInt(months);
      if (amount !== null && amount > BigInt(Number.MAX_SAFE_INTEGER)) {
        throw new RangeError('The retainer quote is too large to store exactly; check the fee and hours per month for a misplaced unit.');
      }
      const amountMinor = amount === null ? null : Number(amount);
      return {
        kind: 'retainer',
        months,
        feeMinor: billing.feeMinor,
        amountMinor,
        impliedRateMinor: amountMinor === null ? null : effectiveRateMinor(amountMinor, quotedMs),
      };
    }
  }
}

/** A phase's quoted time against the time tracked on it. */
export interface PhaseBurn {
  /** null for the "Unphased" row. */
  readonly phaseId: string | null;
  readonly name: string;
  readonly quotedMs: number;
  readonly actualMs: number;
  /** actual / quoted; null when nothing was quoted (always for "Unphased"). */
  readonly ratio: number | null;
}

/** Burn per phase in quote order, "Unphased" last when it has time, and the project's totals. */
export interface Burn {
  readonly rows: readonly PhaseBurn[];
  readonly totals: { readonly quotedMs: number; readonly actualMs: number; readonly ratio: number | null };
}

/** Name of the row for time that no quoted phase accounts for. */
export const UNPHASED = 'Unphased';

const ratioOf = (actual: number, quoted: number): number | null => (quoted > 0 ? actual / quoted : null);

/**
 * Quoted against tracked time per phase, for one project's blocks. Every block but a break burns
 * the budget, billable or not: unbilled work is still work the quote had to cover. Blocks without
 * a phase, or with a phase the quote does not list (deleted, added later), make up "Unphased",
 * which appears only when it holds time.
 */
export function burnByPhase(
  phases: readonly Pick<PhaseQuote, 'id' | 'name' | 'quotedMs'>[],
  blocks: readonly Pick<TimeBlock, 'phaseId' | 'start' | 'end' | 'kind'>[],
): Burn {
  const actual = new Map<string | null, number>();
  const known = new Set(phases.map((p) => p.id));
  for (const block of blocks) {
    if (block.kind === 'break') continue;
    const key = block.phaseId !== undefined && known.has(block.phaseId) ? block.phaseId : null;
    actual.set(key, (actual.get(key) ?? 0) + (block.end - block.start));
  }
  const rows: PhaseBurn[] = phases.map((p) => {
    const actualMs = actual.get(p.id) ?? 0;
    return { phaseId: p.id, name: p.name, quotedMs: p.quotedMs, actualMs, ratio: ratioOf(actualMs, p.quotedMs) };
  });
  const unphasedMs = actual.get(null) ?? 0;
  if (unphasedMs > 0) rows.push({ phaseId: null, name: UNPHASED, quotedMs: 0, actualMs: unphasedMs, ratio: null });
  const quotedMs = rows.reduce((sum, r) => sum + r.quotedMs, 0);
  const actualMs = rows.reduce((sum, r) => sum + r.actualMs, 0);
  return { rows, totals: { quotedMs, actualMs, ratio: ratioOf(actualMs, quotedMs) } };
}
