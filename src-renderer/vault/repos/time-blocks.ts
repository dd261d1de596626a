/**
 * Time blocks: the big table (100 000 rows is a normal few years). Reads go through the clear
 * `day` bucket (UTC day of `start`) and `[projectId+day]`; exact start and end are encrypted, so
 * a range query fetches whole days and trims after decryption.
 */
import { Dexie } from 'dexie';
import { DAY_MS, utcDay } from '../../domain/common.ts';
import { MAX_BLOCK_MS, type TimeBlock, timeBlockFields } from '../../domain/time-block.ts';
import type { RepoContext } from './context.ts';
import { timeBlockDef } from './defs.ts';
import { RepoError } from './errors.ts';
import { getOne, liveRecords, readTx, removeOne, writeTx } from './entity-repo.ts';
import { type ChildPatch, createChild, createChildren, type NewChild, updateChild } from './project-children.ts';

/** Input of {@link createTimeBlock}; `note` defaults to empty, `billed` to false. */
export type NewTimeBlock = Omit<NewChild<'timeBlocks'>, 'note' | 'billed'> & Partial<Pick<TimeBlock, 'note' | 'billed'>>;

/** Input of {@link updateTimeBlock}; `undefined` removes `phaseId` or `experimentId`. */
export type TimeBlockPatch = ChildPatch<'timeBlocks'>;

const patchSchema = timeBlockFields.omit({ id: true, projectId: true, clientId: true, createdAt: true, updatedAt: true }).partial();
const DEFAULTS = { note: '', billed: false };

/**
 * Creates a time block. Re-sending a block with an id already stored (the timer's recovery) is
 * refused with 'already-exists', which the caller can take as "already saved".
 */
export function createTimeBlock(ctx: RepoContext, input: NewTimeBlock): Promise<TimeBlock> {
  return createChild(ctx, timeBlockDef, input as NewChild<'timeBlocks'>, DEFAULTS);
}

/** Creates many time blocks in one transaction (imports, the timer's backlog); all or nothing. */
export function createTimeBlocks(ctx: RepoContext, inputs: readonly NewTimeBlock[]): Promise<TimeBlock[]> {
  return createChildren(ctx, timeBlockDef, inputs as ReadonlyArray<NewChild<'timeBlocks'>>, DEFAULTS);
}

/** Changes some fields of a time block. */
export function updateTimeBlock(ctx: RepoContext, id: string, patch: TimeBlockPatch): Promise<TimeBlock> {
  return updateChild(ctx, timeBlockDef, patchSchema, id, patch);
}

/** Deletes a time block (tombstone). */
export function removeTimeBlock(ctx: RepoContext, id: string): Promise<void> {
  return writeTx(ctx, timeBlockDef.what, ['timeBlocks'], async (log) => {
    await removeOne(ctx, timeBlockDef, log, id);
  });
}

/** The time block `id`; RepoError 'not-found' or 'unreadable'. */
export function getTimeBlock(ctx: RepoContext, id: string): Promise<TimeBlock> {
  return getOne(ctx, timeBlockDef, id);
}

/** Filters of {@link listTimeBlocks}; all optional and combined with "and". */
export interface TimeBlockQuery {
  /** Blocks overlapping [from, to): UTC epoch ms, e.g. local midnight to midnight for the Today view. */
  from?: number;
  to?: number;
  projectId?: string;
  phaseId?: string;
  experimentId?: string;
}

/** Time blocks sorted by start. */
export function listTimeBlocks(ctx: RepoContext, query: TimeBlockQuery = {}): Promise<TimeBlock[]> {
  const { from, to, projectId } = query;
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value !== undefined && !Number.isFinite(value)) {
      return Promise.reject(new RepoError('invalid-input', `The time range is not valid: "${name}" must be a time in milliseconds.`));
    }
  }
  if (from !== undefined && to !== undefined && from > to) {
    return Promise.reject(new RepoError('invalid-input', 'The time range is not valid: it ends before it starts.'));
  }
  // A block is bucketed by the day it starts; one that overlaps `from` started at most MAX_BLOCK_MS earlier.
  const firstDay = from === undefined ? -Infinity : utcDay(from - MAX_BLOCK_MS);
  const lastDay = to === undefined ? Infinity : utcDay(to - 1);
  return readTx(timeBlockDef.what, async () => {
    const table = ctx.db.timeBlocks;
    const rows =
      projectId !== undefined
        ? await table.where('[projectId+day]').between([projectId, firstDay], [projectId, lastDay], true, true).toArray()
        : from !== undefined || to !== undefined
          ? await table.where('day').between(firstDay, lastDay, true, true).toArray()
          : await table.toArray();
    return liveRecords(rows)
      .filter(
        (b) =>
          (from === undefined || b.end > from) &&
          (to === undefined || b.start < to) &&
          (query.phaseId === undefined || b.phaseId === query.phaseId) &&
          (query.experimentId === undefined || b.experimentId === query.experimentId),
      )
      .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  });
}

/** Number of stored blocks of a project, live or unreadable, without decrypting (tombstones excluded). */
export function countProjectTimeBlocks(ctx: RepoContext, projectId: string): Promise<number> {
  return ctx.db.timeBlocks.where('[projectId+day]').between([projectId, Dexie.minKey], [projectId, Dexie.maxKey]).count();
}

/**
 * UTC epoch ms of the start of the first day holding a block, live or not, or undefined when there
 * is none. Keys only: nothing is decrypted, so it is cheap even for 100 000 blocks.
 */
export async function firstBlockDayStart(ctx: RepoContext): Promise<number | undefined> {
  const day = await ctx.db.timeBlocks.orderBy('day').firstKey();
  return typeof day === 'number' ? day * DAY_MS : undefined;
}
