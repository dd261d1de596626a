/** A time block: one continuous stretch of work (or a break) on a project. */
import { z } from 'zod';
import { DAY_MS, epochMsSchema, idSchema, textSchema, timestampsShape, timeZoneSchema } from './common.ts';

/** Schema version of a stored TimeBlock. */
export const TIME_BLOCK_VERSION = 1;

/**
 * Longest block accepted. The timer splits blocks at every pause, so a longer one is a unit
 * mistake (seconds for ms) or a forgotten timer; the cap also lets day-range queries look back
 * only one day for blocks that started before the range.
 */
export const MAX_BLOCK_MS = DAY_MS;

/** What kind of work a block was. */
export const blockKindSchema = z.enum(['deep', 'shallow', 'meeting', 'break']);
/** What kind of work a block was. */
export type BlockKind = z.infer<typeof blockKindSchema>;

/** Fields of a stored time block. `projectId` and `clientId` never change. */
export const timeBlockFields = z.strictObject({
  /** Any id; the timer uses `<session>:<seq>` so that re-sending a block is detectable. */
  id: idSchema,
  projectId: idSchema,
  clientId: idSchema,
  phaseId: idSchema.optional(),
  experimentId: idSchema.optional(),
  /** UTC epoch ms, inclusive. */
  start: epochMsSchema,
  /** UTC epoch ms, exclusive. */
  end: epochMsSchema,
  /** Zone the work happened in, so "09:00 in Lisbon" survives travel. */
  zone: timeZoneSchema,
  kind: blockKindSchema,
  billable: z.boolean(),
  /** Already on an invoice; only billable blocks can be billed. */
  billed: z.boolean(),
  note: textSchema,
  /**
   * Where an imported block came from (time-import/): the vendor (`toggl`, `clockify`, `harvest`,
   * or `csv` for a file the person mapped) and a key unique within it (a hash of the row's
   * identifying cells), so a re-import adds nothing twice. The shape of expense's `imported`.
   * Optional, so older records read as before (no version bump, as with a client's
   * `retentionMonths`); a version without it refuses to write a block that has it.
   */
  imported: z.strictObject({ source: z.string().min(1).max(60), key: z.string().min(1).max(200) }).optional(),
  ...timestampsShape,
});

/** {@link timeBlockFields} with its cross-field rules. */
export const timeBlockSchema = timeBlockFields
  .refine((b) => b.end > b.start, { message: 'must end after it starts', path: ['end'] })
  .refine((b) => b.end - b.start <= MAX_BLOCK_MS, { message: 'cannot be longer than 24 hours; split it', path: ['end'] })
  .refine((b) => !b.billed || b.billable, { message: 'a non-billable block cannot be billed', path: ['billed'] });
/** A stored time block. */
export type TimeBlock = z.infer<typeof timeBlockSchema>;
