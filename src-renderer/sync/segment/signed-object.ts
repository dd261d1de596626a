/**
 * The JSON objects of the epoch scheme that a device signs with its Ed25519 key (epoch records,
 * grants, inbox entries; docs/key-epochs.md): canonical JSON with a `sig` field over
 * `<prefix>` + the canonical JSON of every other field. Each kind has its own prefix, so a
 * signature over one kind can never be read as another, nor as a segment, snapshot or
 * acknowledgement. Reading never throws anything but KeyObjectError on what it reads.
 */
import { canonicalJson, jsonValueProblem } from './canonical-json.ts';
import { KeyObjectError, type KeyObjectKind } from './errors.ts';
import type { SignerKey } from './segment-codec.ts';
import { fromBase64, toBase64 } from '../../vault/crypto/encoding.ts';
import { readySodium } from '../../vault/crypto/sodium.ts';

const encoder = new TextEncoder();
const SIGNATURE_BYTES = 64;

/** The roster's view of a signer, as `DeviceRoster.publicKeyOf` gives it. */
export type PublicKeyOf = (device: string) => Uint8Array | SignerKey | null;

/** The bytes of a signed object: `fields` plus `sig`. */
export function signObject(fields: Record<string, unknown>, prefix: string, signingKey: Uint8Array): Uint8Array {
  if (signingKey.length !== 64) throw new RangeError('the signing key must be a 64-byte Ed25519 secret key');
  const sig = readySodium().crypto_sign_detached(encoder.encode(prefix + canonicalJson(fields)), signingKey);
  return encoder.encode(canonicalJson({ ...fields, sig: toBase64(sig) }));
}

/** Parses a signed object's JSON, bounded; its fields (without `sig`) and the signature, unverified. */
export function readSignedObject(
  bytes: Uint8Array,
  maxBytes: number,
  kind: KeyObjectKind,
  depth: number,
): { fields: Record<string, unknown>; sig: Uint8Array } {
  if (bytes.length > maxBytes) throw new KeyObjectError('bad-object', kind, `${bytes.length} bytes, at most ${maxBytes}`);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new KeyObjectError('bad-object', kind, 'not UTF-8 JSON', { cause });
  }
  // 1e400 (Infinity) or deep nesting would make canonicalJson throw: refuse them here.
  if (typeof value !== 'object' || value === null || Array.isArray(value) || jsonValueProblem(value, depth) !== null) {
    throw new KeyObjectError('bad-object', kind, 'not a JSON object of this format');
  }
  // One spelling per object, as written: `1.0` for `1`, spaces or another key order are refused,
  // so an object that verifies is byte for byte what its signer wrote.
  const canonical = new TextEncoder().encode(canonicalJson(value));
  if (canonical.length !== bytes.length || canonical.some((b, i) => b !== bytes[i])) throw new KeyObjectError('bad-object', kind, 'not canonical JSON');
  const { sig, ...fields } = value as Record<string, unknown>;
  const sigBytes = typeof sig === 'string' ? fromBase64(sig) : undefined;
  if (sigBytes === undefined || sigBytes.length !== SIGNATURE_BYTES) throw new KeyObjectError('bad-object', kind, 'signature missing or malformed');
  if (typeof fields['v'] === 'number' && fields['v'] !== 1) throw new KeyObjectError('unsupported-version', kind, `format ${fields['v']}`);
  return { fields, sig: sigBytes };
}

/**
 * Verifies `sig` by `signer`'s roster key. An unknown signer is 'unknown-device'; a removed one is
 * 'removed-device' unless `acceptRemoved` (the round's invariant check reads what a removed device
 * published, to learn what it holds).
 */
export function verifySignedObject(
  fields: Record<string, unknown>,
  sig: Uint8Array,
  prefix: string,
  signer: string,
  publicKeyOf: PublicKeyOf,
  kind: KeyObjectKind,
  acceptRemoved = false,
): void {
  const known = publicKeyOf(signer);
  if (known === null) throw new KeyObjectError('unknown-device', kind, `device ${signer}`);
  const { publicKey, removed } = known instanceof Uint8Array ? { publicKey: known, removed: undefined } : known;
  if (removed !== undefined && !acceptRemoved) throw new KeyObjectError('removed-device', kind, `device ${signer}`);
  if (!readySodium().crypto_sign_verify_detached(sig, encoder.encode(prefix + canonicalJson(fields)), publicKey)) {
    throw new KeyObjectError('bad-signature', kind, `by device ${signer}`);
  }
}

/** Exactly these field names, or 'bad-object'. */
export function exactFields(fields: Record<string, unknown>, names: readonly string[], kind: KeyObjectKind): void {
  const keys = Object.keys(fields).sort();
  const want = [...names].sort();
  if (keys.length !== want.length || keys.some((k, i) => k !== want[i])) throw new KeyObjectError('bad-object', kind, 'unexpected fields');
}

/** A base64 field of exactly `length` bytes, or 'bad-object'. */
export function bytesField(value: unknown, length: number, name: string, kind: KeyObjectKind): Uint8Array {
  const bytes = typeof value === 'string' ? fromBase64(value) : undefined;
  if (bytes === undefined || bytes.length !== length) throw new KeyObjectError('bad-object', kind, `${name} is not ${length} bytes`);
  return bytes;
}

/** A time in ms, or 'bad-object'. */
export function timeField(value: unknown, name: string, kind: KeyObjectKind): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new KeyObjectError('bad-object', kind, `${name} is not a time`);
  return value;
}
