/**
 * Encryption of one record payload, the vault's hot path (every row read or
 * written goes through here), so it is synchronous and allocation-lean.
 *
 * Record layout (41 bytes + payload):
 *   [0]       version = 1
 *   [1..25)   XChaCha20 nonce, 24 bytes from crypto.getRandomValues
 *   [25..)    XChaCha20-Poly1305-IETF ciphertext of the payload, then the 16-byte tag
 * Associated data: UTF-8 of `${table}|${id}|${schema}|${keyId}`, so a ciphertext
 * copied to another row, table, schema version or key id does not open.
 *
 * Precondition: `await getSodium()` has resolved (unlocking always does).
 */
import { VaultError } from './errors.ts';
import { fillRandom } from './random.ts';
import { readySodium } from './sodium.ts';

/** First byte of every record ciphertext. */
export const RECORD_VERSION = 1;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + NONCE_BYTES;
/** Bytes a ciphertext adds to its payload. */
export const RECORD_OVERHEAD = HEADER_BYTES + TAG_BYTES;
const KEY_BYTES = 32;

/** Where a record lives; all of it is authenticated with the ciphertext. */
export interface RecordContext {
  /** Dexie table name. */
  table: string;
  /** Primary key of the row. */
  id: string;
  /** Schema version of the serialised record. */
  schema: number;
  /** Which key encrypted it: 'workspace' or a client data key id. */
  keyId: string;
}

// Reused across calls: encoding the AD into a scratch buffer avoids one
// allocation per record (libsodium copies it into WASM memory anyway).
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
let adScratch = new Uint8Array(256);

/** UTF-8 of the associated data, as a view into a scratch buffer valid until the next call. */
function associatedData(ctx: RecordContext): Uint8Array {
  const { table, id, schema, keyId } = ctx;
  // A '|' inside a component would make two contexts serialise the same.
  if (table.includes('|') || id.includes('|') || keyId.includes('|')) {
    throw new RangeError(`record context fields may not contain '|' (table ${table})`);
  }
  if (!Number.isSafeInteger(schema) || schema < 0) throw new RangeError(`schema must be a non-negative integer, got ${schema}`);
  const text = `${table}|${id}|${schema}|${keyId}`;
  // UTF-8 needs at most 3 bytes per UTF-16 code unit.
  if (adScratch.length < text.length * 3) adScratch = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, adScratch);
  return adScratch.subarray(0, written);
}

function checkKey(key: Uint8Array, ctx: RecordContext): void {
  if (key.length !== KEY_BYTES) throw new RangeError(`record key must be ${KEY_BYTES} bytes, got ${key.length}`);
  // An all-zero key is one that `wipe` destroyed; say so instead of "corrupt".
  let any = 0;
  for (let i = 0; i < KEY_BYTES; i++) any |= key[i] as number;
  if (any === 0) throw new VaultError('record-key-missing', `key ${ctx.keyId} was destroyed`);
}

/** Encrypts a serialised record for the row described by `ctx`. */
export function encryptRecord(key: Uint8Array, payload: Uint8Array, ctx: RecordContext): Uint8Array {
  checkKey(key, ctx);
  const sodium = readySodium();
  const ad = associatedData(ctx);
  const out = new Uint8Array(RECORD_OVERHEAD + payload.length);
  out[0] = RECORD_VERSION;
  // The nonce is generated in place, in the output buffer: no copy.
  const nonce = fillRandom(out.subarray(1, HEADER_BYTES));
  const sealed = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(payload, ad, null, nonce, key);
  out.set(sealed, HEADER_BYTES);
  return out;
}

/**
 * Decrypts a record. Throws VaultError('record-corrupt') when it does not open
 * (damaged, moved to another row, wrong key) and 'record-key-missing' for a
 * destroyed key.
 */
export function decryptRecord(key: Uint8Array, ciphertext: Uint8Array, ctx: RecordContext): Uint8Array {
  checkKey(key, ctx);
  if (ciphertext.length < RECORD_OVERHEAD) {
    throw new VaultError('record-corrupt', `${ctx.table}/${ctx.id}: ${ciphertext.length} bytes is too short`);
  }
  if (ciphertext[0] !== RECORD_VERSION) {
    throw new VaultError('record-corrupt', `${ctx.table}/${ctx.id}: unknown format version ${ciphertext[0]}`);
  }
  const sodium = readySodium();
  const ad = associatedData(ctx);
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext.subarray(HEADER_BYTES), ad, ciphertext.subarray(1, HEADER_BYTES), key);
  } catch (cause) {
    throw new VaultError('record-corrupt', `${ctx.table}/${ctx.id}: authentication failed`, { cause });
  }
}

/** `JSON.stringify`s and encrypts a record. */
export function encryptJson(key: Uint8Array, value: unknown, ctx: RecordContext): Uint8Array {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`${ctx.table}/${ctx.id}: value is not JSON-serialisable`);
  return encryptRecord(key, encoder.encode(json), ctx);
}

/**
 * Decrypts and parses a record. Returns `unknown`: pass `validate` (a zod
 * schema's `parse`, for instance) to get a typed value.
 */
export function decryptJson(key: Uint8Array, ciphertext: Uint8Array, ctx: RecordContext): unknown;
export function decryptJson<T>(key: Uint8Array, ciphertext: Uint8Array, ctx: RecordContext, validate: (value: unknown) => T): T;
export function decryptJson<T>(key: Uint8Array, ciphertext: Uint8Array, ctx: RecordContext, validate?: (value: unknown) => T): unknown {
  const plain = decryptRecord(key, ciphertext, ctx);
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(plain));
  } catch (cause) {
    // Authenticated but not JSON: written by a bug, not altered in storage.
    throw new VaultError('record-corrupt', `${ctx.table}/${ctx.id}: payload is not valid JSON`, { cause });
  } finally {
    plain.fill(0);
  }
  return validate === undefined ? value : validate(value);
}
