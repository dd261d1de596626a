/**
 * A vault's public identity as people handle it: one copyable string to send to someone who will
 * seal bundles to you, and a short fingerprint to compare over another channel (read aloud, a
 * call, a printed page) before trusting a signer. docs/bundle-format.md, "Public identity".
 *
 *   identity    = "caravan1" ‖ base32(sign[32] ‖ box[32] ‖ check[4])        (117 characters)
 *   check       = BLAKE2b-256("caravan-public-identity|1|" ‖ sign ‖ box)[0..4)
 *   fingerprint = upper(base32(BLAKE2b-256("caravan-fingerprint|1|" ‖ sign)[0..20))) in 8 groups of 4
 *
 * The check catches any mistyped, swapped or missing character (a 2^-32 chance to miss one);
 * it is not authentication: a person compares fingerprints for that.
 *
 * Precondition: `await getSodium()` has resolved (BLAKE2b is libsodium's crypto_generichash).
 */
import { readySodium } from '../../vault/crypto/sodium.ts';
import { fromBase32, toBase32 } from './base32.ts';
import { BundleError } from './errors.ts';

/** The human-readable part every identity string starts with; the "1" is the identity format version. */
export const PUBLIC_IDENTITY_PREFIX = 'caravan1';
const KEY_BYTES = 32;
const CHECK_BYTES = 4;
const FINGERPRINT_BYTES = 20;
const IDENTITY_CONTEXT = new TextEncoder().encode('caravan-public-identity|1|');
const FINGERPRINT_CONTEXT = new TextEncoder().encode('caravan-fingerprint|1|');
/** Length of an identity string: the prefix and 109 base32 characters for 68 bytes. */
export const PUBLIC_IDENTITY_CHARS = PUBLIC_IDENTITY_PREFIX.length + Math.ceil(((2 * KEY_BYTES + CHECK_BYTES) * 8) / 5);

/** A vault's two public keys. */
export interface PublicIdentity {
  /** Ed25519: verifies what the vault signs (bundles). */
  signPublicKey: Uint8Array;
  /** X25519: what others seal bundles to. */
  boxPublicKey: Uint8Array;
}

/**
 * The fingerprint of a signing key: 32 base32 characters (160 bits) in upper-case groups of four,
 * e.g. "K3QF 7TZB …". Two people read theirs to each other to confirm who signed a bundle.
 */
export function fingerprint(signPublicKey: Uint8Array): string {
  if (signPublicKey.length !== KEY_BYTES) throw new RangeError(`fingerprint: the signing key must be ${KEY_BYTES} bytes, got ${signPublicKey.length}`);
  const digest = readySodium().crypto_generichash(32, concat(FINGERPRINT_CONTEXT, signPublicKey), null);
  const text = toBase32(digest.subarray(0, FINGERPRINT_BYTES)).toUpperCase();
  return text.match(/.{4}/g)?.join(' ') ?? text;
}

/** The copyable identity string for a vault's public keys. */
export function encodePublicIdentity(id: PublicIdentity): string {
  if (id.signPublicKey.length !== KEY_BYTES || id.boxPublicKey.length !== KEY_BYTES) {
    throw new RangeError(`encodePublicIdentity: both keys must be ${KEY_BYTES} bytes`);
  }
  const body = new Uint8Array(2 * KEY_BYTES + CHECK_BYTES);
  body.set(id.signPublicKey, 0);
  body.set(id.boxPublicKey, KEY_BYTES);
  body.set(checksum(id.signPublicKey, id.boxPublicKey), 2 * KEY_BYTES);
  return PUBLIC_IDENTITY_PREFIX + toBase32(body);
}

/**
 * Reads an identity string as pasted: surrounding and inner whitespace (line breaks from an
 * e-mail) is ignored and upper case accepted. Throws BundleError('bad-public-key') for anything
 * else that is not exactly a valid identity.
 */
export function decodePublicIdentity(text: string): PublicIdentity {
  if (typeof text !== 'string') throw new BundleError('bad-public-key', 'not text');
  const compact = text.replace(/\s+/g, '').toLowerCase();
  if (!compact.startsWith(PUBLIC_IDENTITY_PREFIX)) throw new BundleError('bad-public-key', `it does not start with "${PUBLIC_IDENTITY_PREFIX}"`);
  if (compact.length !== PUBLIC_IDENTITY_CHARS) {
    throw new BundleError('bad-public-key', `${compact.length} characters, an identity has ${PUBLIC_IDENTITY_CHARS}`);
  }
  const body = fromBase32(compact.slice(PUBLIC_IDENTITY_PREFIX.length));
  if (body === undefined) throw new BundleError('bad-public-key', 'a character is not one of a-z, 2-7');
  const signPublicKey = body.slice(0, KEY_BYTES);
  const boxPublicKey = body.slice(KEY_BYTES, 2 * KEY_BYTES);
  const expected = checksum(signPublicKey, boxPublicKey);
  const given = body.subarray(2 * KEY_BYTES);
  if (expected.some((b, i) => b !== given[i])) throw new BundleError('bad-public-key', 'the checksum does not match: a character is wrong');
  return { signPublicKey, boxPublicKey };
}

function checksum(sign: Uint8Array, box: Uint8Array): Uint8Array {
  return readySodium()
    .crypto_generichash(32, concat(IDENTITY_CONTEXT, sign, box), null)
    .subarray(0, CHECK_BYTES);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
