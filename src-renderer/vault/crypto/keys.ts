/**
 * The key hierarchy: random keys, key wrapping, subkeys and client data keys.
 *
 *   passphrase --Argon2id--> KEK ---wrap(AD kek)------\
 *   recovery key ------------------wrap(AD recovery)--+--> vault key --crypto_kdf--> subkeys
 *                                                          vault key --wrap(AD client:<id>)--> client data key
 *
 * That is header version 1. Version 2 (key-purposes.ts, docs/key-epochs.md) keeps the vault key as
 * the root key R and wraps an epoch key instead; its wraps use `wrapAdV2`, with the epoch bound in.
 */
import { toBase64 } from './encoding.ts';
import { VaultError } from './errors.ts';
import type { KdfParams } from './kdf.ts';
import { ROOT_SUBKEYS } from './key-purposes.ts';
import { fillRandom } from './random.ts';
import { getSodium } from './sodium.ts';

/** Every symmetric key here is 256 bits. */
export const KEY_BYTES = 32;
/** First byte of a wrapped key; lets a future layout coexist with this one. */
export const WRAP_VERSION = 1;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;
/**
 * Wrapped key layout (73 bytes):
 *   [0]      version = 1
 *   [1..25)  XChaCha20 nonce, 24 random bytes
 *   [25..73) XChaCha20-Poly1305-IETF ciphertext of the 32-byte key + 16-byte tag
 */
export const WRAPPED_KEY_BYTES = 1 + NONCE_BYTES + KEY_BYTES + TAG_BYTES;

/** What a wrap is for; part of its associated data so wraps cannot be swapped. */
export type WrapPurpose = 'kek' | 'recovery' | `client:${string}`;

/** 32 fresh random bytes. */
export function generateKey(): Uint8Array {
  return fillRandom(new Uint8Array(KEY_BYTES));
}

/**
 * Canonical associated data for a key wrap: a JSON array with a fixed order,
 * so it is unambiguous whatever characters the ids contain.
 *
 * Only the passphrase wrap binds the KDF parameters (`params` required for
 * 'kek', refused otherwise): the recovery and client wraps do not depend on
 * Argon2id, and binding them would break them each time the passphrase, and
 * with it the salt, changes.
 */
export function wrapAd(vaultId: string, params: KdfParams | null, purpose: WrapPurpose): string {
  if (vaultId.length === 0) throw new RangeError('wrapAd needs a vault id');
  if ((purpose === 'kek') !== (params !== null)) {
    throw new RangeError(`wrapAd: KDF params are required for 'kek' wraps and only for them (purpose ${purpose})`);
  }
  if (purpose.startsWith('client:') && purpose.length === 'client:'.length) {
    throw new RangeError('wrapAd: a client wrap needs a client id');
  }
  const kdf = params === null ? null : [params.alg, params.opsLimit, params.memLimitBytes, toBase64(params.salt)];
  return JSON.stringify(['caravan-key-wrap', WRAP_VERSION, vaultId, purpose, kdf]);
}

/** What a version 2 wrap is for (docs/key-epochs.md "Header version 2"). */
export type WrapPurposeV2 = 'kek' | 'root' | 'recovery-root' | `client:${string}`;

/**
 * Associated data of a version 2 wrap: `["caravan-key-wrap", 2, vaultId, purpose, kdf|null,
 * epochId|null]`. The KDF parameters are bound only by 'kek' (as in version 1); the epoch by every
 * wrap of or under an epoch key ('kek', 'root', 'client:<id>'), so a wrap of one epoch cannot be
 * passed off as another's. 'recovery-root' (R under the recovery key) belongs to no epoch.
 */
export function wrapAdV2(vaultId: string, purpose: WrapPurposeV2, params: KdfParams | null, epochId: string | null): string {
  if (vaultId.length === 0) throw new RangeError('wrapAdV2 needs a vault id');
  if ((purpose === 'kek') !== (params !== null)) throw new RangeError(`wrapAdV2: KDF params are for 'kek' wraps only (purpose ${purpose})`);
  if ((purpose === 'recovery-root') !== (epochId === null))
    throw new RangeError(`wrapAdV2: every wrap but 'recovery-root' names its epoch (purpose ${purpose})`);
  if (purpose.startsWith('client:') && purpose.length === 'client:'.length) throw new RangeError('wrapAdV2: a client wrap needs a client id');
  const kdf = params === null ? null : [params.alg, params.opsLimit, params.memLimitBytes, toBase64(params.salt)];
  return JSON.stringify(['caravan-key-wrap', 2, vaultId, purpose, kdf, epochId]);
}

/** Encrypts `key` under `wrappingKey`; output is the 73-byte layout above. */
export async function wrapKey(wrappingKey: Uint8Array, key: Uint8Array, ad: string): Promise<Uint8Array> {
  if (key.length !== KEY_BYTES) throw new RangeError(`wrapKey wraps ${KEY_BYTES}-byte keys, got ${key.length}`);
  checkWrappingKey(wrappingKey);
  const sodium = await getSodium();
  const out = new Uint8Array(WRAPPED_KEY_BYTES);
  out[0] = WRAP_VERSION;
  const nonce = fillRandom(out.subarray(1, 1 + NONCE_BYTES));
  const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(key, ad, null, nonce, wrappingKey);
  out.set(sealed, 1 + NONCE_BYTES);
  return out;
}

/**
 * Opens a wrapped key. Any failure (wrong wrapping key, other AD, truncation,
 * a flipped bit, unknown version) is VaultError('key-unwrap-failed'); callers
 * that know better (wrong passphrase, wrong recovery key) translate it.
 */
export async function unwrapKey(wrappingKey: Uint8Array, wrapped: Uint8Array, ad: string): Promise<Uint8Array> {
  checkWrappingKey(wrappingKey);
  if (wrapped.length !== WRAPPED_KEY_BYTES) {
    throw new VaultError('key-unwrap-failed', `wrapped key is ${wrapped.length} bytes, expected ${WRAPPED_KEY_BYTES}`);
  }
  if (wrapped[0] !== WRAP_VERSION) throw new VaultError('key-unwrap-failed', `unknown wrap version ${wrapped[0]}`);
  const sodium = await getSodium();
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, wrapped.subarray(1 + NONCE_BYTES), ad, wrapped.subarray(1, 1 + NONCE_BYTES), wrappingKey);
  } catch (cause) {
    throw new VaultError('key-unwrap-failed', 'authentication failed', { cause });
  }
}

function checkWrappingKey(wrappingKey: Uint8Array): void {
  if (wrappingKey.length !== KEY_BYTES) throw new RangeError(`wrapping key must be ${KEY_BYTES} bytes, got ${wrappingKey.length}`);
}

/** Keys derived from the vault key, one per use, never used for anything else. */
export interface Subkeys {
  /** Encrypts workspace records (those not under a client data key). */
  records: Uint8Array;
  /** Keyed hash for searchable blind indexes over encrypted fields. */
  blindIndex: Uint8Array;
  /** Encrypts and authenticates sync segments and snapshots. */
  syncSegments: Uint8Array;
  /** Authenticates the local audit log. */
  audit: Uint8Array;
}

/**
 * crypto_kdf contexts (exactly 8 bytes) and subkey ids, from the one table of key-purposes.ts.
 * Frozen forever: changing one makes everything encrypted under that subkey unreadable.
 */
export const SUBKEY_SPECS: Readonly<Record<keyof Subkeys, { readonly context: string; readonly id: number }>> = Object.freeze({
  records: ROOT_SUBKEYS.records,
  blindIndex: ROOT_SUBKEYS.blindIndex,
  syncSegments: ROOT_SUBKEYS.legacySync,
  audit: ROOT_SUBKEYS.audit,
});

/** Derives the four subkeys of a vault key with `crypto_kdf_derive_from_key`. */
export async function deriveSubkeys(vaultKey: Uint8Array): Promise<Subkeys> {
  checkWrappingKey(vaultKey);
  const sodium = await getSodium();
  const derive = (name: keyof Subkeys): Uint8Array => {
    const spec = SUBKEY_SPECS[name];
    return sodium.crypto_kdf_derive_from_key(KEY_BYTES, spec.id, spec.context, vaultKey);
  };
  return { records: derive('records'), blindIndex: derive('blindIndex'), syncSegments: derive('syncSegments'), audit: derive('audit') };
}

/** A new client data key: the unit of sharing and of erasure (crypto-shredding). */
export function newClientKey(): Uint8Array {
  return generateKey();
}

/** Wraps a client data key under the vault key, bound to the vault and the client. */
export function wrapClientKey(vaultKey: Uint8Array, vaultId: string, clientId: string, clientKey: Uint8Array): Promise<Uint8Array> {
  return wrapKey(vaultKey, clientKey, wrapAd(vaultId, null, `client:${clientId}`));
}

/** Opens a client data key; a wrap of another client or vault is refused ('key-unwrap-failed'). */
export function unwrapClientKey(vaultKey: Uint8Array, vaultId: string, clientId: string, wrapped: Uint8Array): Promise<Uint8Array> {
  return unwrapKey(vaultKey, wrapped, wrapAd(vaultId, null, `client:${clientId}`));
}

/** Wraps a client data key under an epoch's clientWrap key (version 2 local rows and `p/<client>/key/<epoch>.bin`). */
export function wrapClientKeyV2(clientWrap: Uint8Array, vaultId: string, clientId: string, epochId: string, clientKey: Uint8Array): Promise<Uint8Array> {
  return wrapKey(clientWrap, clientKey, wrapAdV2(vaultId, `client:${clientId}`, null, epochId));
}

/** Opens a version 2 client key wrap; one of another client, vault or epoch is refused ('key-unwrap-failed'). */
export function unwrapClientKeyV2(clientWrap: Uint8Array, vaultId: string, clientId: string, epochId: string, wrapped: Uint8Array): Promise<Uint8Array> {
  return unwrapKey(clientWrap, wrapped, wrapAdV2(vaultId, `client:${clientId}`, null, epochId));
}

/**
 * Overwrites key material with zeros (the same loop as `sodium.memzero`, but
 * usable before libsodium has loaded). Best effort: the JS engine may have
 * copied the bytes elsewhere, but a wiped array no longer opens anything, and
 * record decryption reports an all-zero key as 'record-key-missing'.
 */
export function wipe(...arrays: Array<Uint8Array | null | undefined>): void {
  for (const bytes of arrays) bytes?.fill(0);
}
