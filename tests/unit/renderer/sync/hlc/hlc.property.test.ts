import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HlcError } from '../../../../../src-renderer/sync/hlc/errors.ts';
import {
  compare,
  createClock,
  decode,
  DEFAULT_MAX_DRIFT_MS,
  encode,
  type Hlc,
  MAX_COUNTER,
  MAX_MS,
  receive,
  tick,
} from '../../../../../src-renderer/sync/hlc/hlc.ts';

const nodeArb = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((n) => n.toString(16).padStart(16, '0'));
const hlcArb: fc.Arbitrary<Hlc> = fc.record({
  ms: fc.integer({ min: 0, max: MAX_MS }),
  counter: fc.integer({ min: 0, max: MAX_COUNTER }),
  node: nodeArb,
});
/** Timestamps crowded into a small range so that ties on ms and counter are common. */
const crowdedArb: fc.Arbitrary<Hlc> = fc.record({
  ms: fc.integer({ min: 1_000_000, max: 1_000_003 }),
  counter: fc.integer({ min: 0, max: 3 }),
  node: fc.constantFrom('0000000000000001', '0000000000000002', 'ffffffffffffffff'),
});
const anyHlc = fc.oneof(hlcArb, crowdedArb);
const sign = (n: number) => Math.sign(n);

describe('HLC properties', () => {
  it('decode(encode(x)) == x, and the encoding is fixed-width', () => {
    fc.assert(
      fc.property(anyHlc, (x) => {
        const text = encode(x);
        expect(text).toHaveLength(32);
        expect(decode(text)).toEqual(x);
      }),
    );
  });

  it('string order of encode() == compare() order', () => {
    fc.assert(
      fc.property(anyHlc, anyHlc, (a, b) => {
        const ea = encode(a);
        const eb = encode(b);
        expect(sign(compare(a, b))).toBe(ea < eb ? -1 : ea > eb ? 1 : 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('compare is a total order', () => {
    fc.assert(
      fc.property(anyHlc, anyHlc, anyHlc, (a, b, c) => {
        expect(compare(a, a)).toBe(0);
        expect(compare(a, b)).toBe(-compare(b, a) || 0);
        if (compare(a, b) <= 0 && compare(b, c) <= 0) expect(compare(a, c)).toBeLessThanOrEqual(0);
        if (compare(a, b) === 0) expect(a).toEqual(b);
      }),
      { numRuns: 2000 },
    );
  });

  it('tick is strictly monotonic whatever the wall clock does', () => {
    const wallSteps = fc.array(fc.integer({ min: -10_000, max: 10_000 }), { minLength: 1, maxLength: 300 });
    fc.assert(
      fc.property(nodeArb, fc.integer({ min: 20_000, max: 2 ** 40 }), wallSteps, (node, start, steps) => {
        let t = start;
        const clock = createClock(node, () => t);
        let previous = tick(clock);
        for (const step of steps) {
          t = Math.max(0, t + step);
          const next = tick(clock);
          expect(compare(next, previous)).toBe(1);
          expect(next.ms).toBeGreaterThanOrEqual(t); // never behind the wall clock
          expect(next.node).toBe(node);
          previous = next;
        }
      }),
    );
  });

  it('receive returns a timestamp greater than both inputs, or refuses without moving', () => {
    fc.assert(
      fc.property(nodeArb, anyHlc, anyHlc, fc.integer({ min: 0, max: MAX_MS }), (node, last, remote, now) => {
        const clock = createClock(node, () => now, { last });
        const before = clock.last;
        let result: Hlc;
        try {
          result = receive(clock, remote);
        } catch (error) {
          if (!(error instanceof HlcError)) throw error;
          expect(clock.last).toBe(before);
          if (error.code === 'clock-drift') expect(remote.ms - now).toBeGreaterThan(DEFAULT_MAX_DRIFT_MS);
          else expect(error.code).toBe('counter-overflow');
          return;
        }
        expect(compare(result, before)).toBe(1);
        expect(compare(result, remote)).toBe(1);
        expect(result.node).toBe(node);
        expect(result.ms).toBeGreaterThanOrEqual(now);
        // Accepting a change never drags the clock further ahead than the drift allowance.
        expect(result.ms).toBeLessThanOrEqual(Math.max(before.ms, now + DEFAULT_MAX_DRIFT_MS));
        expect(clock.last).toEqual(result);
      }),
      { numRuns: 2000 },
    );
  });

  it('across devices exchanging changes, timestamps are unique and respect causality', () => {
    const nodes = ['000000000000000a', '000000000000000b', '000000000000000c'];
    type Step = { kind: 'local'; at: number; wallStep: number } | { kind: 'deliver'; to: number; pick: number; wallStep: number };
    const stepArb: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('local' as const), at: fc.nat(2), wallStep: fc.integer({ min: -50, max: 50 }) }),
      fc.record({ kind: fc.constant('deliver' as const), to: fc.nat(2), pick: fc.nat(), wallStep: fc.integer({ min: -50, max: 50 }) }),
    );
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 200 }), fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 3 }), (steps, skews) => {
        let t = 1_000_000;
        // Each device's wall clock is skewed by up to 1 s.
        const clocks = nodes.map((node, i) => createClock(node, () => t + (skews[i] as number)));
        const sent: Hlc[] = [];
        const seen = new Set<string>();
        const record = (h: Hlc) => {
          const key = encode(h);
          expect(seen.has(key)).toBe(false);
          seen.add(key);
        };
        for (const step of steps) {
          t += Math.max(0, step.wallStep);
          if (step.kind === 'local') {
            const h = tick(clocks[step.at] as (typeof clocks)[number]);
            record(h);
            sent.push(h);
          } else if (sent.length > 0) {
            const message = sent[step.pick % sent.length] as Hlc;
            const h = receive(clocks[step.to] as (typeof clocks)[number], message);
            expect(compare(h, message)).toBe(1); // the receive happened after the send
            record(h);
          }
        }
      }),
    );
  });
});
