/**
 * Mutated bundles through decryptBundle: bit flips, byte inserts and deletes, overwrites,
 * truncations, appendages and splices from other bundles. Whatever the bytes, the only thing
 * thrown is a BundleError, and a mutated bundle never decrypts (so never to other content).
 * The second run re-signs every mutation with the signer's key, to exercise what lies behind the
 * signature (key unwrapping, the stream) with the same guarantee.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BundleError, CHUNK_BYTES, decryptBundle, encodeBundle } from '../../../../../src-renderer/bundle/codec/index.ts';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { contentOf, META, newIdentity, resign, type TestIdentity } from './helpers.ts';
import { mutate, mutationArb } from '../../../support/bundle-mutations.ts';

let alice: TestIdentity;
let bob: TestIdentity;
let carol: TestIdentity;
const contents = [new Uint8Array(0), contentOf(300, 5), contentOf(CHUNK_BYTES + 50, 6)];
let bases: Uint8Array[];

beforeAll(async () => {
  await getSodium();
  [alice, bob, carol] = await Promise.all([newIdentity(), newIdentity(), newIdentity()]);
  bases = await Promise.all(
    contents.map((content, i) =>
      encodeBundle({
        meta: { ...META, variant: i % 2 === 0 ? 'full' : 'handoff' },
        content,
        protection: { kind: 'recipients', recipients: [carol.box.publicKey, bob.box.publicKey] },
        signer: alice.signer,
      }),
    ),
  );
});

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

describe('fuzzing decryptBundle', () => {
  it('10 000 mutated bundles: only BundleError is thrown, and nothing mutated decrypts', { timeout: 300_000 }, async () => {
    const codes = new Map<string, number>();
    let decrypted = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 2 }), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (which, mutations) => {
        const base = bases[which] as Uint8Array;
        const bytes = mutate(base, mutations, bases);
        try {
          const { content } = await decryptBundle(bytes, { kind: 'recipient', ...bob.box });
          decrypted++;
          expect(sameBytes(bytes, base)).toBe(true);
          expect(sameBytes(content, contents[which] as Uint8Array)).toBe(true);
        } catch (error) {
          if (!(error instanceof BundleError)) throw error;
          codes.set(error.code, (codes.get(error.code) ?? 0) + 1);
        }
      }),
      { numRuns: 10_000 },
    );
    // The mutations reach many checks, not just the first one.
    for (const code of ['bad-magic', 'truncated', 'bad-header', 'trailing-data', 'bad-signature']) expect(codes.get(code) ?? 0, code).toBeGreaterThan(0);
    expect([...codes.values()].reduce((a, b) => a + b, 0) + decrypted).toBe(10_000);
  });

  it('3 000 mutated and re-signed bundles: only BundleError, and only an unchanged signed region decrypts', { timeout: 300_000 }, async () => {
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 2 }), fc.array(mutationArb, { minLength: 1, maxLength: 2 }), async (which, mutations) => {
        const base = bases[which] as Uint8Array;
        const mutated = mutate(base, mutations, bases);
        const bytes = mutated.length >= 64 ? resign(mutated, alice.signer.signSecretKey) : mutated;
        try {
          const { content } = await decryptBundle(bytes, { kind: 'recipient', ...bob.box });
          expect(sameBytes(bytes.subarray(0, bytes.length - 64), base.subarray(0, base.length - 64))).toBe(true);
          expect(sameBytes(content, contents[which] as Uint8Array)).toBe(true);
        } catch (error) {
          if (!(error instanceof BundleError)) throw error;
          codes.set(error.code, (codes.get(error.code) ?? 0) + 1);
        }
      }),
      { numRuns: 3_000 },
    );
    // Behind the signature: the wrap and the stream are what refuse.
    expect(codes.get('bad-chunk') ?? 0).toBeGreaterThan(0);
  });
});
