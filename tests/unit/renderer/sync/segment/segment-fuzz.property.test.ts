/**
 * Random damage to a segment: bit flips, inserted and deleted bytes, in any number and place.
 * Whatever happens, decoding either returns the original segment (the bytes came back
 * unchanged) or throws a SegmentError; never another exception, never a different segment.
 *
 * The second property plays a roster member who re-signs the damaged bytes: the signature then
 * verifies, so the framing, placement, key and ciphertext checks behind it are exercised too.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SegmentError } from '../../../../../src-renderer/sync/segment/errors.ts';
import { decodeSegment } from '../../../../../src-renderer/sync/segment/segment-codec.ts';
import { ACME, DEV_A, decodeOptions, encodeFor, makeWorld, sampleChanges, type World } from './fixtures.ts';

const RUNS = 2500;

type Mutation = { k: 'flip'; at: number; mask: number } | { k: 'insert'; at: number; byte: number } | { k: 'delete'; at: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ k: fc.constant('flip' as const), at: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ k: fc.constant('insert' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ k: fc.constant('delete' as const), at: fc.nat() }),
);

const mutationsArb = fc.array(mutationArb, { minLength: 1, maxLength: 6 });

/** Applies the mutations in order; with `biasHead`, half of them land in the first 260 bytes (framing and header). */
function mutate(bytes: Uint8Array, mutations: readonly Mutation[], biasHead: boolean): Uint8Array {
  let out = Array.from(bytes);
  for (const m of mutations) {
    const span = biasHead && m.at % 2 === 0 ? Math.min(out.length + 1, 260) : out.length + 1;
    const at = m.at % span;
    if (m.k === 'flip') {
      if (out.length === 0) continue;
      const i = at % out.length;
      out[i] = (out[i] as number) ^ m.mask;
    } else if (m.k === 'insert') {
      out = [...out.slice(0, at), m.byte, ...out.slice(at)];
    } else if (out.length > 0) {
      out.splice(at % out.length, 1);
    }
  }
  return new Uint8Array(out);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

let world: World;
let original: Uint8Array;
const changes = sampleChanges('fuzz', 1).slice(0, 3);
beforeAll(async () => {
  world = await makeWorld();
  original = await encodeFor(world, { partition: ACME, device: DEV_A, seq: 7, changes });
});

async function decodeOrError(bytes: Uint8Array): Promise<'decoded' | SegmentError> {
  try {
    const segment = await decodeSegment(bytes, decodeOptions(world, { partition: ACME, device: DEV_A, seq: 7 }));
    expect(segment).toEqual({ device: DEV_A, seq: 7, changes });
    return 'decoded';
  } catch (error) {
    if (error instanceof SegmentError) return error;
    throw error;
  }
}

describe('fuzzed segments', () => {
  it(`${RUNS} random mutations: a SegmentError, never another exception or another segment`, async () => {
    await fc.assert(
      fc.asyncProperty(mutationsArb, fc.boolean(), async (mutations, biasHead) => {
        const damaged = mutate(original, mutations, biasHead);
        const outcome = await decodeOrError(damaged);
        if (outcome === 'decoded') expect(sameBytes(damaged, original)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it(`${RUNS} random mutations re-signed by the writer: still refused by the checks behind the signature`, async () => {
    const secretKey = world.devices[DEV_A]!.secretKey;
    const body = original.subarray(0, original.length - 64);
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(mutationsArb, fc.boolean(), async (mutations, biasHead) => {
        const damagedBody = mutate(body, mutations, biasHead);
        const signature = world.sodium.crypto_sign_detached(damagedBody, secretKey);
        const damaged = new Uint8Array([...damagedBody, ...signature]);
        const outcome = await decodeOrError(damaged);
        if (outcome === 'decoded') expect(sameBytes(damagedBody, body)).toBe(true);
        else codes.add(outcome.code);
      }),
      { numRuns: RUNS },
    );
    // The checks behind the signature were reached.
    expect([...codes]).toEqual(expect.arrayContaining(['bad-header', 'truncated', 'bad-ciphertext']));
  });

  it('random byte strings are refused with a SegmentError, under either format version byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 400 }), fc.boolean(), fc.constantFrom(1, 2), async (junk, withMagic, version) => {
        const bytes = withMagic && junk.length >= 5 ? new Uint8Array([0x43, 0x52, 0x56, 0x53, version, ...junk.subarray(5)]) : junk;
        expect(await decodeOrError(bytes)).toBeInstanceOf(SegmentError);
      }),
      { numRuns: 1000 },
    );
  });
});
