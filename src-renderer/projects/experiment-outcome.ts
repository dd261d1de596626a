/**
 * What an experiment's numbers say about it, as a suggestion only: the person decides the outcome.
 * A new experiment has none ("Pending") until they do.
 *
 * Which way is better comes from the baseline: a target under the baseline means lower is better
 * (latency, error rate); otherwise, and without a baseline, higher is better (F1, sign-ups).
 */
import type { Experiment } from '../domain/experiment.ts';

export type Outcome = NonNullable<Experiment['outcome']>;

/** How the outcome reads on screen; absent: pending. */
export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = { supported: 'Supported', refuted: 'Refuted', inconclusive: 'Inconclusive' };
export const PENDING_LABEL = 'Pending';

export interface OutcomeSuggestion {
  outcome: Outcome;
  /** "0.66 is below the 0.7 target: target not met." */
  reason: string;
}

/** The outcome the measured value implies against the target, or null when one of them is missing. */
export function suggestOutcome(e: Pick<Experiment, 'baseline' | 'target' | 'value' | 'metricName'>): OutcomeSuggestion | null {
  const { baseline, target, value } = e;
  if (target === undefined || value === undefined) return null;
  const lowerIsBetter = baseline !== undefined && target < baseline;
  const met = lowerIsBetter ? value <= target : value >= target;
  const side = value === target ? 'at' : value > target ? 'above' : 'below';
  const name = e.metricName.trim() || 'The value';
  return {
    outcome: met ? 'supported' : 'refuted',
    reason: `${name} ${value} is ${side} the ${target} target${lowerIsBetter ? ' (lower is better)' : ''}: target ${met ? 'met' : 'not met'}.`,
  };
}

/** The outcome as shown in the list. */
export function outcomeLabel(e: Pick<Experiment, 'outcome' | 'status'>): string {
  if (e.outcome) return OUTCOME_LABELS[e.outcome];
  if (e.status === 'abandoned') return 'Abandoned';
  return e.status === 'planned' ? 'Planned' : e.status === 'running' ? `Running · outcome ${PENDING_LABEL.toLowerCase()}` : PENDING_LABEL;
}
