/**
 * The time-block cache of the workspace: every live block read so far, sorted by start, and the
 * writes that keep it equal to the repository. Life cycle (the two-step read after unlock, the
 * clear on lock): workspace/workspace-slice.ts.
 */
import type { StateCreator } from 'zustand';
import type { TimeBlock } from '../domain/time-block.ts';
import { createTimeBlock, createTimeBlocks, type NewTimeBlock, removeTimeBlock, type TimeBlockPatch, updateTimeBlock } from '../vault/repos/time-blocks.ts';
import { repoContext } from '../vault/session/runtime.ts';
import { byStart, insertSorted } from '../workspace/sorted-lists.ts';

export interface TimeSlice {
  /** Every live time block read so far, sorted by start (see `blocksComplete`). */
  blocks: TimeBlock[];
  /**
   * False while older blocks are still being read: the last few weeks come first so the screens
   * paint at once, older ones follow in chunks. Totals over longer ranges and exports wait for true.
   */
  blocksComplete: boolean;
  addBlock: (input: NewTimeBlock) => Promise<TimeBlock>;
  addBlocks: (inputs: readonly NewTimeBlock[]) => Promise<TimeBlock[]>;
  /** Changes a block; a billed block is refused with {@link BILLED_LOCK_MESSAGE}. */
  patchBlock: (id: string, patch: TimeBlockPatch) => Promise<TimeBlock>;
  /** Deletes (a billed block is refused) and returns the block, so that the caller can offer undo (re-create it). */
  deleteBlock: (id: string) => Promise<TimeBlock>;
}

/** Why a billed block refuses edits, for the controls and for any caller that tries anyway. */
export const BILLED_LOCK_MESSAGE =
  'This block is on an issued invoice, so it cannot be changed, split, merged or deleted. To change it, void the invoice with a credit note on the Invoices screen, then issue a new one.';

/** Billed time is locked: the billing slice alone changes `billed`, by issuing or voiding an invoice. */
function refuseBilled(block: TimeBlock | undefined): void {
  if (block?.billed === true) throw new Error(BILLED_LOCK_MESSAGE);
}

export const EMPTY_TIME = { blocks: [], blocksComplete: false } satisfies Partial<TimeSlice>;

export const createTimeSlice: StateCreator<TimeSlice, [], [], TimeSlice> = (set, get) => ({
  ...EMPTY_TIME,
  addBlock: async (input) => {
    const block = await createTimeBlock(repoContext(), input);
    set({ blocks: insertSorted(get().blocks, [block]) });
    return block;
  },
  addBlocks: async (inputs) => {
    const created = await createTimeBlocks(repoContext(), inputs);
    set({ blocks: insertSorted(get().blocks, [...created].sort(byStart)) });
    return created;
  },
  patchBlock: async (id, patch) => {
    refuseBilled(get().blocks.find((b) => b.id === id));
    const block = await updateTimeBlock(repoContext(), id, patch);
    set({
      blocks: insertSorted(
        get().blocks.filter((b) => b.id !== id),
        [block],
      ),
    });
    return block;
  },
  deleteBlock: async (id) => {
    const block = get().blocks.find((b) => b.id === id);
    refuseBilled(block);
    await removeTimeBlock(repoContext(), id);
    set({ blocks: get().blocks.filter((b) => b.id !== id) });
    // The repository found it, so the cache had it too; undo needs the record.
    return block!;
  },
});
