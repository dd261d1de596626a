/** An expense incurred for a project, possibly passed through to the client. */
import { z } from 'zod';
import { currencySchema, idSchema, isoDateSchema, minorSchema, textSchema, timestampsShape } from './common.ts';

/** Schema version of a stored Expense. 2: the `compute` and `data` categories. */
export const EXPENSE_VERSION = 2;

/** Reporting categories; `other` with a note covers the rest. */
export const expenseCategorySchema = z.enum([
  /** Cloud compute, GPUs, inference endpoints: the cost AI work most often passes through. */
  'compute',
  /** Data bought or labelled. */
  'data',
  'travel',
  'accommodation',
  'meals',
  'software',
  'hardware',
  'subcontracting',
  'fees',
  'other',
]);
/** An expense category. */
export type ExpenseCategory = z.infer<typeof expenseCategorySchema>;

/** Fields of a stored expense. `projectId` and `clientId` never change. */
export const expenseFields = z.strictObject({
  id: idSchema,
  projectId: idSchema,
  clientId: idSchema,
  /** Day of the receipt, on the calendar where it was paid. */
  date: isoDateSchema,
  /** Minor units of `currency`; negative for a refund. */
  amountMinor: minorSchema,
  /** Currency paid in, which may differ from the project's. */
  currency: currencySchema,
  category: expenseCategorySchema,
  /** Re-billed to the client at cost. */
  passThrough: z.boolean(),
  /** Already on an invoice; only pass-through expenses can be billed. */
  billed: z.boolean(),
  /** Re-billed with a markup, basis points of the cost (10 % = 1000); absent: at cost. */
  markupBp: z.int().min(0).max(100_000).optional(),
  /** The phase or experiment the cost belongs to (a GPU run), when it is that precise. */
  phaseId: idSchema.optional(),
  experimentId: idSchema.optional(),
  /**
   * Where an imported expense came from: the import's source and a key unique within it (the
   * provider's line id, or a hash of the row), so a re-import adds nothing twice.
   */
  imported: z.strictObject({ source: z.string().min(1).max(60), key: z.string().min(1).max(200) }).optional(),
  /** What the receipt says, and where the paper or file is. */
  receiptNote: textSchema,
  ...timestampsShape,
});

/** {@link expenseFields} with its cross-field rules. */
export const expenseSchema = expenseFields.refine((e) => !e.billed || e.passThrough, {
  message: 'only a pass-through expense can be billed',
  path: ['billed'],
});
/** A stored expense. */
export type Expense = z.infer<typeof expenseSchema>;
