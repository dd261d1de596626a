/** The time table's filters and totals, checked against a direct reading of the rules. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockTotals, filterBlocks, NO_FILTER, type BlockFilter } from '../../../../src-renderer/time/block-filter.ts';
import type { TimeBlock } from '../../../../src-renderer/domain/time-block.ts';

const KINDS = ['deep', 'shallow', 'meeting', 'break'] as const;
const block = fc
  .record({
    id: fc.uuid(),
    clientId: fc.constantFrom('c1', 'c2'),
    projectId: fc.constantFrom('p1', 'p2', 'p3'),
    start: fc.integer({ min: 0, max: 1_000_000 }),
    length: fc.integer({ min: 1, max: 50_000 }),
    kind: fc.constantFrom(...KINDS),
    billable: fc.boolean(),
    note: fc.constantFrom('', 'Kickoff call', 'feature AUDIT', 'review'),
  })
  .map(({ length, ...b }): TimeBlock => ({ ...b, end: b.start + length, zone: 'UTC', billed: false, createdAt: 0, updatedAt: 0 }));

const filter: fc.Arbitrary<BlockFilter> = fc.record({
  clientId: fc.constantFrom(null, 'c1'),
  projectId: fc.constantFrom(null, 'p2'),
  from: fc.constantFrom(null, 200_000),
  to: fc.constantFrom(null, 700_000),
  kinds: fc.subarray([...KINDS]),
  billable: fc.constantFrom('all', 'billable', 'non-billable'),
  text: fc.constantFrom('', 'audit', 'CALL kick'),
});

describe('filterBlocks', () => {
  it('keeps exactly the blocks every condition accepts, in order', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 60 }), filter, (blocks, f) => {
        const expected = blocks.filter((b) => {
          const words = f.text.toLowerCase().split(' ').filter(Boolean);
          return (
            (f.clientId === null || b.clientId === f.clientId) &&
            (f.projectId === null || b.projectId === f.projectId) &&
            (f.from === null || b.end > f.from) &&
            (f.to === null || b.start < f.to) &&
            (f.kinds.length === 0 || f.kinds.includes(b.kind)) &&
            (f.billable === 'all' || b.billable === (f.billable === 'billable')) &&
            words.every((w) => b.note.toLowerCase().includes(w))
          );
        });
        expect(filterBlocks(blocks, f)).toEqual(expected);
      }),
    );
  });

  it('returns the same array when nothing is filtered (no copy of 100 000 rows)', () => {
    const blocks: TimeBlock[] = [];
    expect(filterBlocks(blocks, NO_FILTER)).toBe(blocks);
  });
});

describe('blockTotals', () => {
  it('sums all, billable and deep time', () => {
    const b = (start: number, end: number, kind: TimeBlock['kind'], billable: boolean) =>
      ({
        id: String(start),
        clientId: 'c',
        projectId: 'p',
        start,
        end,
        kind,
        billable,
        zone: 'UTC',
        billed: false,
        note: '',
        createdAt: 0,
        updatedAt: 0,
      }) satisfies TimeBlock;
    expect(blockTotals([b(0, 10, 'deep', true), b(10, 30, 'meeting', true), b(30, 35, 'deep', false)])).toEqual({
      count: 3,
      totalMs: 35,
      billableMs: 30,
      deepMs: 15,
    });
  });
});
