/** An experiment: a hypothesis tested within a project, with the metric that decides it. */
import { z } from 'zod';
import { epochMsSchema, idSchema, textSchema, timestampsShape } from './common.ts';

/** Schema version of a stored Experiment. */
export const EXPERIMENT_VERSION = 1;

/** Where an experiment stands. */
export const experimentStatusSchema = z.enum(['planned', 'running', 'concluded', 'abandoned']);

/** What the result said about the hypothesis. */
export const experimentOutcomeSchema = z.enum(['supported', 'refuted', 'inconclusive']);

const metricValue = z.number().finite();

/** Fields of a stored experiment. `projectId` and `clientId` never change. */
export const experimentFields = z.strictObject({
  id: idSchema,
  projectId: idSchema,
  clientId: idSchema,
  phaseId: idSchema.optional(),
  /** "If we ..., then ... will ...". */
  hypothesis: z.string().trim().min(1, 'must not be empty').max(2_000),
  /** How the test is run. */
  setup: textSchema,
  metricName: z.string().trim().min(1, 'must not be empty').max(200),
  /** Unit shown beside values ("%", "ms", "signups/week"). */
  metricUnit: z.string().max(40).optional(),
  /** Value before the change. */
  baseline: metricValue.optional(),
  /** Value that would support the hypothesis. */
  target: metricValue.optional(),
  /** Value measured. */
  value: metricValue.optional(),
  status: experimentStatusSchema,
  outcome: experimentOutcomeSchema.optional(),
  /** Dashboards, documents, pull requests: http(s) only, opened through main's link allowlist. */
  links: z.array(z.url({ protocol: /^https?$/ }).max(2_000)).max(50),
  startedAt: epochMsSchema.optional(),
  endedAt: epochMsSchema.optional(),
  notes: textSchema,
  ...timestampsShape,
});

/** {@link experimentFields} with its cross-field rules. */
export const experimentSchema = experimentFields
  .refine((e) => e.outcome === undefined || e.status === 'concluded', {
    message: 'only a concluded experiment has an outcome',
    path: ['outcome'],
  })
  .refine((e) => e.startedAt === undefined || e.endedAt === undefined || e.startedAt <= e.endedAt, {
    message: 'ends before it starts',
    path: ['endedAt'],
  });
/** A stored experiment. */
export type Experiment = z.infer<typeof experimentSchema>;
