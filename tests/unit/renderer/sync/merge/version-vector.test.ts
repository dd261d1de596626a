import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  advance,
  compare,
  covers,
  EMPTY_VECTOR,
  lastSeq,
  merge,
  SegmentSequencer,
  type VersionVector,
} from '../../../../../src-renderer/sync/merge/version-vector.ts';

describe('version vectors', () => {
  it('covers the contiguous prefix only; a missing device is 0', () => {
    const vv: VersionVector = { A: 3 };
    expect(covers(vv, 'A', 1)).toBe(true);
    expect(covers(vv, 'A', 3)).toBe(true);
    expect(covers(vv, 'A', 4)).toBe(false);
    expect(covers(vv, 'B', 1)).toBe(false);
    expect(lastSeq(vv, 'B')).toBe(0);
    expect(lastSeq(vv, 'toString')).toBe(0);
  });

  it('advance moves by one, ignores what is covered and refuses a gap', () => {
    const one = advance(EMPTY_VECTOR, 'A', 1);
    expect(one).toEqual({ A: 1 });
    expect(EMPTY_VECTOR).toEqual({});
    expect(advance(one, 'A', 1)).toBe(one);
    expect(advance(one, 'A', 2)).toEqual({ A: 2 });
    expect(() => advance(one, 'A', 3)).toThrow(RangeError);
    expect(() => advance(one, 'B', 0)).toThrow(RangeError);
    expect(() => advance(one, 'B', 1.5)).toThrow(RangeError);
    expect(Object.isFrozen(advance(one, 'B', 1))).toBe(true);
  });

  it('merge is the pointwise maximum', () => {
    expect(merge({ A: 3, B: 1 }, { B: 4, C: 2 })).toEqual({ A: 3, B: 4, C: 2 });
    expect(merge({}, {})).toEqual({});
  });

  it('compare: before, after, equal, concurrent', () => {
    expect(compare({ A: 1 }, { A: 2 })).toBe('before');
    expect(compare({ A: 2 }, { A: 1 })).toBe('after');
    expect(compare({ A: 1, B: 0 }, { A: 1 })).toBe('equal');
    expect(compare({}, {})).toBe('equal');
    expect(compare({}, { B: 1 })).toBe('before');
    expect(compare({ A: 2 }, { B: 1 })).toBe('concurrent');
    expect(compare({ A: 2, B: 1 }, { A: 1, B: 2 })).toBe('concurrent');
  });

  it('compare agrees with merge (property)', () => {
    const vv = fc.dictionary(fc.constantFrom('A', 'B', 'C'), fc.integer({ min: 0, max: 3 }));
    fc.assert(
      fc.property(vv, vv, (a, b) => {
        const m = merge(a, b);
        expect(['before', 'equal']).toContain(compare(a, m));
        expect(['before', 'equal']).toContain(compare(b, m));
        const order = compare(a, b);
        const flipped = { before: 'after', after: 'before', equal: 'equal', concurrent: 'concurrent' } as const;
        expect(compare(b, a)).toBe(flipped[order]);
        if (order === 'before') expect(compare(m, b)).toBe('equal');
        if (order === 'concurrent') expect(compare(m, a)).toBe('after');
      }),
      { numRuns: 300 },
    );
  });
});

describe('SegmentSequencer', () => {
  it('releases in order, holds a segment beyond a gap until the gap is filled', () => {
    const seq = new SegmentSequencer<string>();
    expect(seq.offer('A', 1, 'a1')).toEqual({ status: 'ready', ready: [{ device: 'A', seq: 1, item: 'a1' }] });
    expect(seq.offer('A', 3, 'a3')).toEqual({ status: 'pending', ready: [] });
    expect(seq.offer('A', 4, 'a4')).toEqual({ status: 'pending', ready: [] });
    expect(seq.pendingCount).toBe(2);
    expect(seq.pendingSeqs()).toEqual({ A: [3, 4] });
    expect(seq.vector).toEqual({ A: 1 });
    expect(seq.offer('A', 2, 'a2')).toEqual({
      status: 'ready',
      ready: [
        { device: 'A', seq: 2, item: 'a2' },
        { device: 'A', seq: 3, item: 'a3' },
        { device: 'A', seq: 4, item: 'a4' },
      ],
    });
    expect(seq.vector).toEqual({ A: 4 });
    expect(seq.pendingCount).toBe(0);
  });

  it('ignores duplicates, applied or waiting, keeping the first copy', () => {
    const seq = new SegmentSequencer<string>({ A: 2 });
    expect(seq.offer('A', 2, 'again').status).toBe('duplicate');
    expect(seq.offer('A', 1, 'again').status).toBe('duplicate');
    expect(seq.offer('A', 4, 'first').status).toBe('pending');
    expect(seq.offer('A', 4, 'second').status).toBe('duplicate');
    expect(seq.offer('A', 3, 'a3').ready.map((r) => r.item)).toEqual(['a3', 'first']);
  });

  it('keeps devices independent', () => {
    const seq = new SegmentSequencer<string>();
    expect(seq.offer('B', 2, 'b2').status).toBe('pending');
    expect(seq.offer('A', 1, 'a1').ready).toHaveLength(1);
    expect(seq.vector).toEqual({ A: 1 });
    expect(seq.offer('B', 1, 'b1').ready.map((r) => r.item)).toEqual(['b1', 'b2']);
    expect(seq.vector).toEqual({ A: 1, B: 2 });
  });

  it('refuses a seq that is not a positive integer', () => {
    const seq = new SegmentSequencer<string>();
    expect(() => seq.offer('A', 0, 'x')).toThrow(RangeError);
    expect(() => seq.offer('A', Number.NaN, 'x')).toThrow(RangeError);
  });

  it('any delivery order, with duplicates, releases each segment once, in order (property)', () => {
    const deliveries = fc
      .array(fc.tuple(fc.constantFrom('A', 'B'), fc.integer({ min: 1, max: 8 })), { maxLength: 60 })
      .map((list) => [...list, ...['A', 'B'].flatMap((d) => [1, 2, 3, 4, 5, 6, 7, 8].map((n) => [d, n] as [string, number]).reverse())]);
    fc.assert(
      fc.property(deliveries, (list) => {
        const seq = new SegmentSequencer<string>();
        const released: Record<string, number[]> = { A: [], B: [] };
        for (const [device, n] of list) for (const r of seq.offer(device, n, `${device}${n}`).ready) released[device]!.push(r.seq);
        expect(released).toEqual({ A: [1, 2, 3, 4, 5, 6, 7, 8], B: [1, 2, 3, 4, 5, 6, 7, 8] });
        expect(seq.vector).toEqual({ A: 8, B: 8 });
        expect(seq.pendingCount).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
