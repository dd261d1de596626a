import { describe, expect, it } from 'vitest';
import { HlcError, type HlcErrorCode } from '../../../../../src-renderer/sync/hlc/errors.ts';
import {
  compare,
  createClock,
  decode,
  DEFAULT_MAX_DRIFT_MS,
  encode,
  makeHlc,
  MAX_COUNTER,
  MAX_MS,
  newNodeId,
  receive,
  tick,
} from '../../../../../src-renderer/sync/hlc/hlc.ts';

const A = '00000000000000aa';
const B = '00000000000000bb';

/** A wall clock the test moves by hand. */
function wall(start: number) {
  const state = { t: start };
  return { state, now: () => state.t };
}

function hlcErrorCode(run: () => unknown): HlcErrorCode {
  try {
    run();
  } catch (error) {
    if (error instanceof HlcError) return error.code;
    throw error;
  }
  throw new Error('expected an HlcError');
}

describe('tick', () => {
  it('follows the wall clock, counts within a millisecond, and survives it going back', () => {
    const w = wall(1000);
    const clock = createClock(A, w.now);
    expect(tick(clock)).toEqual({ ms: 1000, counter: 0, node: A });
    expect(tick(clock)).toEqual({ ms: 1000, counter: 1, node: A });
    w.state.t = 1005;
    expect(tick(clock)).toEqual({ ms: 1005, counter: 0, node: A });
    w.state.t = 900; // NTP stepped the clock back
    expect(tick(clock)).toEqual({ ms: 1005, counter: 1, node: A });
    w.state.t = 1005.9; // fractional sources are floored
    expect(tick(clock)).toEqual({ ms: 1005, counter: 2, node: A });
  });

  it('throws counter-overflow instead of wrapping, leaving the clock as it was', () => {
    const w = wall(5000);
    const clock = createClock(A, w.now);
    for (let i = 0; i <= MAX_COUNTER; i++) tick(clock);
    expect(clock.last).toEqual({ ms: 5000, counter: MAX_COUNTER, node: A });
    expect(hlcErrorCode(() => tick(clock))).toBe('counter-overflow');
    expect(clock.last).toEqual({ ms: 5000, counter: MAX_COUNTER, node: A });
    w.state.t = 5001;
    expect(tick(clock)).toEqual({ ms: 5001, counter: 0, node: A });
  });

  it('resumes after a restart from the persisted last timestamp', () => {
    const w = wall(1000);
    const clock = createClock(A, w.now, { last: { ms: 2000, counter: 7, node: B } });
    expect(tick(clock)).toEqual({ ms: 2000, counter: 8, node: A });
  });

  it('refuses a broken wall clock or node id', () => {
    expect(hlcErrorCode(() => tick(createClock(A, () => Number.NaN)))).toBe('invalid-timestamp');
    expect(hlcErrorCode(() => tick(createClock(A, () => -1)))).toBe('invalid-timestamp');
    expect(hlcErrorCode(() => createClock('AA', Date.now))).toBe('invalid-timestamp');
    expect(hlcErrorCode(() => createClock('00000000000000AA', Date.now))).toBe('invalid-timestamp');
    expect(() => createClock(A, Date.now, { maxDriftMs: -1 })).toThrow(RangeError);
  });
});

describe('receive', () => {
  it('jumps to a remote ahead of us, within the drift allowance', () => {
    const clock = createClock(A, wall(1000).now);
    expect(receive(clock, { ms: 3000, counter: 4, node: B })).toEqual({ ms: 3000, counter: 5, node: A });
    expect(tick(clock)).toEqual({ ms: 3000, counter: 6, node: A });
  });

  it('takes the larger counter when local, remote and wall agree on ms', () => {
    const clock = createClock(A, wall(1000).now, { last: { ms: 1000, counter: 3, node: A } });
    expect(receive(clock, { ms: 1000, counter: 9, node: B })).toEqual({ ms: 1000, counter: 10, node: A });
    expect(receive(clock, { ms: 1000, counter: 2, node: B })).toEqual({ ms: 1000, counter: 11, node: A });
  });

  it('follows the wall clock when both timestamps are behind it', () => {
    const clock = createClock(A, wall(9000).now, { last: { ms: 1000, counter: 3, node: A } });
    expect(receive(clock, { ms: 2000, counter: 9, node: B })).toEqual({ ms: 9000, counter: 0, node: A });
  });

  it('throws clock-drift for a remote more than 5 minutes ahead, and does not move', () => {
    const w = wall(1_000_000);
    const clock = createClock(A, w.now);
    tick(clock);
    const before = clock.last;
    const edge = { ms: 1_000_000 + DEFAULT_MAX_DRIFT_MS, counter: 0, node: B };
    const beyond = { ms: edge.ms + 1, counter: 0, node: B };
    let caught: unknown;
    try {
      receive(clock, beyond);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HlcError);
    expect(caught).toMatchObject({ code: 'clock-drift', driftMs: DEFAULT_MAX_DRIFT_MS + 1 });
    expect((caught as HlcError).message).toMatch(/300 s in the future.*set aside/);
    expect(clock.last).toBe(before);
    expect(receive(clock, edge)).toEqual({ ms: edge.ms, counter: 1, node: A });
  });

  it('honours a configured drift allowance', () => {
    const clock = createClock(A, wall(1000).now, { maxDriftMs: 10 });
    expect(hlcErrorCode(() => receive(clock, { ms: 1011, counter: 0, node: B }))).toBe('clock-drift');
    expect(receive(clock, { ms: 1010, counter: 0, node: B }).ms).toBe(1010);
  });

  it('throws counter-overflow rather than wrap on a saturated remote counter', () => {
    const clock = createClock(A, wall(1000).now);
    expect(hlcErrorCode(() => receive(clock, { ms: 1200, counter: MAX_COUNTER, node: B }))).toBe('counter-overflow');
    expect(clock.last).toEqual({ ms: 0, counter: 0, node: A });
  });

  it('refuses malformed remote timestamps', () => {
    const clock = createClock(A, wall(1000).now);
    for (const bad of [
      { ms: -1, counter: 0, node: B },
      { ms: 1, counter: 0x10000, node: B },
      { ms: 1, counter: 0.5, node: B },
      { ms: 1, counter: 0, node: 'bb' },
      { ms: MAX_MS + 1, counter: 0, node: B },
    ]) {
      expect(hlcErrorCode(() => receive(clock, bad))).toBe('invalid-timestamp');
    }
  });
});

describe('compare / encode / decode', () => {
  it('orders by ms, then counter, then node', () => {
    expect(compare({ ms: 1, counter: 9, node: B }, { ms: 2, counter: 0, node: A })).toBe(-1);
    expect(compare({ ms: 2, counter: 1, node: A }, { ms: 2, counter: 0, node: B })).toBe(1);
    expect(compare({ ms: 2, counter: 1, node: A }, { ms: 2, counter: 1, node: B })).toBe(-1);
    expect(compare({ ms: 2, counter: 1, node: A }, { ms: 2, counter: 1, node: A })).toBe(0);
  });

  it('encodes to 32 fixed-width lowercase hex characters', () => {
    expect(encode({ ms: 1, counter: 2, node: A })).toBe('000000000001000200000000000000aa');
    const max = { ms: MAX_MS, counter: MAX_COUNTER, node: 'ffffffffffffffff' };
    expect(encode(max)).toBe('f'.repeat(32));
    expect(decode('f'.repeat(32))).toEqual(max);
    expect(decode('0'.repeat(32))).toEqual({ ms: 0, counter: 0, node: '0'.repeat(16) });
  });

  it('decodes only the canonical form', () => {
    for (const bad of ['', '0'.repeat(31), '0'.repeat(33), 'F'.repeat(32), `${'0'.repeat(31)}g`, ` ${'0'.repeat(31)}`]) {
      expect(hlcErrorCode(() => decode(bad))).toBe('invalid-timestamp');
    }
    expect(hlcErrorCode(() => encode({ ms: 1, counter: 70000, node: A }))).toBe('invalid-timestamp');
  });

  it('makes random 64-bit node ids', () => {
    const a = newNodeId();
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(newNodeId()).not.toBe(a);
    expect(makeHlc(0, 0, a).node).toBe(a);
  });
});
