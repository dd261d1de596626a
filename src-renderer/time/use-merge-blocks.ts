/**
 * Merging the selected blocks into one: the earliest keeps its id, widens to the latest end and
 * takes every note in time order (block-edits.ts); the others are deleted. Undo (toast or
 * Ctrl/Cmd+Z) puts the earliest block's range and note back and re-creates the others.
 */
import { useCallback } from 'react';
import { useStore } from '../app/store.ts';
import type { TimeBlock } from '../domain/time-block.ts';
import { errorMessage } from '../ui/error-message.ts';
import { useRecordUndo } from '../ui/use-undo.ts';
import { mergeRanges } from './block-edits.ts';
import { restorable } from './block-records.ts';
import { formatDurationShort } from './format.ts';

/** Merges `chosen`; resolves true when merged (the caller clears its selection). */
export function useMergeBlocks(): (chosen: readonly TimeBlock[]) => Promise<boolean> {
  const patchBlock = useStore((s) => s.patchBlock);
  const deleteBlock = useStore((s) => s.deleteBlock);
  const addBlocks = useStore((s) => s.addBlocks);
  const notify = useStore((s) => s.notify);
  const recordUndo = useRecordUndo();
  return useCallback(
    async (chosen: readonly TimeBlock[]) => {
      const outcome = mergeRanges(chosen);
      if (!outcome.ok) {
        notify(outcome.code === 'billed' ? `${outcome.message} Void the invoice first.` : outcome.message, { tone: 'error' });
        return false;
      }
      const keptBefore = chosen.find((b) => b.id === outcome.merged.id)!;
      const removed: TimeBlock[] = [];
      let merged: TimeBlock;
      try {
        merged = await patchBlock(outcome.merged.id, { start: outcome.merged.start, end: outcome.merged.end, note: outcome.merged.note });
      } catch (error) {
        notify(errorMessage(error), { tone: 'error' });
        return false;
      }
      try {
        for (const id of outcome.removedIds) removed.push(await deleteBlock(id));
      } catch (error) {
        // Widened while others still stand, that time would count twice: the widening is taken back,
        // and what was already deleted comes back.
        await patchBlock(keptBefore.id, { start: keptBefore.start, end: keptBefore.end, note: keptBefore.note }).catch(() => undefined);
        if (removed.length > 0) await addBlocks(removed.map(restorable)).catch(() => undefined);
        notify(`The blocks were not merged: ${errorMessage(error)}`, { tone: 'error' });
        return false;
      }
      const gap = outcome.gapMs > 0 ? ` It now also counts ${formatDurationShort(outcome.gapMs)} between them.` : '';
      recordUndo(`Merged ${chosen.length} blocks into ${formatDurationShort(outcome.merged.end - outcome.merged.start)}.${gap}`, {
        label: `the merge of ${chosen.length} blocks`,
        undo: async () => {
          // Edited since the merge (a new note, another range): that is the person's later work, kept.
          const now = useStore.getState().blocks.find((b) => b.id === keptBefore.id);
          if (now?.updatedAt !== merged.updatedAt) throw new Error('the merged block was edited since; change it in its Edit dialog instead.');
          await patchBlock(keptBefore.id, { start: keptBefore.start, end: keptBefore.end, note: keptBefore.note });
          await addBlocks(removed.map(restorable));
        },
      });
      return true;
    },
    [patchBlock, deleteBlock, addBlocks, notify, recordUndo],
  );
}
