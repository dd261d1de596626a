/**
 * The file key: 32 random bytes per bundle that key the secretstream body, and how a reader gets
 * it back. Both protections wrap the same kind of key, so a reader learns "wrong passphrase" or
 * "not a recipient" from the wrap alone, before touching the body, and a fault in the body is
 * reported as such ('bad-chunk') rather than as a wrong key.
 *
 * - passphrase: KEK = Argon2id(NFKC(passphrase), salt, opsLimit, memLimitBytes) (vault/crypto/kdf.ts);
 *   wrappedKey = nonce[24] ‖ XChaCha20-Poly1305-IETF(file key, AD = "caravan-bundle-key|1", nonce, KEK).
 * - recipients: sealed[i] = crypto_box_seal(file key, recipient X25519 public key), in the order given.
 *
 * Recipient ids are deliberately not written: the header is readable by anyone holding the file,
 * and a list of who it was shared with would tell them more than the count does. The cost is one
 * X25519 trial per sealed key on import, at most 64 (MAX_RECIPIENTS), about a millisecond.
 */
import type { PassphraseKdf } from './types.ts';
import { deriveKek, KDF_CEILING, KDF_FLOOR, kdfCostProblem, type KdfCost } from '../../vault/crypto/kdf.ts';
import { fromBase64, toBase64 } from '../../vault/crypto/encoding.ts';
import { randomBytes } from '../../vault/crypto/random.ts';
import type { Sodium } from '../../vault/crypto/sodium.ts';
import { BundleError } from './errors.ts';
import { MAX_RECIPIENTS, type ProtectionHeader, PUBLIC_KEY_BYTES, SALT_BYTES } from './header.ts';

/** Length of the file key (crypto_secretstream_xchacha20poly1305_KEYBYTES). */
export const FILE_KEY_BYTES = 32;
const NONCE_BYTES = 24;
const WRAP_AD = new TextEncoder().encode('caravan-bundle-key|1');

/**
 * Throws BundleError('kdf-cost') unless the cost is within [KDF_FLOOR, KDF_CEILING] of the vault
 * (kdf.ts): below the floor the passphrase is too cheap to guess, above the ceiling a hostile
 * header could make the reader allocate a gigabyte or spin for minutes before saying anything.
 */
export function checkKdfCost(cost: Readonly<KdfCost>): void {
  const problem = kdfCostProblem(cost);
  if (problem !== undefined) throw new BundleError('kdf-cost', problem);
  if (cost.opsLimit < KDF_FLOOR.opsLimit || cost.memLimitBytes < KDF_FLOOR.memLimitBytes) {
    throw new BundleError(
      'kdf-cost',
      `${cost.opsLimit} passes over ${cost.memLimitBytes / 1024 / 1024} MiB is below the minimum of ${KDF_FLOOR.opsLimit} over ${KDF_FLOOR.memLimitBytes / 1024 / 1024} MiB`,
    );
  }
  if (cost.opsLimit > KDF_CEILING.opsLimit || cost.memLimitBytes > KDF_CEILING.memLimitBytes) {
    throw new BundleError('kdf-cost', `${cost.opsLimit} passes over ${cost.memLimitBytes / 1024 / 1024} MiB is above the maximum`);
  }
}

/** A key from an injected KDF must be a 32-byte key: anything else is a wiring mistake, not a user's. */
function checkedKek(kek: unknown): Uint8Array {
  if (!(kek instanceof Uint8Array) || kek.length !== 32) throw new TypeError('the passphrase KDF must return a 32-byte key');
  return kek;
}

/** Wraps `fileKey` under a passphrase at `cost` (already checked). */
export async function wrapWithPassphrase(
  sodium: Sodium,
  fileKey: Uint8Array,
  passphrase: string,
  cost: KdfCost,
  kdf: PassphraseKdf = deriveKek,
): Promise<ProtectionHeader> {
  const salt = randomBytes(SALT_BYTES);
  const kek = checkedKek(await kdf(passphrase, { alg: 'argon2id13', salt, ...cost }));
  try {
    const nonce = randomBytes(NONCE_BYTES);
    const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(fileKey, WRAP_AD, null, nonce, kek);
    const wrapped = new Uint8Array(NONCE_BYTES + sealed.length);
    wrapped.set(nonce, 0);
    wrapped.set(sealed, NONCE_BYTES);
    return {
      kind: 'passphrase',
      alg: 'argon2id13',
      opsLimit: cost.opsLimit,
      memLimitBytes: cost.memLimitBytes,
      salt: toBase64(salt),
      wrappedKey: toBase64(wrapped),
    };
  } finally {
    kek.fill(0);
  }
}

/** Seals `fileKey` to each recipient's X25519 public key. */
export function sealToRecipients(sodium: Sodium, fileKey: Uint8Array, recipients: readonly Uint8Array[]): ProtectionHeader {
  if (recipients.length < 1 || recipients.length > MAX_RECIPIENTS) {
    throw new RangeError(`encodeBundle: 1..${MAX_RECIPIENTS} recipients, got ${recipients.length}`);
  }
  for (const key of recipients) {
    if (!(key instanceof Uint8Array) || key.length !== PUBLIC_KEY_BYTES) throw new RangeError(`encodeBundle: a recipient key is not ${PUBLIC_KEY_BYTES} bytes`);
  }
  return { kind: 'recipients', sealed: recipients.map((key) => toBase64(sodium.crypto_box_seal(fileKey, key))) };
}

/** The file key of a passphrase bundle, or BundleError('wrong-passphrase'). The header was validated and its cost checked. */
export async function unwrapWithPassphrase(
  sodium: Sodium,
  protection: Extract<ProtectionHeader, { kind: 'passphrase' }>,
  passphrase: string,
  kdf: PassphraseKdf = deriveKek,
): Promise<Uint8Array> {
  const salt = decoded(protection.salt);
  const wrapped = decoded(protection.wrappedKey);
  const kek = checkedKek(await kdf(passphrase, { alg: 'argon2id13', salt, opsLimit: protection.opsLimit, memLimitBytes: protection.memLimitBytes }));
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, wrapped.subarray(NONCE_BYTES), WRAP_AD, wrapped.subarray(0, NONCE_BYTES), kek);
  } catch (cause) {
    throw new BundleError('wrong-passphrase', undefined, { cause });
  } finally {
    kek.fill(0);
  }
}

/** The file key for the holder of this X25519 key pair, or BundleError('not-a-recipient'). */
export function openAsRecipient(
  sodium: Sodium,
  protection: Extract<ProtectionHeader, { kind: 'recipients' }>,
  publicKey: Uint8Array,
  privateKey: Uint8Array,
): Uint8Array {
  if (publicKey.length !== PUBLIC_KEY_BYTES || privateKey.length !== 32) {
    throw new RangeError('decryptBundle: a recipient key pair is a 32-byte X25519 public key and a 32-byte private key');
  }
  // No recipient ids in the header: try each sealed key; libsodium throws for one not sealed to us.
  for (const text of protection.sealed) {
    let key: Uint8Array;
    try {
      key = sodium.crypto_box_seal_open(decoded(text), publicKey, privateKey);
    } catch {
      continue;
    }
    if (key.length === FILE_KEY_BYTES) return key;
  }
  throw new BundleError('not-a-recipient', `${protection.sealed.length} recipient(s) in the file`);
}

function decoded(text: string): Uint8Array {
  const bytes = fromBase64(text);
  if (bytes === undefined) throw new RangeError('key-protection: a header field is not base64 (the header was not validated)');
  return bytes;
}
