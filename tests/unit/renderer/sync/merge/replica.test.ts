import { describe, expect, it } from 'vitest';
import { createClock, decode, DEFAULT_MAX_DRIFT_MS } from '../../../../../src-renderer/sync/hlc/hlc.ts';
import { MergeError } from '../../../../../src-renderer/sync/merge/merge-state.ts';
import { Replica, type Segment } from '../../../../../src-renderer/sync/merge/replica.ts';

const NODE_A = '000000000000000a';
const NODE_B = '000000000000000b';
const T0 = 1_700_000_000_000;

/** A device whose wall clock the test moves by hand. */
function device(id: string, node: string, start = T0) {
  const wall = { t: start };
  const replica = new Replica({ device: id, clock: createClock(node, () => wall.t) });
  return { wall, replica };
}

describe('local writes', () => {
  it('stamps one HLC per write, applies at once and seals numbered segments', () => {
    const { wall, replica } = device('A', NODE_A);
    const changes = replica.write('clients', 'c1', { name: 'Ada', note: 'x' });
    expect(changes).toHaveLength(2);
    expect(changes[0]!.hlc).toBe(changes[1]!.hlc);
    wall.t += 10;
    replica.write('clients', 'c1', { note: undefined });
    expect(replica.materialize()).toEqual({ clients: { c1: { name: 'Ada' } } });
    expect(replica.unsentCount).toBe(3);

    const first = replica.flush();
    expect(first).toMatchObject({ device: 'A', seq: 1 });
    expect(first!.changes.map((c) => c.op)).toEqual(['set', 'set', 'unset']);
    expect(replica.flush()).toBeUndefined();
    expect(replica.write('clients', 'c1', {})).toEqual([]);
    replica.remove('clients', 'c1');
    expect(replica.materialize()).toEqual({});
    expect(replica.flush()).toMatchObject({ device: 'A', seq: 2, changes: [{ op: 'delete', table: 'clients', id: 'c1' }] });
    expect(replica.vector).toEqual({ A: 2 });
  });

  it('own segments coming back are duplicates', () => {
    const { replica } = device('A', NODE_A);
    replica.write('clients', 'c1', { name: 'Ada' });
    const segment = replica.flush()!;
    expect(replica.receiveSegment(segment).status).toBe('duplicate');
  });

  it('refuses a write that would make a malformed change', () => {
    const { replica } = device('A', NODE_A);
    expect(() => replica.write('nope' as 'clients', 'c1', { a: 1 })).toThrow(MergeError);
    expect(() => replica.write('clients', '', { a: 1 })).toThrow(MergeError);
    expect(replica.unsentCount).toBe(0);
  });
});

describe('receiving segments', () => {
  function threeSegments() {
    const a = device('A', NODE_A);
    a.replica.write('projects', 'p1', { name: 'one' });
    const s1 = a.replica.flush()!;
    a.wall.t += 1;
    a.replica.write('projects', 'p1', { name: 'two' });
    const s2 = a.replica.flush()!;
    a.wall.t += 1;
    a.replica.remove('projects', 'p1');
    const s3 = a.replica.flush()!;
    return { a, s1, s2, s3 };
  }

  it('holds a segment beyond a gap and applies in order once it is filled', () => {
    const { s1, s2, s3 } = threeSegments();
    const { replica } = device('B', NODE_B);
    expect(replica.receiveSegment(s3)).toMatchObject({ status: 'pending', applied: [] });
    expect(replica.receiveSegment(s2)).toMatchObject({ status: 'pending', applied: [] });
    expect(replica.pendingCount).toBe(2);
    expect(replica.materialize()).toEqual({});
    expect(replica.receiveSegment(s1)).toMatchObject({
      status: 'ready',
      applied: [
        { device: 'A', seq: 1 },
        { device: 'A', seq: 2 },
        { device: 'A', seq: 3 },
      ],
    });
    expect(replica.vector).toEqual({ A: 3 });
    expect(replica.read('projects', 'p1')).toMatchObject({ status: 'deleted' });
  });

  it('ignores duplicates, applied or pending', () => {
    const { s1, s2, s3 } = threeSegments();
    const { replica } = device('B', NODE_B);
    expect(replica.receiveSegment(s1).status).toBe('ready');
    expect(replica.receiveSegment(s1)).toMatchObject({ status: 'duplicate', changed: 0 });
    expect(replica.receiveSegment(s3).status).toBe('pending');
    expect(replica.receiveSegment(s3).status).toBe('duplicate');
    expect(replica.receiveSegment(s2).applied).toHaveLength(2);
  });

  it('refuses a malformed segment without recording it', () => {
    const { s1 } = threeSegments();
    const { replica } = device('B', NODE_B);
    const broken = { ...s1, changes: [...s1.changes, { op: 'set', table: 'projects', id: 'p1', field: 'x', hlc: 'zz' }] } as Segment;
    expect(() => replica.receiveSegment(broken)).toThrow(MergeError);
    expect(() => replica.receiveSegment({ ...s1, seq: 0 })).toThrow(MergeError);
    expect(replica.vector).toEqual({});
    expect(replica.receiveSegment(s1).status).toBe('ready');
  });

  it('moves the clock past what it applied, so a later local write wins', () => {
    const a = device('A', NODE_A, T0 + 120_000); // two minutes ahead: accepted
    a.replica.write('clients', 'c1', { name: 'from A' });
    const b = device('B', NODE_B);
    b.replica.receiveSegment(a.replica.flush()!);
    const [mine] = b.replica.write('clients', 'c1', { name: 'from B' });
    expect(decode(mine!.hlc).ms).toBe(T0 + 120_000);
    expect(b.replica.materialize()).toEqual({ clients: { c1: { name: 'from B' } } });
  });
});

describe('quarantine in the replica', () => {
  it('holds changes from the far future, keeps the clock, releases when local time catches up', () => {
    const a = device('A', NODE_A, T0 + 3_600_000); // an hour ahead
    a.replica.write('clients', 'c1', { name: 'future' });
    const s1 = a.replica.flush()!;
    const b = device('B', NODE_B);
    b.replica.write('clients', 'c2', { name: 'present' });

    const result = b.replica.receiveSegment(s1);
    expect(result).toMatchObject({ status: 'ready', quarantined: 1, released: 0, changed: 0 });
    expect(b.replica.vector).toEqual({ A: 1 });
    expect(b.replica.ackVector()).toEqual({ A: 0 });
    expect(b.replica.materialize()).toEqual({ clients: { c2: { name: 'present' } } });
    expect(b.replica.clock.last.ms).toBe(T0);
    expect(b.replica.nextReleaseAt()).toBe(T0 + 3_600_000 - DEFAULT_MAX_DRIFT_MS);

    b.wall.t = T0 + 3_600_000 - DEFAULT_MAX_DRIFT_MS - 1;
    expect(b.replica.releaseQuarantine()).toBe(0);
    b.wall.t += 1;
    expect(b.replica.releaseQuarantine()).toBe(1);
    expect(b.replica.quarantined()).toEqual([]);
    expect(b.replica.ackVector()).toEqual({ A: 1 });
    expect(b.replica.materialize()).toEqual({ clients: { c1: { name: 'future' }, c2: { name: 'present' } } });
    expect(b.replica.clock.last.ms).toBe(T0 + 3_600_000);
  });

  it('uses the wall time passed to receiveSegment, and releases on a later receive', () => {
    const a = device('A', NODE_A, T0 + 600_000);
    a.replica.write('clients', 'c1', { n: 1 });
    const s1 = a.replica.flush()!;
    a.replica.write('clients', 'c1', { n: 2 });
    const s2 = a.replica.flush()!;
    const b = device('B', NODE_B);
    expect(b.replica.receiveSegment(s1, T0).quarantined).toBe(1);
    b.wall.t = T0 + 300_000;
    expect(b.replica.receiveSegment(s2, T0 + 300_000)).toMatchObject({ quarantined: 0, released: 1 });
    expect(b.replica.materialize()).toEqual({ clients: { c1: { n: 2 } } });
  });
});
