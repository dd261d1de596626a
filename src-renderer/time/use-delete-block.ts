/**
 * Deleting a block at once, with an Undo that puts it back. The undo re-creates the block under a
 * new id (the old id stays a tombstone, so another device's copy of the delete still applies to
 * the old one and never to the restored one).
 */
import { useCallback } from 'react';
import { useStore } from '../app/store.ts';
import type { TimeBlock } from '../domain/time-block.ts';
import { formatDurationShort } from './format.ts';
import { errorMessage } from '../ui/error-message.ts';

export function useDeleteBlock(): (block: TimeBlock) => Promise<void> {
  const deleteBlock = useStore((s) => s.deleteBlock);
  const addBlock = useStore((s) => s.addBlock);
  const notify = useStore((s) => s.notify);
  return useCallback(
    async (block: TimeBlock) => {
      try {
        const removed = await deleteBlock(block.id);
        const { id: _id, clientId: _client, createdAt: _c, updatedAt: _u, ...rest } = removed;
        notify(`Deleted a ${formatDurationShort(block.end - block.start)} block.`, {
          action: {
            label: 'Undo',
            run: async () => {
              try {
                await addBlock(rest);
              } catch (error) {
                notify(errorMessage(error), { tone: 'error' });
              }
            },
          },
        });
      } catch (error) {
        notify(errorMessage(error), { tone: 'error' });
      }
    },
    [deleteBlock, addBlock, notify],
  );
}
