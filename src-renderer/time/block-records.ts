/** Turning a stored block back into what `addBlock` takes, for undo and for moving a block between projects. */
import type { TimeBlock } from '../domain/time-block.ts';
import type { NewTimeBlock } from '../vault/repos/time-blocks.ts';

/**
 * A deleted block as a new one: the same project, range, kind, note and links, without the id
 * (the old id stays a tombstone), the client (derived from the project) or the timestamps.
 * `billed` is dropped: only issuing an invoice marks a block billed.
 */
export function restorable(block: TimeBlock): NewTimeBlock {
  const { id: _id, clientId: _client, createdAt: _c, updatedAt: _u, billed: _b, ...rest } = block;
  return rest;
}
