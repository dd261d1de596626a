/** The time table's orders by start, taken from the cache instead of TanStack's sort. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheOrderFor, inCacheOrder, newestFirst } from '../../../../src-renderer/time/block-order.ts';
import type { TimeBlock } from '../../../../src-renderer/domain/time-block.ts';
import { byStart } from '../../../../src-renderer/workspace/sorted-lists.ts';

// Few distinct starts, so that many blocks share one (ties are where orders differ).
const block = fc.record({ id: fc.uuid(), start: fc.integer({ min: 0, max: 6 }) }).map(({ id, start }): TimeBlock => ({
  id,
  clientId: 'c',
  projectId: 'p',
  start,
  end: start + 1,
  zone: 'UTC',
  kind: 'deep',
  billable: true,
  billed: false,
  note: '',
  createdAt: 0,
  updatedAt: 0,
}));
const cache = fc.array(block, { maxLength: 80 }).map((blocks) => blocks.sort(byStart));

describe('newestFirst', () => {
  it('is the order of a stable sort by start, descending, of the cache (what TanStack showed)', () => {
    fc.assert(
      fc.property(cache, (blocks) => {
        // TanStack compares start, negates for descending, and breaks ties by the row's index.
        const tanstack = blocks
          .map((b, index) => ({ b, index }))
          .sort((x, y) => -(x.b.start - y.b.start) || x.index - y.index)
          .map((x) => x.b);
        expect(newestFirst(blocks).map((b) => b.id)).toEqual(tanstack.map((b) => b.id));
      }),
    );
  });

  it('keeps blocks of the same start in cache order, not reversed', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((id, i) => ({ ...fc.sample(block, 1)[0]!, id, start: i === 2 ? 9 : 5 }));
    expect(newestFirst([a!, b!, c!]).map((x) => x.id)).toEqual(['c', 'a', 'b']);
  });

  it('copies: the cache itself is left as it was', () => {
    const blocks = fc.sample(cache, 1)[0]!;
    const before = [...blocks];
    newestFirst(blocks);
    expect(blocks).toEqual(before);
  });
});

describe('cacheOrderFor', () => {
  it('answers a sort by start either way, and no sort, from the cache', () => {
    expect(cacheOrderFor([{ id: 'start', desc: true }])).toBe('newest-first');
    expect(cacheOrderFor([{ id: 'start', desc: false }])).toBe('oldest-first');
    expect(cacheOrderFor([])).toBe('oldest-first');
  });

  it('leaves any other sort, or a sort on several columns, to TanStack', () => {
    expect(cacheOrderFor([{ id: 'client', desc: false }])).toBeNull();
    expect(cacheOrderFor([{ id: 'duration', desc: true }])).toBeNull();
    expect(
      cacheOrderFor([
        { id: 'start', desc: true },
        { id: 'client', desc: false },
      ]),
    ).toBeNull();
    expect(
      cacheOrderFor([
        { id: 'client', desc: false },
        { id: 'start', desc: true },
      ]),
    ).toBeNull();
  });
});

describe('inCacheOrder', () => {
  it('hands back the same array for oldest first (no copy of 100 000 blocks)', () => {
    const blocks = fc.sample(cache, 1)[0]!;
    expect(inCacheOrder(blocks, 'oldest-first')).toBe(blocks);
    expect(inCacheOrder(blocks, 'newest-first')).toEqual(newestFirst(blocks));
  });
});
