/**
 * The bundle signature: Ed25519 (crypto_sign_detached) by the exporting vault's signing key over
 *
 *   "caravan-bundle-signature|1|" ‖ BLAKE2b-512(bytes [0, signatureAt))
 *
 * i.e. over a digest of every byte before the signature. Hashing first lets a reader verify a
 * file of hundreds of MB in 1 MiB steps (with progress) instead of copying it whole into
 * libsodium's WASM memory, as plain Ed25519 of the whole file would require; the context string
 * keeps a signature made by the vault's key for a bundle from being valid for anything else
 * the same key signs.
 */
import type { Sodium } from '../../vault/crypto/sodium.ts';
import { createPacer } from './pacer.ts';

const CONTEXT = new TextEncoder().encode('caravan-bundle-signature|1|');
const DIGEST_BYTES = 64;
/** How much of the file goes into one hash update when verifying. */
const HASH_STEP_BYTES = 1024 * 1024;

/** An incremental hash of the signed region, fed in the order the bytes appear in the file. */
export interface SignedRegionHash {
  update(bytes: Uint8Array): void;
  /** The exact message the signature is over. */
  message(): Uint8Array;
}

export function signedRegionHash(sodium: Sodium): SignedRegionHash {
  const state = sodium.crypto_generichash_init(null, DIGEST_BYTES);
  return {
    update: (bytes) => sodium.crypto_generichash_update(state, bytes),
    message: () => {
      const digest = sodium.crypto_generichash_final(state, DIGEST_BYTES);
      const out = new Uint8Array(CONTEXT.length + DIGEST_BYTES);
      out.set(CONTEXT, 0);
      out.set(digest, CONTEXT.length);
      return out;
    },
  };
}

/**
 * True when the last 64 bytes of `bytes[0, signatureAt + 64)` are a valid signature by `signPublicKey`.
 * `onStep(done)` reports hashed bytes.
 */
export async function verifySignedRegion(
  sodium: Sodium,
  bytes: Uint8Array,
  signatureAt: number,
  signPublicKey: Uint8Array,
  onStep?: (done: number) => void,
): Promise<boolean> {
  const hash = signedRegionHash(sodium);
  const pace = createPacer();
  for (let at = 0; at < signatureAt; at += HASH_STEP_BYTES) {
    const end = Math.min(at + HASH_STEP_BYTES, signatureAt);
    hash.update(bytes.subarray(at, end));
    onStep?.(end);
    await pace();
  }
  return sodium.crypto_sign_verify_detached(bytes.subarray(signatureAt, signatureAt + 64), hash.message(), signPublicKey);
}
