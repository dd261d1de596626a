/** A project: a piece of work for one client, with its billing terms. */
import { z } from 'zod';
import { expenseCategorySchema } from './expense.ts';
import { currencySchema, hoursSchema, idSchema, isoDateSchema, nameSchema, nonNegativeMinorSchema, textSchema, timestampsShape } from './common.ts';

/** Schema version of a stored Project. 2: the project's terms (success metric, data, IP, bias testing, cost alert). */
export const PROJECT_VERSION = 2;

/** Where a project stands. */
export const projectStatusSchema = z.enum(['lead', 'active', 'paused', 'done', 'cancelled']);
/** Where a project stands. */
export type ProjectStatus = z.infer<typeof projectStatusSchema>;

/** How the project is billed; amounts are minor units of the project's currency. */
export const billingSchema = z.discriminatedUnion('kind', [
  /** Time and materials. */
  z.strictObject({ kind: z.literal('hourly'), rateMinor: nonNegativeMinorSchema }),
  /** A fixed fee for the agreed scope. */
  z.strictObject({ kind: z.literal('fixed'), feeMinor: nonNegativeMinorSchema }),
  /** A fee set by the value delivered; `basis` records what that value is (for the quote). */
  z.strictObject({ kind: z.literal('value'), feeMinor: nonNegativeMinorSchema, basis: z.string().max(2_000) }),
  /**
   * A monthly retainer covering `hoursPerMonth`, extra hours at `overageRateMinor`. `rollover`:
   * whether a month's unused hours carry into the next month (one month only, then they expire);
   * absent means none.
   */
  z.strictObject({
    kind: z.literal('retainer'),
    hoursPerMonth: hoursSchema,
    feeMinor: nonNegativeMinorSchema,
    overageRateMinor: nonNegativeMinorSchema,
    rollover: z.enum(['none', 'next-month']).optional(),
  }),
]);
/** How a project is billed. */
export type Billing = z.infer<typeof billingSchema>;

/** What success is measured by, agreed at the start ("F1 from 0.62 to 0.75 on the frozen test set"). */
export const successMetricSchema = z.strictObject({
  name: z.string().trim().min(1, 'name the metric').max(200),
  baseline: z.number().finite().optional(),
  target: z.number().finite().optional(),
  /** Whether a higher value is better (F1, ROI) or a lower one (MSE, latency). */
  direction: z.enum(['higher', 'lower']),
});
/** A project's success metric. */
export type SuccessMetric = z.infer<typeof successMetricSchema>;

/** One item the client must deliver before the work can use it. */
export const dataRequirementSchema = z.strictObject({
  item: z.string().trim().min(1, 'say what data').max(500),
  format: z.string().max(200).optional(),
  /** Minimum labelled examples agreed. */
  minLabeled: z.int().nonnegative().max(1_000_000_000).optional(),
  deliveredOn: isoDateSchema.optional(),
  validatedOn: isoDateSchema.optional(),
});
/** A data requirement. */
export type DataRequirement = z.infer<typeof dataRequirementSchema>;

/** How billed time is rounded on invoices and reports (invoices/billing-rounding.ts); never applied to stored blocks. */
export const roundingRuleSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('none') }),
  z.strictObject({ mode: z.enum(['up', 'nearest']), stepMinutes: z.union([z.literal(6), z.literal(15), z.literal(30)]), per: z.enum(['block', 'day']) }),
]);

/** An hourly rate in force from a day on (invoices/rate-schedule.ts); before the first change, the billing's rate applies. */
export const rateChangeSchema = z.strictObject({ from: isoDateSchema, rateMinor: nonNegativeMinorSchema });

/** Fields of a stored project. `clientId` never changes: it selects the key the project is encrypted with. */
export const projectFields = z.strictObject({
  id: idSchema,
  clientId: idSchema,
  name: nameSchema,
  status: projectStatusSchema,
  billing: billingSchema,
  currency: currencySchema,
  /** Expected effort, for burn-down and kill switches. */
  estimateHours: hoursSchema.optional(),
  /** Agreed start and due dates, on the client's calendar. */
  start: isoDateSchema.optional(),
  due: isoDateSchema.optional(),
  notes: textSchema,
  successMetric: successMetricSchema.optional(),
  dataRequirements: z.array(dataRequirementSchema).max(100).optional(),
  /** Who owns what is built: code, models, data derived from the client's. */
  ipTerms: z.string().max(10_000).optional(),
  /** Warn when this project's expenses (of one category, or all) reach this amount in `currency`. */
  costAlert: z.strictObject({ thresholdMinor: nonNegativeMinorSchema, currency: currencySchema, category: expenseCategorySchema.optional() }).optional(),
  /** A bias-testing line item agreed (and what it covers). */
  biasTesting: z.strictObject({ included: z.boolean(), note: z.string().max(2_000) }).optional(),
  /** Rounding of billed time; absent: none. */
  rounding: roundingRuleSchema.optional(),
  /** Hourly rates from a day on (hourly and retainer overage billing); absent: the billing's rate throughout. */
  rateChanges: z.array(rateChangeSchema).max(200).optional(),
  ...timestampsShape,
});

/** {@link projectFields} with its cross-field rules. */
export const projectSchema = projectFields.refine((p) => p.start === undefined || p.due === undefined || p.start <= p.due, {
  message: 'the due date is before the start date',
  path: ['due'],
});
/** A stored project. */
export type Project = z.infer<typeof projectSchema>;
