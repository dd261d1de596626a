/** A phase: an ordered stage of a project with its own hour budget and exit criteria. */
import { z } from 'zod';
import { hoursSchema, idSchema, isoDateSchema, nameSchema, nonNegativeMinorSchema, textSchema, timestampsShape } from './common.ts';

/** Schema version of a stored Phase. */
export const PHASE_VERSION = 1;

/** Where a phase stands. */
export const phaseStatusSchema = z.enum(['planned', 'active', 'done', 'skipped']);

/** Fields of a stored phase. `projectId` and `clientId` never change. */
export const phaseFields = z.strictObject({
  id: idSchema,
  projectId: idSchema,
  /** Copied from the project: it selects the encryption key without reading the project. */
  clientId: idSchema,
  name: nameSchema,
  /** Position within the project, 0 first. */
  order: z.int().nonnegative().max(10_000),
  budgetHours: hoursSchema,
  start: isoDateSchema.optional(),
  end: isoDateSchema.optional(),
  status: phaseStatusSchema,
  /**
   * A fixed-fee project's milestone fee for this phase, minor units of the project's currency:
   * invoiced once, when the person chooses it on a draft (usually when the phase is done).
   */
  milestoneFeeMinor: nonNegativeMinorSchema.optional(),
  /** What must be true to leave the phase. */
  exitCriteria: textSchema,
  ...timestampsShape,
});

/** {@link phaseFields} with its cross-field rules. */
export const phaseSchema = phaseFields.refine((p) => p.start === undefined || p.end === undefined || p.start <= p.end, {
  message: 'the end date is before the start date',
  path: ['end'],
});
/** A stored phase. */
export type Phase = z.infer<typeof phaseSchema>;
