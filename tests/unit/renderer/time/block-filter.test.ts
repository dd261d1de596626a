/** The time table's filters and totals, checked against a direct reading of the rules. */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

describe('note search', () => {
  const noted = (id: string, note: string): TimeBlock => ({
    id,
    clientId: 'c',
    projectId: 'p',
    start: 0,
    end: 1,
    zone: 'UTC',
    kind: 'deep',
    billable: true,
    billed: false,
    note,
    createdAt: 0,
    updatedAt: 0,
  });
  const search = (blocks: TimeBlock[], text: string) => filterBlocks(blocks, { ...NO_FILTER, text }).map((b) => b.id);
  afterEach(() => vi.restoreAllMocks());

  it('ignores case in accented letters both ways, and keeps accents distinct as before', () => {
    const blocks = [noted('cafe', 'Café Zürich'), noted('plain', 'cafe zurich'), noted('greek', 'ΑΘΉΝΑ workshop'), noted('upper', 'ÉTUDE ÄRGER')];
    expect(search(blocks, 'CAFÉ')).toEqual(['cafe']);
    expect(search(blocks, 'zürich')).toEqual(['cafe']);
    expect(search(blocks, 'cafe')).toEqual(['plain']);
    expect(search(blocks, 'αθήνα')).toEqual(['greek']);
    expect(search(blocks, 'étude ärger')).toEqual(['upper']);
    expect(search(blocks, 'Étude  Zürich')).toEqual([]);
  });

  it('lower-cases each note once, not on every search', () => {
    const blocks = Array.from({ length: 50 }, (_, i) => noted(`b${i}`, `Note n${i}x INVOICE`));
    search(blocks, 'invoice');
    const lower = vi.spyOn(String.prototype, 'toLocaleLowerCase');
    expect(search(blocks, 'Invoice N7X')).toEqual(['b7']);
    expect(search(blocks, 'INVOICE')).toHaveLength(50);
    // The two search texts themselves; no note.
    expect(lower).toHaveBeenCalledTimes(2);
  });

  it('searches an edited block by its new note (an edit is a new object)', () => {
    const before = noted('x', 'Kickoff call');
    expect(search([before], 'kickoff')).toEqual(['x']);
    const after = { ...before, note: 'Review' };
    expect(search([after], 'kickoff')).toEqual([]);
    expect(search([after], 'REVIEW')).toEqual(['x']);
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
