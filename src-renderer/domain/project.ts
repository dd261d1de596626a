/** A project: a piece of work for one client, with its billing terms. */
import { z } from 'zod';
import {
  currencySchema,
  hoursSchema,
  idSchema,
  isoDateSchema,
  nameSchema,
  nonNegativeMinorSchema,
  textSchema,
  timestampsShape,
} from './common.ts';

/** Schema version of a stored Project. */
export const PROJECT_VERSION = 1;

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
  /** A monthly retainer covering `hoursPerMonth`, extra hours at `overageRateMinor`. */
  z.strictObject({
    kind: z.literal('retainer'),
    hoursPerMonth: hoursSchema,
    feeMinor: nonNegativeMinorSchema,
    overageRateMinor: nonNegativeMinorSchema,
  }),
]);
/** How a project is billed. */
export type Billing = z.infer<typeof billingSchema>;

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
  ...timestampsShape,
});

/** {@link projectFields} with its cross-field rules. */
export const projectSchema = projectFields
  .refine((p) => p.start === undefined || p.due === undefined || p.start <= p.due, {
    message: 'the due date is before the start date',
    path: ['due'],
  });
/** A stored project. */
export type Project = z.infer<typeof projectSchema>;
