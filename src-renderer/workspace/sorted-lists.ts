/**
 * The sorted lists the workspace cache keeps, and the few operations on them that must stay cheap
 * with 100 000 time blocks (binary-search inserts, a linear merge).
 */
import type { TimeBlock } from '../domain/time-block.ts';

/** By name, then by id (clients, projects). */
export const byName = <T extends { name: string; id: string }>(a: T, b: T) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
/** Oldest first, then by id. */
export const byCreated = <T extends { createdAt: number; id: string }>(a: T, b: T) => a.createdAt - b.createdAt || a.id.localeCompare(b.id);
/** By start, then by id: the order of the block cache. */
export const byStart = (a: TimeBlock, b: TimeBlock) => a.start - b.start || a.id.localeCompare(b.id);

/** `list` with `item` replacing any element of the same id, re-sorted (small lists). */
export function upsert<T extends { id: string }>(list: readonly T[], item: T, order: (a: T, b: T) => number): T[] {
  return [...list.filter((x) => x.id !== item.id), item].sort(order);
}

/** Inserts into a list already sorted by start (binary search: the list can hold 100 000 blocks). */
export function insertSorted(list: readonly TimeBlock[], items: readonly TimeBlock[]): TimeBlock[] {
  const next = list.slice();
  for (const item of items) {
    let lo = 0;
    let hi = next.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byStart(next[mid]!, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    next.splice(lo, 0, item);
  }
  return next;
}

/** Merges `older` (sorted) into `current` (sorted), skipping ids `current` already has. */
export function mergeOlder(current: readonly TimeBlock[], older: readonly TimeBlock[]): TimeBlock[] {
  const known = new Set(current.map((b) => b.id));
  const out: TimeBlock[] = [];
  let i = 0;
  let j = 0;
  while (i < current.length || j < older.length) {
    const o = older[j];
    if (o !== undefined && known.has(o.id)) {
      j++;
      continue;
    }
    const c = current[i];
    if (c === undefined || (o !== undefined && byStart(o, c) < 0)) {
      out.push(o!);
      j++;
    } else {
      out.push(c);
      i++;
    }
  }
  return out;
}
