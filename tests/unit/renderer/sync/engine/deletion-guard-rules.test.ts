/**
 * The deletion guard's rules, pure (deletion-guard.ts): the limits at their edges, what counts as
 * a record the batch would delete (only live ones, and not one a later write keeps alive), and
 * limits read back from a stored setting.
 */
import { describe, expect, it } from 'vitest';
import { applyChanges, createState } from '../../../../../src-renderer/sync/merge/merge-state.ts';
import { DEFAULT_GUARD_LIMITS, doomedBy, liveCount, overLimits, readLimits } from '../../../../../src-renderer/sync/engine/deletion-guard.ts';
import type { Change } from '../../../../../src-renderer/vault/store/rows.ts';

const hlc = (ms: number) => ms.toString(16).padStart(12, '0') + '0000' + 'a'.repeat(16);
const set = (id: string, ms: number, value: unknown = id): Change => ({ op: 'set', table: 'timeBlocks', id, field: 'note', value, hlc: hlc(ms) });
const del = (id: string, ms: number): Change => ({ op: 'delete', table: 'timeBlocks', id, hlc: hlc(ms) });

describe('deletion guard limits', () => {
  it('the share counts from 10 records on; more than 200 is always too many', () => {
    expect(overLimits(9, 10)).toBe(false); // 90 %, but fewer than 10
    expect(overLimits(10, 40)).toBe(false); // exactly 25 %: not more than
    expect(overLimits(10, 39)).toBe(true);
    expect(overLimits(200, 100_000)).toBe(false);
    expect(overLimits(201, 100_000)).toBe(true);
    expect(overLimits(240, 300)).toBe(true);
  });

  it('reads stored limits, each falling back to its default when missing or absurd', () => {
    expect(readLimits(undefined)).toEqual(DEFAULT_GUARD_LIMITS);
    expect(readLimits({ share: 0.5, count: 50 })).toEqual({ share: 0.5, minShareCount: 10, count: 50 });
    expect(readLimits({ share: 0, count: -1, minShareCount: 2.5 })).toEqual(DEFAULT_GUARD_LIMITS);
    expect(readLimits({ share: Number.NaN, count: '300' })).toEqual(DEFAULT_GUARD_LIMITS);
  });
});

describe('what a batch would delete', () => {
  it('counts live records only, and not one that a later write keeps alive', () => {
    const state = createState();
    applyChanges(state, [set('a', 1), set('b', 1), set('c', 1), del('c', 2)]);
    expect(liveCount(state)).toBe(2);
    // 'c' is already deleted; 'x' was never here; 'b' gets a write after its delete.
    const doomed = doomedBy(state, [del('a', 5), del('b', 5), set('b', 6, 'still here'), del('c', 5), del('x', 5)]);
    expect(doomed.map((d) => d.id)).toEqual(['a']);
    expect(doomed[0]!.record).toEqual({ note: 'a' });
    // The state itself is untouched.
    expect(liveCount(state)).toBe(2);
  });

  it("a delete older than the record's last write here deletes nothing", () => {
    const state = createState();
    applyChanges(state, [set('a', 10)]);
    expect(doomedBy(state, [del('a', 5)])).toEqual([]);
  });
});
