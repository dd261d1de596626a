/**
 * The time table's orders by start, taken from the block cache (already sorted by start, then id)
 * instead of TanStack's sorted row model: at 100 000 blocks that model costs a row object per block
 * and a sort on every filter change, and the cache already holds the answer.
 */
import type { TimeBlock } from '../domain/time-block.ts';

/** A sorting the cache order answers: by start either way, or none (the data's own order). */
export type CacheOrder = 'oldest-first' | 'newest-first';

/** The sort state as TanStack holds it (column id, direction), in the order of priority. */
export type SortEntry = { readonly id: string; readonly desc: boolean };

/** The cache order `sorting` asks for, or null when it needs TanStack's sort (another column, several). */
export function cacheOrderFor(sorting: readonly SortEntry[]): CacheOrder | null {
  if (sorting.length === 0) return 'oldest-first';
  const [only] = sorting;
  if (sorting.length > 1 || only?.id !== 'start') return null;
  return only.desc ? 'newest-first' : 'oldest-first';
}

/**
 * `blocks` (sorted by start, then id) newest first, with blocks of the same start kept in their
 * given order: what TanStack's stable sort by start, descending, gives (it breaks ties by the row's
 * index), so the table shows the same order as before this shortcut.
 */
export function newestFirst(blocks: readonly TimeBlock[]): TimeBlock[] {
  const out = new Array<TimeBlock>(blocks.length);
  let at = 0;
  let end = blocks.length;
  while (end > 0) {
    const start = blocks[end - 1]!.start;
    let first = end - 1;
    while (first > 0 && blocks[first - 1]!.start === start) first--;
    for (let i = first; i < end; i++) out[at++] = blocks[i]!;
    end = first;
  }
  return out;
}

/** `blocks` in `order`: the same array when it already is. */
export function inCacheOrder(blocks: readonly TimeBlock[], order: CacheOrder): readonly TimeBlock[] {
  return order === 'oldest-first' ? blocks : newestFirst(blocks);
}
