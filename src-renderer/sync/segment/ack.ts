/**
 * An acknowledgement (`p/<partition>/ack/<device>/<n>.json`): what one device has applied of one
 * partition, as a version vector. Each device writes its own, numbered 1, 2, 3, ..., a new object
 * each time its vector moves, never overwriting one: so the newest is the highest `n` that
 * verifies, on any store, conditional writes or not. Signed with the device's Ed25519 key (the
 * segment signing key): neither the storage provider nor another vault member can acknowledge on a
 * device's behalf, and only a genuine acknowledgement can let compaction delete a segment.
 *
 *   {"at":ms,"device":d,"n":n,"partition":p,"sig":b64,"v":1,"vault":id,"vector":{device:seq}}
 *
 * `sig` is over "caravan-ack|" + the canonical JSON of every other field.
 */
import { canonicalJson, jsonValueProblem } from './canonical-json.ts';
import { isRemoteId, VAULT_ID_RE } from './layout.ts';
import type { SignerKey } from './segment-codec.ts';
import type { VersionVector } from '../merge/version-vector.ts';
import { fromBase64, toBase64 } from '../../vault/crypto/encoding.ts';
import { readySodium } from '../../vault/crypto/sodium.ts';

export interface Ack {
  readonly vaultId: string;
  readonly partition: string;
  readonly device: string;
  readonly n: number;
  readonly at: number;
  readonly vector: VersionVector;
}

const encoder = new TextEncoder();
/** The longest acknowledgement read (main bounds the object by the same number). */
export const MAX_BYTES = 64 * 1024;
const PREFIX = 'caravan-ack|';

function fieldsOf(ack: Ack): Record<string, unknown> {
  return { v: 1, vault: ack.vaultId, partition: ack.partition, device: ack.device, n: ack.n, at: ack.at, vector: ack.vector };
}

export function encodeAck(ack: Ack, signingKey: Uint8Array): Uint8Array {
  const fields = fieldsOf(ack);
  const sig = readySodium().crypto_sign_detached(encoder.encode(PREFIX + canonicalJson(fields)), signingKey);
  return encoder.encode(canonicalJson({ ...fields, sig: toBase64(sig) }));
}

/**
 * The acknowledgement, or null when it does not verify or does not belong at `readFrom`
 * (partition, device, n); it never throws on what it reads. A removed device's acknowledgements are of no interest to compaction
 * (it no longer counts), so the caller need not pass it a removed device's key.
 */
export function decodeAck(
  bytes: Uint8Array,
  vaultId: string,
  readFrom: { partition: string; device: string; n: number },
  publicKeyOf: (device: string) => Uint8Array | SignerKey | null,
): Ack | null {
  if (bytes.length > MAX_BYTES) return null;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  // Anything on the target is hostile input: 1e400 (Infinity) or deep nesting would make
  // canonicalJson throw, and one such object must not fail every round.
  if (typeof value !== 'object' || value === null || Array.isArray(value) || jsonValueProblem(value, 4) !== null) return null;
  try {
    return verified(value as Record<string, unknown>, vaultId, readFrom, publicKeyOf);
  } catch {
    return null;
  }
}

function verified(
  value: Record<string, unknown>,
  vaultId: string,
  readFrom: { partition: string; device: string; n: number },
  publicKeyOf: (device: string) => Uint8Array | SignerKey | null,
): Ack | null {
  const { sig, ...fields } = value;
  const signer = publicKeyOf(readFrom.device);
  const publicKey = signer === null ? null : signer instanceof Uint8Array ? signer : signer.publicKey;
  const sigBytes = typeof sig === 'string' ? fromBase64(sig) : undefined;
  if (!publicKey || !sigBytes || sigBytes.length !== 64) return null;
  if (!readySodium().crypto_sign_verify_detached(sigBytes, encoder.encode(PREFIX + canonicalJson(fields)), publicKey)) return null;
  const { v, vault, partition, device, n, at, vector } = fields;
  if (v !== 1 || vault !== vaultId || !VAULT_ID_RE.test(vaultId) || partition !== readFrom.partition || device !== readFrom.device || n !== readFrom.n)
    return null;
  if (typeof at !== 'number' || !Number.isSafeInteger(at) || typeof vector !== 'object' || vector === null || Array.isArray(vector)) return null;
  const entries = Object.entries(vector as Record<string, unknown>);
  if (!entries.every(([d, seq]) => isRemoteId(d) && typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0)) return null;
  return {
    vaultId,
    partition: readFrom.partition,
    device: readFrom.device,
    n: readFrom.n,
    at,
    vector: Object.freeze(Object.fromEntries(entries) as Record<string, number>),
  };
}
