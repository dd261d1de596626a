/**
 * The frame segments and snapshots share (docs/sync-layout.md): magic (4) ‖ version (1) ‖ header
 * length H (2, big-endian) ‖ header (H) ‖ nonce (24) ‖ XChaCha20-Poly1305 of the payload with
 * associated data `adPrefix ‖ bytes [0, 7+H)` ‖ Ed25519 signature over everything before it (64).
 * Each kind has its own magic and associated-data prefix, so one kind is never read as another.
 * Reading stays in each codec: their checks, limits and error codes differ.
 */
import { readySodium } from '../../vault/crypto/sodium.ts';
import { fillRandom } from '../../vault/crypto/random.ts';

export const FRAME_PREFIX_BYTES = 7;
export const FRAME_NONCE_BYTES = 24;
export const FRAME_TAG_BYTES = 16;
export const FRAME_SIGNATURE_BYTES = 64;

export interface SealFrameInput {
  magic: Uint8Array;
  version: number;
  /** The canonical header, at most 65 535 bytes (the codec enforces its own, lower, bound). */
  header: Uint8Array;
  payload: Uint8Array;
  adPrefix: Uint8Array;
  key: Uint8Array;
  signingKey: Uint8Array;
}

/** The AEAD's associated data: the kind's prefix, then the frame's bytes before the nonce. */
export function frameAssociatedData(adPrefix: Uint8Array, prefix: Uint8Array): Uint8Array {
  const ad = new Uint8Array(adPrefix.length + prefix.length);
  ad.set(adPrefix, 0);
  ad.set(prefix, adPrefix.length);
  return ad;
}

export function sealSignedFrame(input: SealFrameInput): Uint8Array {
  const { header, payload } = input;
  const H = header.length;
  if (H > 0xffff) throw new RangeError(`sealSignedFrame: a header of ${H} bytes`);
  const sodium = readySodium();
  const nonceAt = FRAME_PREFIX_BYTES + H;
  const cipherAt = nonceAt + FRAME_NONCE_BYTES;
  const signatureAt = cipherAt + payload.length + FRAME_TAG_BYTES;
  const out = new Uint8Array(signatureAt + FRAME_SIGNATURE_BYTES);
  out.set(input.magic, 0);
  out[4] = input.version;
  out[5] = H >>> 8;
  out[6] = H & 0xff;
  out.set(header, FRAME_PREFIX_BYTES);
  const nonce = fillRandom(out.subarray(nonceAt, cipherAt));
  const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    payload,
    frameAssociatedData(input.adPrefix, out.subarray(0, nonceAt)),
    null,
    nonce,
    input.key,
  );
  out.set(sealed, cipherAt);
  out.set(sodium.crypto_sign_detached(out.subarray(0, signatureAt), input.signingKey), signatureAt);
  return out;
}
