import { describe, expect, expectTypeOf, it } from 'vitest';
import fc from 'fast-check';
import { type TimeBlock } from '../../../../src-renderer/domain/time-block.ts';
import { canMerge, findOverlaps, type MergeableBlock, mergeRanges, overlapsWith, type Span, splitAt } from '../../../../src-renderer/time/block-edits.ts';
import { formatDuration, formatDurationShort } from '../../../../src-renderer/time/format.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.parse('2026-11-20T08:00:00Z');

interface Block extends MergeableBlock {
  zone: string;
  note: string;
}

function block(id: string, startH: number, endH: number, extra: Partial<Block> = {}): Block {
  return {
    id,
    projectId: 'acme',
    kind: 'deep',
    billable: true,
    billed: false,
    zone: 'Europe/Berlin',
    note: '',
    start: T0 + startH * HOUR,
    end: T0 + endH * HOUR,
    ...extra,
  };
}

describe('splitAt', () => {
  it('cuts a block into [start, at) and [at, end), keeping every other field', () => {
    const b = block('b1', 0, 2, { note: 'write tests' });
    const result = splitAt(b, T0 + 45 * MIN, 'b2');
    expect(result).toEqual({
      ok: true,
      parts: [
        { ...b, end: T0 + 45 * MIN },
        { ...b, id: 'b2', start: T0 + 45 * MIN },
      ],
    });
    expect(b.end).toBe(T0 + 2 * HOUR); // the input is not mutated
  });

  it.each([
    ['at the start', T0],
    ['at the end', T0 + 2 * HOUR],
    ['before', T0 - MIN],
    ['after', T0 + 3 * HOUR],
    ['NaN', Number.NaN],
  ])('refuses a split point %s', (_, at) => {
    expect(splitAt(block('b1', 0, 2), at, 'b2')).toEqual({
      ok: false,
      code: 'split-outside',
      message: 'Pick a split point inside the block: after its start and before its end.',
    });
  });

  it('refuses to reuse the id', () => {
    expect(splitAt(block('b1', 0, 2), T0 + HOUR, 'b1')).toMatchObject({ ok: false, code: 'same-id' });
  });
});

describe('canMerge and mergeRanges', () => {
  it('accepts stored time blocks as they are', () => {
    expectTypeOf<TimeBlock>().toExtend<MergeableBlock>();
  });

  it('merges adjacent blocks into the earliest one and lists the others for removal', () => {
    const result = mergeRanges([block('b2', 1, 2), block('b1', 0, 1)]);
    expect(result).toEqual({ ok: true, merged: block('b1', 0, 2), removedIds: ['b2'], gapMs: 0, overlapMs: 0 });
  });

  it('merges across a gap and reports the time it adds', () => {
    const result = mergeRanges([block('a', 0, 1), block('b', 1.25, 2)]);
    expect(result).toMatchObject({ ok: true, gapMs: 15 * MIN, overlapMs: 0 });
    if (result.ok) expect([result.merged.start, result.merged.end]).toEqual([T0, T0 + 2 * HOUR]);
  });

  it('merges overlapping and contained blocks and reports the double-counted time', () => {
    const result = mergeRanges([block('a', 0, 2), block('b', 1, 3), block('c', 1.5, 1.75), block('d', 4, 5)]);
    expect(result).toMatchObject({ ok: true, removedIds: ['b', 'c', 'd'], gapMs: HOUR, overlapMs: HOUR + 15 * MIN });
    if (result.ok) expect(result.merged.end).toBe(T0 + 5 * HOUR);
  });

  it.each<[string, Partial<Block>, string]>([
    ['different-project', { projectId: 'globex' }, 'different projects'],
    ['different-phase', { phaseId: 'p2' }, 'different phases'],
    ['different-experiment', { experimentId: 'e1' }, 'different experiments'],
    ['different-kind', { kind: 'meeting' }, 'different kinds (deep, meeting)'],
    ['different-billable', { billable: false }, 'billable and some are not'],
    ['billed', { billed: true }, 'already on an invoice'],
  ])('refuses %s', (code, change, message) => {
    const result = canMerge(block('a', 0, 1), block('b', 1, 2, change));
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.message).toContain(message);
  });

  it('allows blocks that agree, whatever their zone and note', () => {
    expect(canMerge(block('a', 0, 1, { phaseId: 'p1' }), block('b', 3, 4, { phaseId: 'p1', zone: 'Asia/Kathmandu', note: 'x' }))).toEqual({ ok: true });
  });

  it('refuses a merged block longer than 24 h, but allows exactly 24 h', () => {
    expect(mergeRanges([block('a', 0, 1), block('b', 20, 24)])).toMatchObject({ ok: true });
    const result = mergeRanges([block('a', 0, 1), block('b', 20, 24.5)]);
    expect(result).toEqual({ ok: false, code: 'too-long', message: 'The merged block would last 24 h 30 min; a block is at most 24 h.' });
  });

  it('refuses fewer than two blocks and the same block twice', () => {
    expect(mergeRanges([block('a', 0, 1)])).toMatchObject({ ok: false, code: 'too-few' });
    expect(mergeRanges([block('a', 0, 1), block('a', 0, 1)])).toMatchObject({ ok: false, code: 'duplicate-id' });
  });

  it('keeps gap + covered == span for any set of mergeable blocks', () => {
    const spans = fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 240 })), { minLength: 2, maxLength: 8 });
    fc.assert(
      fc.property(spans, (raw) => {
        const blocks = raw.map(([s, len], i) => block(`b${i}`, s / 60, (s + len) / 60));
        const result = mergeRanges(blocks);
        if (!result.ok) throw new Error(result.message);
        const { start, end } = result.merged;
        expect(start).toBe(Math.min(...blocks.map((b) => b.start)));
        expect(end).toBe(Math.max(...blocks.map((b) => b.end)));
        // Count covered minutes directly.
        let covered = 0;
        for (let t = start; t < end; t += MIN) if (blocks.some((b) => b.start <= t && t < b.end)) covered += MIN;
        const total = blocks.reduce((sum, b) => sum + b.end - b.start, 0);
        expect(result.gapMs).toBe(end - start - covered);
        expect(result.overlapMs).toBe(total - covered);
      }),
      { numRuns: 300 },
    );
  });
});

describe('findOverlaps and overlapsWith', () => {
  const span = (id: string, startH: number, endH: number): Span => ({ id, start: T0 + startH * HOUR, end: T0 + endH * HOUR });

  it('lists overlapping pairs, earlier block first, and treats touching blocks as apart', () => {
    const blocks = [span('c', 2, 3), span('a', 0, 1), span('b', 1, 2.5), span('d', 2.25, 2.5), span('e', 5, 6)];
    expect(findOverlaps(blocks)).toEqual([
      ['b', 'c'],
      ['b', 'd'],
      ['c', 'd'],
    ]);
  });

  it('ignores empty and inverted blocks', () => {
    expect(findOverlaps([span('a', 0, 2), span('empty', 1, 1), span('inverted', 1.5, 0.5)])).toEqual([]);
  });

  it('finds the same pairs as comparing every pair', () => {
    const spans = fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: -2, max: 20 })), { maxLength: 30 });
    fc.assert(
      fc.property(spans, (raw) => {
        const blocks = raw.map(([s, len], i) => ({ id: `b${i}`, start: s, end: s + len }));
        const expected = new Set<string>();
        for (const a of blocks) {
          for (const b of blocks) {
            if (a.id < b.id && a.start < b.end && b.start < a.end && a.end > a.start && b.end > b.start) expected.add(`${a.id}|${b.id}`);
          }
        }
        const found = findOverlaps(blocks).map(([x, y]) => (x < y ? `${x}|${y}` : `${y}|${x}`));
        expect(found.length).toBe(expected.size);
        expect(new Set(found)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('lists the blocks a candidate overlaps, earliest first, skipping itself', () => {
    const blocks = [span('c', 3, 4), span('a', 0, 1), span('b', 1.5, 2.5), span('self', 1, 2)];
    const candidate = { id: 'self', start: T0 + 0.5 * HOUR, end: T0 + 3 * HOUR };
    expect(overlapsWith(candidate, blocks).map((b) => b.id)).toEqual(['a', 'b']);
    expect(overlapsWith({ start: T0 + HOUR, end: T0 + 1.5 * HOUR }, blocks).map((b) => b.id)).toEqual(['self']);
    expect(overlapsWith({ start: T0 + HOUR, end: T0 + HOUR }, blocks)).toEqual([]);
  });
});

describe('formatDuration and formatDurationShort', () => {
  it.each([
    [0, '0 min', '0:00'],
    [29_999, '0 min', '0:00'],
    [30_000, '1 min', '0:01'],
    [45 * MIN, '45 min', '0:45'],
    [HOUR, '1 h', '1:00'],
    [90 * MIN, '1 h 30 min', '1:30'],
    [2 * HOUR + 5 * MIN, '2 h 5 min', '2:05'],
    [26 * HOUR + 5 * MIN, '26 h 5 min', '26:05'],
    [HOUR + 59 * MIN + 40_000, '2 h', '2:00'],
    [-90 * MIN, '-1 h 30 min', '-1:30'],
    [-10_000, '0 min', '0:00'],
  ])('%d ms is "%s" and "%s"', (ms, long, short) => {
    expect(formatDuration(ms)).toBe(long);
    expect(formatDurationShort(ms)).toBe(short);
  });
});
