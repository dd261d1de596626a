/**
 * The bytes of one snapshot on a sync target (`p/<partition>/snap/<hash>.snap`): the merged state
 * of a partition at a version vector, signed by the device that wrote it and encrypted under the
 * partition's segment key. Byte by byte (docs/sync-layout.md, "A snapshot, byte by byte"):
 *
 *   [0..4)        magic "CRVP" (not "CRVS": a signature over one can never pass as the other)
 *   [4]           format version = 1 under an epoch 0 key id, 2 under an epoch key id ('sync@<e>', 'client:<c>@<e>')
 *   [5..7)        header length H, u16 big-endian, 1..65535
 *   [7..7+H)      header: canonical JSON
 *                 {"at":ms,"count":n,"device":d,"keyId":k,"packed":c,"partition":p,"size":z,"v":1,"vault":id,"vector":{...}}
 *   [+24)         XChaCha20 nonce
 *   [+c+16)       XChaCha20-Poly1305-IETF ciphertext of the deflated plaintext (c bytes) and its tag;
 *                 associated data = "caravan-snapshot|" + bytes [0..7+H)
 *   [+64)         Ed25519 signature by the writing device over every byte before it
 *
 * The plaintext (z bytes once inflated) is `snapshot-payload.ts`'s record list. The object key
 * names the vector (`vectorHash`), so a reader checks, after the signature, that the snapshot is
 * the one its name promises. Verification is split so that a device can check every candidate's
 * header and signature cheaply and decrypt only the one it uses: `verifySnapshot` (framing,
 * vault, writer, signature, place, removal) then `openSnapshot` (key, decryption, inflation,
 * records); `decodeSnapshot` does both. Errors are SnapshotError with the segment codes.
 *
 * Precondition: `await getSodium()` has resolved.
 */
import { canonicalJson } from './canonical-json.ts';
import { SnapshotError } from './errors.ts';
import { isRemoteId, LEGACY_EPOCH_ID, segmentKeyEpoch, VAULT_ID_RE } from './layout.ts';
import type { SignerKey } from './segment-codec.ts';
import { deflate, inflate, payloadChanges, statePayload } from './snapshot-payload.ts';
import type { MergeState } from '../merge/merge-state.ts';
import type { VersionVector } from '../merge/version-vector.ts';
import { isVaultError } from '../../vault/crypto/errors.ts';
import { toHex } from '../../vault/crypto/encoding.ts';
import { frameAssociatedData, sealSignedFrame } from './sealed-frame.ts';
import { readySodium } from '../../vault/crypto/sodium.ts';
import type { Change } from '../../vault/store/rows.ts';

const MAGIC = new Uint8Array([0x43, 0x52, 0x56, 0x50]);
export const SNAPSHOT_FORMAT_VERSION = 1;
/**
 * Version 1's layout under an epoch key id (docs/key-epochs.md): a Caravan that reads only 1 stops
 * at the version byte. The byte and the key id's epoch must agree.
 */
export const SNAPSHOT_FORMAT_VERSION_EPOCH = 2;
/** Inflated plaintext bound: 256 MiB. 100 000 time blocks are ~82 MB (docs/sync-layout.md). */
export const MAX_SNAPSHOT_PLAINTEXT_BYTES = 256 * 1024 * 1024;
/** Deflated (and so ciphertext) bound: 64 MiB; `sync:put` takes a snapshot of at most MAX_SNAPSHOT_BYTES (85.4 MiB of base64). */
export const MAX_SNAPSHOT_PACKED_BYTES = 64 * 1024 * 1024;
/** The header holds the vector, one ~45-byte entry per device that ever wrote to the partition. */
export const MAX_SNAPSHOT_HEADER_BYTES = 65_535;
const PREFIX_BYTES = 7;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;
const SIGNATURE_BYTES = 64;
export const MAX_SNAPSHOT_BYTES = PREFIX_BYTES + MAX_SNAPSHOT_HEADER_BYTES + NONCE_BYTES + MAX_SNAPSHOT_PACKED_BYTES + TAG_BYTES + SIGNATURE_BYTES;
const HEADER_KEYS = ['at', 'count', 'device', 'keyId', 'packed', 'partition', 'size', 'v', 'vault', 'vector'] as const;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const AD_PREFIX = encoder.encode('caravan-snapshot|');
const HASH_PREFIX = 'caravan-vv|';

/** The clear, signed header of a snapshot. */
export interface SnapshotHeader {
  readonly v: 1 | 2;
  readonly vault: string;
  readonly partition: string;
  /** The writing device. */
  readonly device: string;
  /** The writer's wall clock when it wrote the snapshot, epoch ms (signed, so the server cannot age it). */
  readonly at: number;
  /** Segments merged in: device → last seq (contiguous), no zero entries. */
  readonly vector: VersionVector;
  /** Records in the plaintext. */
  readonly count: number;
  /** Plaintext bytes, inflated. */
  readonly size: number;
  /** Deflated bytes (the ciphertext less its tag). */
  readonly packed: number;
  readonly keyId: string;
}

export interface EncodeSnapshotInput {
  readonly vaultId: string;
  readonly partition: string;
  readonly device: string;
  readonly at: number;
  readonly vector: VersionVector;
  /** The partition's merge state at exactly `vector`. */
  readonly state: MergeState;
  readonly key: Uint8Array;
  readonly keyId: string;
  /** The writer's Ed25519 secret key (64 bytes). */
  readonly signingKey: Uint8Array;
}

export interface VerifySnapshotOptions {
  readonly vaultId: string;
  /** Where the bytes were read from (layout.ts `parseSnapshotObjectKey`). */
  readonly expected: { readonly partition: string; readonly hash: string };
  publicKeyOf(device: string): Uint8Array | SignerKey | null;
}

export interface OpenSnapshotOptions {
  keyFor(keyId: string): Uint8Array | null;
}

/** The vector without zero entries: its one spelling. */
export function normalVector(vector: VersionVector): VersionVector {
  return Object.freeze(Object.fromEntries(Object.entries(vector).filter(([, seq]) => seq > 0)));
}

/** The name of a vector on the target: BLAKE2b-256 of its canonical JSON, in hex. */
export function vectorHash(vector: VersionVector): string {
  return toHex(readySodium().crypto_generichash(32, encoder.encode(HASH_PREFIX + canonicalJson(normalVector(vector))), null));
}

/** Deflates, encrypts, frames and signs a snapshot; SnapshotError('too-large') past the bounds. */
export async function encodeSnapshot(input: EncodeSnapshotInput): Promise<Uint8Array> {
  const { vaultId, partition, device, key, keyId, signingKey } = input;
  if (!VAULT_ID_RE.test(vaultId)) throw new RangeError('encodeSnapshot: the vault id is not a lowercase UUID');
  if (!isRemoteId(partition) || !isRemoteId(device)) throw new RangeError('encodeSnapshot: partition or device id');
  const epoch = segmentKeyEpoch(partition, keyId);
  if (epoch === null) throw new RangeError(`encodeSnapshot: ${keyId} is not a key id of partition ${partition}`);
  const version = epoch === LEGACY_EPOCH_ID ? SNAPSHOT_FORMAT_VERSION : SNAPSHOT_FORMAT_VERSION_EPOCH;
  if (key.length !== 32 || signingKey.length !== 64) throw new RangeError('encodeSnapshot: key or signing key of the wrong length');
  const vector = normalVector(input.vector);
  checkVector(vector, (why) => new RangeError(`encodeSnapshot: ${why}`));
  const { json, records } = statePayload(input.state);
  if (json.length > MAX_SNAPSHOT_PLAINTEXT_BYTES)
    throw new SnapshotError('too-large', `${json.length} bytes of records, at most ${MAX_SNAPSHOT_PLAINTEXT_BYTES}`);
  const packed = await deflate(json);
  json.fill(0);
  if (packed.length > MAX_SNAPSHOT_PACKED_BYTES) throw new SnapshotError('too-large', `${packed.length} bytes deflated, at most ${MAX_SNAPSHOT_PACKED_BYTES}`);
  const header: SnapshotHeader = {
    v: version,
    vault: vaultId,
    partition,
    device,
    at: input.at,
    vector,
    count: records,
    size: json.length,
    packed: packed.length,
    keyId,
  };
  const headerBytes = encoder.encode(canonicalJson(header));
  if (headerBytes.length > MAX_SNAPSHOT_HEADER_BYTES) throw new SnapshotError('too-large', `a header of ${headerBytes.length} bytes`);
  const out = sealSignedFrame({ magic: MAGIC, version, header: headerBytes, payload: packed, adPrefix: AD_PREFIX, key, signingKey });
  packed.fill(0);
  return out;
}

/** Steps 1-13 of the verification order: returns the authentic header of a snapshot that belongs where it was read. */
export function verifySnapshot(bytes: Uint8Array, options: VerifySnapshotOptions): SnapshotHeader {
  const { expected } = options;
  const where = `${expected.partition}/snap/${expected.hash.slice(0, 12)}`;
  const header = readFrame(bytes, where);
  if (header.vault !== options.vaultId) throw new SnapshotError('wrong-place', `${where} belongs to another vault`);
  const signer = options.publicKeyOf(header.device);
  if (signer === null) throw new SnapshotError('unknown-device', `device ${header.device}, snapshot ${where}`);
  const { publicKey, removed } = signer instanceof Uint8Array ? { publicKey: signer, removed: undefined } : signer;
  const signatureAt = bytes.length - SIGNATURE_BYTES;
  if (!readySodium().crypto_sign_verify_detached(bytes.subarray(signatureAt), bytes.subarray(0, signatureAt), publicKey)) {
    throw new SnapshotError('bad-signature', where);
  }
  if (header.partition !== expected.partition || vectorHash(header.vector) !== expected.hash) {
    throw new SnapshotError('wrong-place', `read from ${where}, written for ${header.partition}/snap/${vectorHash(header.vector).slice(0, 12)}`);
  }
  // A removed device's signature no longer vouches for a whole state; and a snapshot that merged
  // a removed device's refused segments carries changes no device may apply.
  if (removed !== undefined) throw new SnapshotError('removed-device', `device ${header.device} was removed; snapshot ${where}`);
  for (const [device, seq] of Object.entries(header.vector)) {
    const known = options.publicKeyOf(device);
    const limit = known !== null && !(known instanceof Uint8Array) && known.removed ? (known.removed.lastSeq[header.partition] ?? 0) : undefined;
    if (limit !== undefined && seq > limit)
      throw new SnapshotError('removed-device', `${where} merged segment ${seq} of removed device ${device} (its last is ${limit})`);
  }
  return header;
}

/** Steps 14-16: decrypts and inflates a verified snapshot into the changes that rebuild its state. */
export async function openSnapshot(bytes: Uint8Array, header: SnapshotHeader, options: OpenSnapshotOptions): Promise<Change[]> {
  const where = `${header.partition}/snap by ${header.device}`;
  let key: Uint8Array | null;
  try {
    key = options.keyFor(header.keyId);
  } catch (error) {
    if (!isVaultError(error, 'record-key-missing')) throw error;
    key = null;
  }
  if (key === null || key.every((b) => b === 0)) throw new SnapshotError('no-key', `key ${header.keyId}, ${where}`);
  const signatureAt = bytes.length - SIGNATURE_BYTES;
  const nonceAt = signatureAt - TAG_BYTES - header.packed - NONCE_BYTES;
  const cipherAt = nonceAt + NONCE_BYTES;
  let packed: Uint8Array;
  try {
    packed = readySodium().crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      bytes.subarray(cipherAt, signatureAt),
      associatedData(bytes.subarray(0, nonceAt)),
      bytes.subarray(nonceAt, cipherAt),
      key,
    );
  } catch (cause) {
    throw new SnapshotError('bad-ciphertext', `key ${header.keyId}, ${where}`, { cause });
  }
  const json = await inflate(packed, header.size, where);
  try {
    return payloadChanges(json, header.count, where);
  } finally {
    json.fill(0);
  }
}

/** `verifySnapshot` then `openSnapshot`. */
export async function decodeSnapshot(
  bytes: Uint8Array,
  options: VerifySnapshotOptions & OpenSnapshotOptions,
): Promise<{ header: SnapshotHeader; changes: Change[] }> {
  const header = verifySnapshot(bytes, options);
  return { header, changes: await openSnapshot(bytes, header, options) };
}

function readFrame(bytes: Uint8Array, where: string): SnapshotHeader {
  const length = bytes.length;
  for (let i = 0; i < Math.min(length, MAGIC.length); i++) if (bytes[i] !== MAGIC[i]) throw new SnapshotError('bad-magic', where);
  if (length < PREFIX_BYTES) throw new SnapshotError('truncated', `${where}: ${length} bytes`);
  const version = bytes[4];
  if (version !== SNAPSHOT_FORMAT_VERSION && version !== SNAPSHOT_FORMAT_VERSION_EPOCH)
    throw new SnapshotError('unsupported-version', `${where}: format ${bytes[4]}`);
  if (length > MAX_SNAPSHOT_BYTES) throw new SnapshotError('too-large', `${where}: ${length} bytes, at most ${MAX_SNAPSHOT_BYTES}`);
  const H = ((bytes[5] as number) << 8) | (bytes[6] as number);
  if (H === 0) throw new SnapshotError('bad-header', `${where}: header length 0`);
  const headerEnd = PREFIX_BYTES + H;
  if (length < headerEnd) throw new SnapshotError('truncated', `${where}: ${length} bytes, the header alone needs ${headerEnd}`);
  const header = parseHeader(bytes.subarray(PREFIX_BYTES, headerEnd), version, where);
  if (header.size > MAX_SNAPSHOT_PLAINTEXT_BYTES || header.packed > MAX_SNAPSHOT_PACKED_BYTES) {
    throw new SnapshotError('too-large', `${where}: ${header.size} bytes of records (${header.packed} deflated)`);
  }
  const total = headerEnd + NONCE_BYTES + header.packed + TAG_BYTES + SIGNATURE_BYTES;
  if (length < total) throw new SnapshotError('truncated', `${where}: ${length} of ${total} bytes`);
  if (length > total) throw new SnapshotError('bad-header', `${where}: ${length - total} bytes more than the header declares`);
  return header;
}

function parseHeader(raw: Uint8Array, version: 1 | 2, where: string): SnapshotHeader {
  const bad = (why: string, cause?: unknown) => new SnapshotError('bad-header', `${where}: ${why}`, { cause });
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(raw));
  } catch (cause) {
    throw bad('not UTF-8 JSON', cause);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('not a JSON object');
  const h = value as Record<string, unknown>;
  const keys = Object.keys(h).sort();
  if (keys.length !== HEADER_KEYS.length || keys.some((k, i) => k !== HEADER_KEYS[i])) throw bad('unexpected fields');
  if (h['v'] !== version) throw bad(`header version ${String(h['v'])} in a format ${version} snapshot`);
  if (typeof h['vault'] !== 'string' || !VAULT_ID_RE.test(h['vault'])) throw bad('vault id');
  if (!isRemoteId(h['partition']) || !isRemoteId(h['device'])) throw bad('partition or device id');
  for (const field of ['at', 'count', 'size', 'packed'] as const) if (!isCount(h[field])) throw bad(field);
  const epoch = segmentKeyEpoch(h['partition'], h['keyId']);
  if (epoch === null) throw bad('key id does not match the partition');
  if ((epoch === LEGACY_EPOCH_ID) === (version === SNAPSHOT_FORMAT_VERSION_EPOCH)) throw bad(`key id ${String(h['keyId'])} in a format ${version} snapshot`);
  const vector = h['vector'];
  if (typeof vector !== 'object' || vector === null || Array.isArray(vector)) throw bad('vector');
  checkVector(vector as Record<string, unknown>, bad);
  const canonical = encoder.encode(canonicalJson(h));
  if (canonical.length !== raw.length || canonical.some((b, i) => b !== raw[i])) throw bad('not canonical JSON');
  return h as unknown as SnapshotHeader;
}

function checkVector(vector: Readonly<Record<string, unknown>>, fail: (why: string) => Error): void {
  for (const [device, seq] of Object.entries(vector)) {
    if (!isRemoteId(device)) throw fail('a vector entry is not a device id');
    if (!isCount(seq) || seq < 1) throw fail(`vector entry ${device} is not a positive seq`);
  }
}

function associatedData(prefix: Uint8Array): Uint8Array {
  return frameAssociatedData(AD_PREFIX, prefix);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
