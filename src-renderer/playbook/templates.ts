/**
 * Phase templates for AI/ML work: a project starts with sensible stages, hour budgets and exit
 * criteria instead of an empty list, and the person edits from there.
 *
 * Shares are integer percentages so that the split is integer arithmetic on half hours, not a
 * sum of floats that drifts off the total.
 */
import type { Phase } from '../domain/phase.ts';

/** One stage of a template: what it is called, its part of the budget and when it is finished. */
export interface PhaseTemplateStep {
  readonly name: string;
  /** Share of the total estimate, in whole percent; a template's shares add up to 100. */
  readonly sharePercent: number;
  /** One practical line: what must be true to leave the phase. */
  readonly exitCriteria: string;
}

/** A named, ordered list of phases a project can start from. */
export interface PhaseTemplate {
  readonly id: PhaseTemplateId;
  readonly label: string;
  /** One sentence for the picker: when this template fits. */
  readonly description: string;
  readonly phases: readonly PhaseTemplateStep[];
}

/** The templates on offer; `custom` starts with no phases. */
export type PhaseTemplateId = 'ai-lifecycle' | 'crisp-dm' | 'custom';

/** Every template, keyed by id, in the order the picker shows them. */
export const PHASE_TEMPLATES: Readonly<Record<PhaseTemplateId, PhaseTemplate>> = {
  'ai-lifecycle': {
    id: 'ai-lifecycle',
    label: 'AI project lifecycle',
    description: 'Product-style AI work: prove it can work early, then build, ship and keep it healthy.',
    phases: [
      { name: 'Discovery', sharePercent: 10, exitCriteria: 'Problem, success metric, go/no-go threshold and data access are agreed in writing.' },
      { name: 'Feasibility / POC', sharePercent: 20, exitCriteria: 'A baseline beats the agreed threshold on held-out data, or we stop.' },
      { name: 'Iterative development', sharePercent: 40, exitCriteria: 'The model meets the target on the frozen test set and the client signs off a demo.' },
      { name: 'Integration and deployment', sharePercent: 20, exitCriteria: 'It runs in the client’s environment with monitoring on and a tested rollback.' },
      { name: 'Monitoring and maintenance', sharePercent: 10, exitCriteria: 'Drift and quality alerts are live and the client accepts the handover runbook.' },
    ],
  },
  'crisp-dm': {
    id: 'crisp-dm',
    label: 'CRISP-DM',
    description: 'Classic data-mining and analytics projects, where preparing the data is most of the work.',
    phases: [
      {
        name: 'Business understanding',
        sharePercent: 10,
        exitCriteria: 'Business goal, success criterion and the data-mining goal are agreed and written down.',
      },
      { name: 'Data understanding', sharePercent: 15, exitCriteria: 'Every source is accessed and profiled, and its quality problems are listed.' },
      { name: 'Data preparation', sharePercent: 30, exitCriteria: 'A reproducible pipeline builds the modelling data set from the raw sources.' },
      { name: 'Modeling', sharePercent: 20, exitCriteria: 'A model beats the baseline on validation data, with its settings recorded.' },
      { name: 'Evaluation', sharePercent: 15, exitCriteria: 'Results are checked against the business criterion and the client decides go or no-go.' },
      { name: 'Deployment', sharePercent: 10, exitCriteria: 'The model is delivered with a monitoring and maintenance plan the client accepts.' },
    ],
  },
  custom: {
    id: 'custom',
    label: 'Custom',
    description: 'No phases; add your own.',
    phases: [],
  },
};

/** A phase to be created from a template: the fields a template decides; ids and dates come later. */
export type PhaseDraft = Pick<Phase, 'name' | 'order' | 'budgetHours' | 'exitCriteria' | 'status'>;

/**
 * The phases of `templateId` for a project estimated at `totalEstimateHours`.
 *
 * Each phase gets its share of the total rounded to the nearest 0.5 h, ties down; the
 * largest-share phase (the first of equals) takes whatever is left, so the budgets add up to the
 * total exactly. Ties go down so that the slack lands on the largest phase rather than starving it
 * (2.5 h of CRISP-DM would otherwise leave Data preparation at 0 h). That is
 * exact for totals in half hours (all the arithmetic is on multiples of 0.5, which floats hold
 * exactly); any other total leaves the largest phase with the odd fraction. The first phase is
 * `active`, the rest `planned`. Throws RangeError for a negative or non-finite total.
 */
export function phasesFromTemplate(templateId: PhaseTemplateId, totalEstimateHours: number): PhaseDraft[] {
  if (!Number.isFinite(totalEstimateHours) || totalEstimateHours < 0) {
    throw new RangeError(`The estimate must be zero or more hours; got ${totalEstimateHours}.`);
  }
  const steps = PHASE_TEMPLATES[templateId].phases;
  if (steps.length === 0) return [];
  let largest = 0;
  steps.forEach((step, i) => {
    if (step.sharePercent > (steps[largest]?.sharePercent ?? 0)) largest = i;
  });
  // Half hours: total × share% × 2 = total × share / 50, exact at ties for half-hour totals.
  // Math.max turns the -0 that ceil(-0.5) gives into 0, which would otherwise be stored and shown.
  const halves = steps.map((step, i) => (i === largest ? 0 : Math.max(0, Math.ceil((totalEstimateHours * step.sharePercent) / 50 - 0.5))));
  const othersHours = halves.reduce((sum, h) => sum + h, 0) / 2;
  return steps.map((step, i) => ({
    name: step.name,
    order: i,
    budgetHours: i === largest ? totalEstimateHours - othersHours : (halves[i] ?? 0) / 2,
    exitCriteria: step.exitCriteria,
    status: i === 0 ? 'active' : 'planned',
  }));
}
