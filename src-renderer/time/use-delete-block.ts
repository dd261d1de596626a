/**
 * Deleting a block at once, with an Undo (on the toast and Ctrl/Cmd+Z, through the one undo
 * history) that puts it back. The undo re-creates the block under a new id (the old id stays a
 * tombstone, so another device's copy of the delete still applies to the old one and never to the
 * restored one). A billed block is refused with why (time-slice.ts).
 */
import { useCallback } from 'react';
import { useStore } from '../app/store.ts';
import type { TimeBlock } from '../domain/time-block.ts';
import { formatDurationShort } from './format.ts';
import { errorMessage } from '../ui/error-message.ts';
import { useRecordUndo } from '../ui/use-undo.ts';
import { restorable } from './block-records.ts';

export function useDeleteBlock(): (block: TimeBlock) => Promise<void> {
  const deleteBlock = useStore((s) => s.deleteBlock);
  const addBlock = useStore((s) => s.addBlock);
  const notify = useStore((s) => s.notify);
  const recordUndo = useRecordUndo();
  return useCallback(
    async (block: TimeBlock) => {
      try {
        const removed = await deleteBlock(block.id);
        const duration = formatDurationShort(block.end - block.start);
        recordUndo(`Deleted a ${duration} block.`, {
          label: `the delete of a ${duration} block`,
          undo: async () => void (await addBlock(restorable(removed))),
        });
      } catch (error) {
        notify(errorMessage(error), { tone: 'error' });
      }
    },
    [deleteBlock, addBlock, notify, recordUndo],
  );
}
