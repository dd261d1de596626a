/** Shared fixtures for the bundle codec tests: identities, meta, and a re-signer for tampering behind the signature. */
import { getSodium, readySodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import type { BundleMeta, BundleSigner } from '../../../../../src-renderer/bundle/codec/index.ts';
import { signedRegionHash } from '../../../../../src-renderer/bundle/codec/signature.ts';
import { KDF_FLOOR } from '../../../../../src-renderer/vault/crypto/kdf.ts';

export const FLOOR_COST = { opsLimit: KDF_FLOOR.opsLimit, memLimitBytes: KDF_FLOOR.memLimitBytes };

export interface TestIdentity {
  signer: BundleSigner;
  box: { publicKey: Uint8Array; privateKey: Uint8Array };
}

export async function newIdentity(): Promise<TestIdentity> {
  const sodium = await getSodium();
  const sign = sodium.crypto_sign_keypair();
  const box = sodium.crypto_box_keypair();
  return {
    signer: { signPublicKey: sign.publicKey, signSecretKey: sign.privateKey, boxPublicKey: box.publicKey },
    box: { publicKey: box.publicKey, privateKey: box.privateKey },
  };
}

export const META: BundleMeta = {
  kind: 'project',
  variant: 'full',
  createdAt: 1_764_460_800_000,
  residency: { kind: 'zone', zone: 'EU', attestations: [{ country: 'US', basis: 'EU-US Data Privacy Framework', recordedAt: 1_764_000_000_000 }] },
};

/** `n` bytes of JSON-ish, deterministic content. */
export function contentOf(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = 32 + ((x >>> 0) % 95);
  }
  return out;
}

/** Replaces the signature of `bytes` (a bundle, possibly altered) with a valid one by `secretKey`. */
export function resign(bytes: Uint8Array, secretKey: Uint8Array): Uint8Array {
  const sodium = readySodium();
  const out = bytes.slice();
  const at = out.length - 64;
  const hash = signedRegionHash(sodium);
  hash.update(out.subarray(0, at));
  out.set(sodium.crypto_sign_detached(hash.message(), secretKey), at);
  return out;
}

export function headerLength(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset).getUint32(5, false);
}
