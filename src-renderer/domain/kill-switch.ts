/**
 * A kill switch: a stop point agreed for a project ("stop at 40 hours", "stop if sign-ups stay
 * under 2 %"), checked as time and money accrue.
 *
 * The trigger is one nested, discriminated value rather than flat `kind`/`threshold` fields, so a
 * change replaces it whole (a merge can never pair an hours kind with a money threshold).
 */
import { z } from 'zod';
import { currencySchema, epochMsSchema, hoursSchema, idSchema, isoDateSchema, nonNegativeMinorSchema, textSchema, timestampsShape } from './common.ts';

/** Schema version of a stored KillSwitch. */
export const KILL_SWITCH_VERSION = 1;

/** What trips the switch. */
export const killTriggerSchema = z.discriminatedUnion('kind', [
  /** Tracked hours on the project reach `hours`. */
  z.strictObject({ kind: z.literal('hours'), hours: hoursSchema }),
  /** Spend (billable time at its rate plus expenses) reaches `amountMinor` in `currency`. */
  z.strictObject({ kind: z.literal('spend'), amountMinor: nonNegativeMinorSchema, currency: currencySchema }),
  /** The calendar reaches `date`. */
  z.strictObject({ kind: z.literal('date'), date: isoDateSchema }),
  /** An experiment's measured value crosses `threshold`. */
  z.strictObject({
    kind: z.literal('metric'),
    experimentId: idSchema,
    comparator: z.enum(['<', '<=', '>', '>=']),
    threshold: z.number().finite(),
  }),
]);
/** What trips a kill switch. */
export type KillTrigger = z.infer<typeof killTriggerSchema>;

/** Lifecycle: armed -> warned (at `warnAtRatio` of the threshold) -> tripped; disarmed by hand. */
export const killStateSchema = z.enum(['armed', 'warned', 'tripped', 'disarmed']);

/** What was decided when a triggered switch was acknowledged. */
export const killDecisionSchema = z.enum([
  /** Go on with a higher stop point (the trigger was raised; the switch is armed again). */
  'new-budget',
  /** Change what the project delivers. */
  'rescope',
  /** Go on as agreed, without a new stop point. */
  'continue',
  /** Pause the project. */
  'pause-project',
  /** Stop the project. */
  'stop-project',
  /** Anything else: the note says what. */
  'other',
]);
/** A decision taken on a triggered kill switch. */
export type KillDecision = z.infer<typeof killDecisionSchema>;

/** One acknowledgement: when, what had triggered, what was decided and why. */
export const killAcknowledgementSchema = z.strictObject({
  at: epochMsSchema,
  /** When the switch had tripped. */
  trippedAt: epochMsSchema,
  decision: killDecisionSchema,
  note: z.string().max(2_000),
  /** For a new budget: the stop point before it was raised. */
  previousTrigger: killTriggerSchema.optional(),
});
/** One acknowledgement of a triggered kill switch. */
export type KillAcknowledgement = z.infer<typeof killAcknowledgementSchema>;

/** Fields of a stored kill switch. `projectId` and `clientId` never change. */
export const killSwitchFields = z.strictObject({
  id: idSchema,
  projectId: idSchema,
  clientId: idSchema,
  trigger: killTriggerSchema,
  /** Fraction of the threshold at which to warn (0.8 = at 80 %); absent: the default, 80 % (playbook/kill-switch-eval.ts). */
  warnAtRatio: z.number().gt(0).lt(1).optional(),
  /** What was agreed to happen ("stop and call the client"). */
  consequence: z.string().trim().min(1, 'must not be empty').max(2_000),
  /** Whether the timer stops on its own when the switch trips. */
  stopsTimer: z.boolean(),
  state: killStateSchema,
  /** When it tripped, UTC epoch ms. */
  trippedAt: epochMsSchema.optional(),
  notes: textSchema,
  /**
   * Every acknowledgement, oldest first. Optional so that records stored before it existed stay
   * valid as they are (no version bump, no upgrade); absent reads as none.
   */
  acknowledgements: z.array(killAcknowledgementSchema).max(500).optional(),
  ...timestampsShape,
});

/** {@link killSwitchFields} with its cross-field rules. */
export const killSwitchSchema = killSwitchFields.refine((k) => (k.state === 'tripped') === (k.trippedAt !== undefined), {
  message: 'a tripped switch needs the time it tripped, and only a tripped one',
  path: ['trippedAt'],
});
/** A stored kill switch. */
export type KillSwitch = z.infer<typeof killSwitchSchema>;
