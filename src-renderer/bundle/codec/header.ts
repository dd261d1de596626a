/**
 * The clear header of a bundle: canonical JSON (sorted keys, no whitespace, UTF-8), readable
 * without any key, so it holds codes, sizes, public keys and wrapped keys only: never a name or
 * any client content. It is authenticated twice: as associated data of the first body chunk
 * (so the body cannot be moved under another header, or re-signed by someone who cannot decrypt
 * it) and by the signature over the whole file.
 *
 *   {"bodyBytes":n,"createdAt":ms,"kind":"project","protection":{…},"residency":{…},
 *    "signer":{"box":b64,"sign":b64},"v":1,"variant":"full"|"handoff"}
 *
 * `parseHeader` accepts exactly what `headerBytes` writes: exact fields, types, lengths, and the
 * bytes must equal the canonical re-serialisation of the parsed value.
 */
import type { ResidencyPolicy } from '../../../src-preload/contract/residency.ts';
import { canonicalJson } from '../../sync/segment/canonical-json.ts';
import { fromBase64 } from '../../vault/crypto/encoding.ts';
import { BundleError } from './errors.ts';
import { residencyProblem } from './residency.ts';

/** Argon2id salt (crypto_pwhash_SALTBYTES). */
export const SALT_BYTES = 16;
/** The passphrase wrap of the file key: 24-byte nonce, 32-byte key, 16-byte tag. */
export const WRAPPED_KEY_BYTES = 72;
/** crypto_box_seal of the 32-byte file key: 32-byte ephemeral public key, 32 bytes, 16-byte tag. */
export const SEALED_KEY_BYTES = 80;
/** At most this many recipients per bundle (each costs one X25519 trial on import). */
export const MAX_RECIPIENTS = 64;
/** Ed25519 and X25519 public keys. */
export const PUBLIC_KEY_BYTES = 32;

/** How the file key is protected, as written in the header. Binary fields are padded base64. */
export type ProtectionHeader =
  | {
      readonly kind: 'passphrase';
      readonly alg: 'argon2id13';
      readonly opsLimit: number;
      readonly memLimitBytes: number;
      /** 16 bytes. */
      readonly salt: string;
      /** 72 bytes: nonce ‖ XChaCha20-Poly1305(file key). */
      readonly wrappedKey: string;
    }
  | {
      readonly kind: 'recipients';
      /** One 80-byte crypto_box_seal of the file key per recipient, in the order given; no recipient ids. */
      readonly sealed: readonly string[];
    };

/** The clear header of format version 1. */
export interface BundleHeader {
  readonly v: 1;
  readonly kind: 'project';
  readonly variant: 'full' | 'handoff';
  /** When the bundle was made, ms since the Unix epoch. */
  readonly createdAt: number;
  /** Plaintext length of the body; fixes the chunk count and the file length. */
  readonly bodyBytes: number;
  readonly residency: ResidencyPolicy;
  /** The exporting vault's public keys: Ed25519 `sign` (verifies this file), X25519 `box` (to reply to). */
  readonly signer: { readonly sign: string; readonly box: string };
  readonly protection: ProtectionHeader;
}

const HEADER_KEYS = ['bodyBytes', 'createdAt', 'kind', 'protection', 'residency', 'signer', 'v', 'variant'] as const;
const PASSPHRASE_KEYS = ['alg', 'kind', 'memLimitBytes', 'opsLimit', 'salt', 'wrappedKey'] as const;
const RECIPIENTS_KEYS = ['kind', 'sealed'] as const;
const SIGNER_KEYS = ['box', 'sign'] as const;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The header's bytes as written. Throws RangeError if `header` would not parse back (a caller's mistake). */
export function headerBytes(header: BundleHeader): Uint8Array {
  const bytes = encoder.encode(canonicalJson(header));
  try {
    parseHeader(bytes);
  } catch (error) {
    if (error instanceof BundleError) throw new RangeError(`encodeBundle: invalid header: ${error.detail ?? error.code}`, { cause: error });
    throw error;
  }
  return bytes;
}

/**
 * Parses and strictly validates header bytes. Throws BundleError('bad-header') for anything but
 * a canonical version-1 header. Bounds that have their own code (body size, KDF cost) are checked
 * by the caller, on a header known to be well formed.
 */
export function parseHeader(raw: Uint8Array): BundleHeader {
  const bad = (why: string, cause?: unknown): BundleError => new BundleError('bad-header', why, cause === undefined ? undefined : { cause });
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(raw));
  } catch (cause) {
    throw bad('the header is not UTF-8 JSON', cause);
  }
  if (!isObject(value)) throw bad('the header is not a JSON object');
  if (!hasExactly(value, HEADER_KEYS)) throw bad('unexpected or missing header fields');
  if (value['v'] !== 1) throw bad(`header version ${String(value['v']).slice(0, 20)}`);
  if (value['kind'] !== 'project') throw bad('kind is not "project"');
  if (value['variant'] !== 'full' && value['variant'] !== 'handoff') throw bad('variant is not "full" or "handoff"');
  if (!isCount(value['createdAt'])) throw bad('createdAt is not a time in ms');
  if (!isCount(value['bodyBytes'])) throw bad('bodyBytes is not a byte count');
  const residency = residencyProblem(value['residency']);
  if (residency !== undefined) throw bad(residency);

  const signer = value['signer'];
  if (!isObject(signer) || !hasExactly(signer, SIGNER_KEYS)) throw bad('signer must have exactly "box" and "sign"');
  if (!isBase64Of(signer['sign'], PUBLIC_KEY_BYTES)) throw bad('signer.sign is not a 32-byte key in base64');
  if (!isBase64Of(signer['box'], PUBLIC_KEY_BYTES)) throw bad('signer.box is not a 32-byte key in base64');

  const protection = value['protection'];
  if (!isObject(protection)) throw bad('protection is not an object');
  if (protection['kind'] === 'passphrase') {
    if (!hasExactly(protection, PASSPHRASE_KEYS)) throw bad('unexpected or missing passphrase protection fields');
    if (protection['alg'] !== 'argon2id13') throw bad('the KDF is not argon2id13');
    // Whether the cost is acceptable is 'kdf-cost', checked later; here only its type.
    if (!isCount(protection['opsLimit']) || !isCount(protection['memLimitBytes'])) throw bad('KDF cost is not two integers');
    if (!isBase64Of(protection['salt'], SALT_BYTES)) throw bad('salt is not 16 bytes in base64');
    if (!isBase64Of(protection['wrappedKey'], WRAPPED_KEY_BYTES)) throw bad('wrappedKey is not 72 bytes in base64');
  } else if (protection['kind'] === 'recipients') {
    if (!hasExactly(protection, RECIPIENTS_KEYS)) throw bad('unexpected or missing recipients protection fields');
    const sealed = protection['sealed'];
    if (!Array.isArray(sealed) || sealed.length < 1 || sealed.length > MAX_RECIPIENTS) throw bad(`sealed must list 1..${MAX_RECIPIENTS} keys`);
    if (!sealed.every((s) => isBase64Of(s, SEALED_KEY_BYTES))) throw bad('a sealed key is not 80 bytes in base64');
  } else {
    throw bad('protection kind is not "passphrase" or "recipients"');
  }

  const header = value as unknown as BundleHeader;
  // One spelling per header: what was signed is exactly what this code would have written.
  const canonical = encoder.encode(canonicalJson(header));
  if (canonical.length !== raw.length || canonical.some((b, i) => b !== raw[i])) throw bad('the header is not in canonical form');
  return header;
}

/** The 32-byte key behind a base64 field already validated by parseHeader. */
export function decodeKeyField(text: string): Uint8Array {
  const bytes = fromBase64(text);
  if (bytes === undefined) throw new RangeError('decodeKeyField: not base64 (the header was not validated)');
  return bytes;
}

function isBase64Of(value: unknown, length: number): value is string {
  return typeof value === 'string' && value.length === 4 * Math.ceil(length / 3) && fromBase64(value)?.length === length;
}

function hasExactly(value: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(value).sort();
  return own.length === keys.length && own.every((k, i) => k === keys[i]);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
