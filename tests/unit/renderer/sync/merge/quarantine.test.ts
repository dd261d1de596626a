import { describe, expect, it } from 'vitest';
import { createClock, DEFAULT_MAX_DRIFT_MS, encode, receive } from '../../../../../src-renderer/sync/hlc/hlc.ts';
import { driftOf, isTooFarAhead, Quarantine } from '../../../../../src-renderer/sync/merge/quarantine.ts';
import type { Change } from '../../../../../src-renderer/vault/store/rows.ts';

const A = '00000000000000aa';
const h = (ms: number) => encode({ ms, counter: 0, node: A });
const set = (field: string, ms: number): Change => ({ op: 'set', table: 'projects', id: 'p1', field, value: ms, hlc: h(ms) });
const NOW = 1_700_000_000_000;

describe('quarantine threshold', () => {
  it('is the bound of hlc receive: more than 5 minutes ahead of local wall time', () => {
    expect(DEFAULT_MAX_DRIFT_MS).toBe(300_000);
    expect(driftOf(h(NOW + 1000), NOW)).toBe(1000);
    expect(isTooFarAhead(h(NOW + DEFAULT_MAX_DRIFT_MS), NOW)).toBe(false);
    expect(isTooFarAhead(h(NOW + DEFAULT_MAX_DRIFT_MS + 1), NOW)).toBe(true);
    expect(isTooFarAhead(h(NOW - 3_600_000), NOW)).toBe(false);
    expect(isTooFarAhead(h(NOW + 1001), NOW, 1000)).toBe(true);
    // exactly where receive() starts to throw
    const clock = createClock(A, () => NOW + 0.9);
    expect(() => receive(clock, { ms: NOW + DEFAULT_MAX_DRIFT_MS, counter: 0, node: A })).not.toThrow();
    expect(() => receive(clock, { ms: NOW + DEFAULT_MAX_DRIFT_MS + 1, counter: 0, node: A })).toThrow(/future/);
    expect(isTooFarAhead(h(NOW + DEFAULT_MAX_DRIFT_MS + 1), NOW + 0.9)).toBe(true);
  });
});

describe('Quarantine', () => {
  it('holds far-future changes, passes the others in order, and releases when time catches up', () => {
    const q = new Quarantine();
    const near = set('a', NOW + 60_000);
    const far = set('b', NOW + 3_600_000);
    const farther = set('c', NOW + 7_200_000);
    const past = set('d', NOW - 60_000);
    expect(q.admit([near, far, past, farther], 'B', 7, NOW)).toEqual([near, past]);
    expect(q.size).toBe(2);
    expect(q.oldestSeq('B')).toBe(7);
    expect(q.oldestSeq('C')).toBeUndefined();
    expect(q.nextReleaseAt()).toBe(NOW + 3_600_000 - DEFAULT_MAX_DRIFT_MS);

    expect(q.release(NOW + 3_600_000 - DEFAULT_MAX_DRIFT_MS - 1)).toEqual([]);
    expect(q.release(NOW + 3_600_000 - DEFAULT_MAX_DRIFT_MS)).toEqual([{ change: far, ms: NOW + 3_600_000, device: 'B', seq: 7 }]);
    expect(q.entries().map((e) => e.change)).toEqual([farther]);
    expect(q.release(NOW + 10_000_000).map((e) => e.change)).toEqual([farther]);
    expect(q.size).toBe(0);
    expect(q.nextReleaseAt()).toBeUndefined();
  });

  it('restores persisted entries and refuses a negative bound', () => {
    const q = new Quarantine(1000, [{ change: set('a', NOW + 5000), ms: NOW + 5000, device: 'C', seq: 2 }]);
    expect(q.size).toBe(1);
    expect(q.release(NOW + 3999)).toEqual([]);
    expect(q.release(NOW + 4000)).toHaveLength(1);
    expect(() => new Quarantine(-1)).toThrow(RangeError);
  });
});
