/**
 * The bytes of one segment on a sync target (`p/<partition>/log/<device>/<seq>.seg`): immutable,
 * written once by the one device whose log it is in. Byte by byte (docs/sync-layout.md):
 *
 *   [0..4)        magic "CRVS"
 *   [4]           format version = 2 (1 is still read; 3 is 2 for ledger tables, see SEGMENT_FORMAT_VERSION_LEDGER;
 *                 4 is 2 under an epoch key id, see SEGMENT_FORMAT_VERSION_EPOCH)
 *   [5..7)        header length H, u16 big-endian, 1..1024
 *   [7..7+H)      header: canonical JSON (sorted keys, UTF-8)
 *                 {"count":n,"device":d,"keyId":k,"packed":c,"partition":p,"seq":s,"size":z,"v":2,"vault":id}
 *   [+24)         XChaCha20 nonce, from crypto.getRandomValues
 *   [+c+16)       XChaCha20-Poly1305-IETF ciphertext of the deflated canonical JSON of the change
 *                 list (c bytes, z once inflated) and its tag; associated data = "caravan-segment|"
 *                 + bytes [0..7+H)
 *   [+64)         Ed25519 signature by the device's key over every byte before it
 *
 * Version 1, written before segments were deflated, has no `packed`, "v":1, and encrypts the z
 * bytes of JSON as they are; segments already on targets stay readable. `size` and `packed` are
 * in the header so that a reader tells a cut-off object from an altered one, refuses an oversized
 * one before any cryptography, and stops inflating at `size`. `keyId` is fixed by the
 * partition and the epoch (layout.ts `segmentKeyId`): in epoch 0 the `syncSegments` subkey for
 * the workspace and the client's data key for a client; in a later epoch the epoch's keys
 * ('sync@<e>', 'client:<c>@<e>', version 4). Erasing a client (destroying its key) makes its
 * segments unreadable on every target.
 *
 * Decoding verifies in this order and stops at the first failure, with a SegmentError:
 * framing (truncated, bad-magic, unsupported-version, too-large, bad-header), vault, writer in
 * the roster (unknown-device), signature (bad-signature), place (wrong-place), removal
 * (removed-device), key (no-key), decryption (bad-ciphertext), inflation to exactly `size`
 * bytes (v2) and change list (bad-payload).
 * Nothing is decrypted before the signature verifies, and a segment is returned whole or not at
 * all.
 *
 * Precondition: `await getSodium()` has resolved (unlocking the vault always does).
 */
import { canonicalJson } from './canonical-json.ts';
import { SegmentError } from './errors.ts';
import { checkPlace, isRemoteId, LEGACY_EPOCH_ID, segmentKeyEpoch, type SegmentPlace, VAULT_ID_RE } from './layout.ts';
import { isVaultError } from '../../vault/crypto/errors.ts';
import { frameAssociatedData, sealSignedFrame } from './sealed-frame.ts';
import { readySodium } from '../../vault/crypto/sodium.ts';
import type { Change } from '../../vault/store/rows.ts';
import { type Segment, validateSegment } from '../merge/replica.ts';
import { MAX_SEGMENT_PACKED_BYTES, MAX_SEGMENT_PLAINTEXT_BYTES, packChanges, parseChanges, unpackChanges } from './segment-payload.ts';

export { MAX_SEGMENT_PACKED_BYTES, MAX_SEGMENT_PLAINTEXT_BYTES } from './segment-payload.ts';

/** The first four bytes of every segment, as ASCII. Any other signed object must use another magic. */
export const SEGMENT_MAGIC_TEXT = 'CRVS';
const SEGMENT_MAGIC = new Uint8Array([0x43, 0x52, 0x56, 0x53]);
/** The format version byte this code writes: 2, the change list deflated. */
export const SEGMENT_FORMAT_VERSION = 2;
/**
 * Version 3: version 2's bytes exactly, written when the segment carries a change to a table
 * added after version 2 (the presence ledger's `trips`, `presenceDays`). A Caravan that knows only
 * 1 and 2 then stops at the version byte and says "update Caravan on this device", rather than
 * decrypting a table it does not know and blaming the writer with 'bad-payload'.
 */
export const SEGMENT_FORMAT_VERSION_LEDGER = 3;
/** Tables whose changes need format version 3 ({@link SEGMENT_FORMAT_VERSION_LEDGER}). */
export const LEDGER_TABLES: ReadonlySet<string> = new Set(['trips', 'presenceDays']);
/**
 * Version 4: version 2's bytes exactly, written for every segment under an epoch key id
 * ('sync@<e>', 'client:<c>@<e>'; docs/key-epochs.md). A Caravan that reads 1 to 3 stops at the
 * version byte ("update Caravan on this device") instead of looking for a key id it cannot parse.
 * Versions 1 to 3 must carry an epoch 0 key id and version 4 an epoch one, so the byte and the key
 * id cannot disagree.
 */
export const SEGMENT_FORMAT_VERSION_EPOCH = 4;
/** The format before deflate, still read: segments already on targets must stay readable. */
export const SEGMENT_FORMAT_VERSION_UNCOMPRESSED = 1;
/** The longest header accepted; real headers are under 300 bytes. */
export const MAX_SEGMENT_HEADER_BYTES = 1024;

const PREFIX_BYTES = 7;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;
const SIGNATURE_BYTES = 64;
const KEY_BYTES = 32;
const PUBLIC_KEY_BYTES = 32;
const SECRET_KEY_BYTES = 64;
/** Bytes a segment adds to its plaintext besides the header: prefix, nonce, tag, signature. */
export const SEGMENT_OVERHEAD_BYTES = PREFIX_BYTES + NONCE_BYTES + TAG_BYTES + SIGNATURE_BYTES;
/**
 * The largest encoded segment: anything longer is refused unread. A version-2 payload of 1 MiB
 * that did not compress is the longest: 1 050 044 bytes (a version 1 one is 1 049 711).
 */
export const MAX_SEGMENT_BYTES = SEGMENT_OVERHEAD_BYTES + MAX_SEGMENT_HEADER_BYTES + MAX_SEGMENT_PACKED_BYTES;

const AD_PREFIX = 'caravan-segment|';
const HEADER_KEYS_V1 = ['count', 'device', 'keyId', 'partition', 'seq', 'size', 'v', 'vault'] as const;
const HEADER_KEYS_V2 = ['count', 'device', 'keyId', 'packed', 'partition', 'seq', 'size', 'v', 'vault'] as const;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const AD_PREFIX_BYTES = encoder.encode(AD_PREFIX);

/** The clear header fields both format versions share. */
interface SegmentHeaderFields {
  readonly vault: string;
  readonly partition: string;
  readonly device: string;
  readonly seq: number;
  /** Number of changes. */
  readonly count: number;
  /** Plaintext bytes (canonical JSON of the change list), inflated. */
  readonly size: number;
  readonly keyId: string;
}

/** A version-1 header: the ciphertext holds `size` bytes of JSON as they are. */
export interface SegmentHeaderV1 extends SegmentHeaderFields {
  readonly v: 1;
}

/** A version-2 (or 3 or 4, the same layout) header: the ciphertext holds `packed` deflated bytes that inflate to `size`. */
export interface SegmentHeaderV2 extends SegmentHeaderFields {
  readonly v: 2 | 3 | 4;
  /** Deflated bytes (the ciphertext less its tag). */
  readonly packed: number;
}

/** The clear header of a segment; `v` equals the format version byte. */
export type SegmentHeader = SegmentHeaderV1 | SegmentHeaderV2;

/** What `encodeSegment` needs. */
export interface EncodeSegmentInput {
  /** The vault's id (a lowercase UUID). */
  readonly vaultId: string;
  /** The remote partition id: 'workspace' or a client id (layout.ts `remotePartitionId`). */
  readonly partition: string;
  /** The segment the merge core sealed (`Replica.flush`). An empty change list is allowed. */
  readonly segment: Segment;
  /** The 32-byte key named by `keyId`. */
  readonly key: Uint8Array;
  /** Must be `segmentKeyId(partition, epoch)`: 'sync' / 'client:<id>' in epoch 0, 'sync@<e>' / 'client:<id>@<e>' in epoch e. */
  readonly keyId: string;
  /** This device's Ed25519 secret key (64 bytes, libsodium layout). */
  readonly signingKey: Uint8Array;
}

/** A roster member's verification key, and for a removed device how far its log may go. */
export interface SignerKey {
  /** Ed25519 public key, 32 bytes. */
  readonly publicKey: Uint8Array;
  /** Present for a removed device: per partition id, the last seq it may have written (absent = 0). */
  readonly removed?: { readonly lastSeq: Readonly<Record<string, number>> };
}

/** What `decodeSegment` needs to check a segment. */
export interface DecodeSegmentOptions {
  /** The vault being synced; a segment of another vault is 'wrong-place'. */
  readonly vaultId: string;
  /** Where the bytes were read from (layout.ts `parseSegmentObjectKey`). */
  readonly expected: SegmentPlace;
  /**
   * The 32-byte key for a key id, or null when this device does not hold it (never had it, or it
   * was destroyed). An all-zero (wiped) key and a VaultError 'record-key-missing' count as null.
   */
  keyFor(keyId: string): Uint8Array | null;
  /** The device's verification key from the roster (device-roster.ts `DeviceRoster`), or null. */
  publicKeyOf(device: string): Uint8Array | SignerKey | null;
}

/**
 * Deflates, encrypts, frames and signs one segment (format version 2, 3 with ledger tables, 4 under
 * an epoch key id). Throws RangeError/MergeError
 * for a caller's mistake, SegmentError for 'too-large' and 'no-key'.
 */
export async function encodeSegment(input: EncodeSegmentInput): Promise<Uint8Array> {
  const { vaultId, partition, segment, key, keyId, signingKey } = input;
  if (typeof vaultId !== 'string' || !VAULT_ID_RE.test(vaultId)) throw new RangeError('encodeSegment: the vault id is not a lowercase UUID');
  validateSegment(segment);
  checkPlace({ partition, device: segment.device, seq: segment.seq });
  const epoch = segmentKeyEpoch(partition, keyId);
  if (epoch === null) throw new RangeError(`encodeSegment: ${keyId} is not a key id of partition ${partition}`);
  if (key.length !== KEY_BYTES) throw new RangeError(`encodeSegment: the key must be ${KEY_BYTES} bytes, got ${key.length}`);
  if (isZero(key)) throw new SegmentError('no-key', `key ${keyId} was destroyed`);
  if (signingKey.length !== SECRET_KEY_BYTES) {
    throw new RangeError(`encodeSegment: the signing key must be a ${SECRET_KEY_BYTES}-byte Ed25519 secret key, got ${signingKey.length}`);
  }
  const plaintext = encoder.encode(canonicalJson(segment.changes));
  if (plaintext.length > MAX_SEGMENT_PLAINTEXT_BYTES) {
    throw new SegmentError('too-large', `${plaintext.length} bytes of changes, at most ${MAX_SEGMENT_PLAINTEXT_BYTES}; use splitIntoSegments`);
  }
  const packed = await packChanges(plaintext);
  const size = plaintext.length;
  plaintext.fill(0);
  // Never true for zlib (its worst case is the bound), but readers refuse more, so never write it.
  if (packed.length > MAX_SEGMENT_PACKED_BYTES) throw new SegmentError('too-large', `${packed.length} bytes deflated, at most ${MAX_SEGMENT_PACKED_BYTES}`);
  const version =
    epoch !== LEGACY_EPOCH_ID
      ? SEGMENT_FORMAT_VERSION_EPOCH
      : segment.changes.some((c) => LEDGER_TABLES.has(c.table))
        ? SEGMENT_FORMAT_VERSION_LEDGER
        : SEGMENT_FORMAT_VERSION;
  const header: SegmentHeaderV2 = {
    v: version,
    vault: vaultId,
    partition,
    device: segment.device,
    seq: segment.seq,
    count: segment.changes.length,
    size,
    packed: packed.length,
    keyId,
  };
  const headerBytes = encoder.encode(canonicalJson(header));
  if (headerBytes.length > MAX_SEGMENT_HEADER_BYTES) throw new RangeError(`encodeSegment: header of ${headerBytes.length} bytes`);

  const out = sealSignedFrame({
    magic: SEGMENT_MAGIC,
    version,
    header: headerBytes,
    payload: packed,
    adPrefix: AD_PREFIX_BYTES,
    key,
    signingKey,
  });
  packed.fill(0);
  return out;
}

/**
 * Verifies, then decrypts one segment read from `options.expected`'s key. Returns it whole or
 * throws SegmentError (see the module comment for the order); RangeError only for a caller's
 * mistake (malformed `expected`, a roster key or secret key of the wrong length).
 */
export async function decodeSegment(bytes: Uint8Array, options: DecodeSegmentOptions): Promise<Segment> {
  const { vaultId, expected } = options;
  checkPlace(expected);
  const where = `${expected.partition}/${expected.device}/${expected.seq}`;

  // Framing: everything that can be checked without a key or the roster.
  const { header, headerEnd } = readFrame(bytes, where);

  if (header.vault !== vaultId) throw new SegmentError('wrong-place', `${where} belongs to another vault`);

  const signer = options.publicKeyOf(header.device);
  if (signer === null) throw new SegmentError('unknown-device', `device ${header.device}, segment ${where}`);
  const { publicKey, removed } = signer instanceof Uint8Array ? { publicKey: signer, removed: undefined } : signer;
  if (publicKey.length !== PUBLIC_KEY_BYTES) throw new RangeError(`the roster's key for ${header.device} is ${publicKey.length} bytes`);

  const sodium = readySodium();
  const signatureAt = bytes.length - SIGNATURE_BYTES;
  if (!sodium.crypto_sign_verify_detached(bytes.subarray(signatureAt), bytes.subarray(0, signatureAt), publicKey)) {
    throw new SegmentError('bad-signature', where);
  }

  // The header is authentic from here on.
  if (header.partition !== expected.partition || header.device !== expected.device || header.seq !== expected.seq) {
    throw new SegmentError('wrong-place', `read from ${where}, written as ${header.partition}/${header.device}/${header.seq}`);
  }
  if (removed !== undefined) {
    const last = removed.lastSeq[header.partition] ?? 0;
    if (header.seq > last) throw new SegmentError('removed-device', `device ${header.device} was removed after seq ${last}; this is ${where}`);
  }

  const key = lookUpKey(options, header.keyId);
  if (key === null) throw new SegmentError('no-key', `key ${header.keyId}, segment ${where}`);
  if (key.length !== KEY_BYTES) throw new RangeError(`keyFor(${header.keyId}) returned ${key.length} bytes`);

  const nonceAt = headerEnd;
  const cipherAt = nonceAt + NONCE_BYTES;
  let opened: Uint8Array;
  try {
    opened = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      bytes.subarray(cipherAt, signatureAt),
      associatedData(bytes.subarray(0, nonceAt)),
      bytes.subarray(nonceAt, cipherAt),
      key,
    );
  } catch (cause) {
    throw new SegmentError('bad-ciphertext', `key ${header.keyId}, segment ${where}`, { cause });
  }
  let plaintext = opened;
  if (header.v !== 1) {
    try {
      plaintext = await unpackChanges(opened, header.size, where);
    } finally {
      opened.fill(0);
    }
  }
  try {
    return { device: header.device, seq: header.seq, changes: parseChanges(plaintext, header.count, where) };
  } finally {
    plaintext.fill(0);
  }
}

/**
 * Reads the clear part of a segment without any key: checks the framing and parses the header.
 * The header is NOT authenticated by this alone (a storage provider can rewrite it); use it for
 * listing or diagnostics, never to decide what to apply.
 */
export function peekSegmentHeader(bytes: Uint8Array): SegmentHeader {
  return readFrame(bytes, 'segment').header;
}

/**
 * Groups changes, in order, into lists whose segment plaintext (canonical JSON of the list) is at
 * most `maxBytes` each. No changes give no groups. A single change that cannot fit on its own is
 * SegmentError('too-large').
 */
export function splitIntoSegments(changes: readonly Change[], maxBytes: number = MAX_SEGMENT_PLAINTEXT_BYTES): Change[][] {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 2 || maxBytes > MAX_SEGMENT_PLAINTEXT_BYTES) {
    throw new RangeError(`splitIntoSegments: maxBytes must be an integer in 2..${MAX_SEGMENT_PLAINTEXT_BYTES}, got ${maxBytes}`);
  }
  const groups: Change[][] = [];
  let current: Change[] = [];
  let currentBytes = 2; // "[]"
  for (const change of changes) {
    const bytes = encoder.encode(canonicalJson(change)).length;
    if (2 + bytes > maxBytes) {
      throw new SegmentError('too-large', `one change to ${change.table}/${change.id} is ${bytes} bytes; a segment holds at most ${maxBytes}`);
    }
    const added = current.length === 0 ? bytes : bytes + 1; // "," between elements
    if (currentBytes + added > maxBytes) {
      groups.push(current);
      current = [];
      currentBytes = 2 + bytes;
    } else {
      currentBytes += added;
    }
    current.push(change);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

function readFrame(bytes: Uint8Array, where: string): { header: SegmentHeader; headerEnd: number } {
  const length = bytes.length;
  for (let i = 0; i < Math.min(length, SEGMENT_MAGIC.length); i++) {
    if (bytes[i] !== SEGMENT_MAGIC[i]) throw new SegmentError('bad-magic', where);
  }
  if (length < PREFIX_BYTES) throw new SegmentError('truncated', `${where}: ${length} bytes`);
  const version = bytes[4];
  if (
    version !== SEGMENT_FORMAT_VERSION &&
    version !== SEGMENT_FORMAT_VERSION_UNCOMPRESSED &&
    version !== SEGMENT_FORMAT_VERSION_LEDGER &&
    version !== SEGMENT_FORMAT_VERSION_EPOCH
  ) {
    throw new SegmentError('unsupported-version', `${where}: format ${version}`);
  }
  if (length > MAX_SEGMENT_BYTES) throw new SegmentError('too-large', `${where}: ${length} bytes, at most ${MAX_SEGMENT_BYTES}`);
  const H = ((bytes[5] as number) << 8) | (bytes[6] as number);
  if (H === 0 || H > MAX_SEGMENT_HEADER_BYTES) throw new SegmentError('bad-header', `${where}: header length ${H}`);
  const headerEnd = PREFIX_BYTES + H;
  if (length < headerEnd) throw new SegmentError('truncated', `${where}: ${length} bytes, the header alone needs ${headerEnd}`);
  const header = parseHeader(bytes.subarray(PREFIX_BYTES, headerEnd), version, where);
  if (header.size > MAX_SEGMENT_PLAINTEXT_BYTES) {
    throw new SegmentError('too-large', `${where}: ${header.size} bytes of changes, at most ${MAX_SEGMENT_PLAINTEXT_BYTES}`);
  }
  if (header.v !== 1 && header.packed > MAX_SEGMENT_PACKED_BYTES) {
    throw new SegmentError('too-large', `${where}: ${header.packed} bytes deflated, at most ${MAX_SEGMENT_PACKED_BYTES}`);
  }
  const payload = header.v === 1 ? header.size : header.packed;
  const total = headerEnd + NONCE_BYTES + payload + TAG_BYTES + SIGNATURE_BYTES;
  if (length < total) throw new SegmentError('truncated', `${where}: ${length} of ${total} bytes`);
  if (length > total) throw new SegmentError('bad-header', `${where}: ${length - total} bytes more than the header declares`);
  return { header, headerEnd };
}

function parseHeader(raw: Uint8Array, version: 1 | 2 | 3 | 4, where: string): SegmentHeader {
  const bad = (why: string, cause?: unknown): SegmentError => new SegmentError('bad-header', `${where}: ${why}`, { cause });
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(raw));
  } catch (cause) {
    throw bad('not UTF-8 JSON', cause);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('not a JSON object');
  const h = value as Record<string, unknown>;
  const keys = Object.keys(h).sort();
  const expectedKeys = version === 1 ? HEADER_KEYS_V1 : HEADER_KEYS_V2;
  if (keys.length !== expectedKeys.length || keys.some((k, i) => k !== expectedKeys[i])) throw bad('unexpected fields');
  // The signed header names its format too, so a version byte changed alone never passes.
  if (h['v'] !== version) throw bad(`header version ${String(h['v'])} in a format ${version} segment`);
  if (typeof h['vault'] !== 'string' || !VAULT_ID_RE.test(h['vault'])) throw bad('vault id');
  if (!isRemoteId(h['partition'])) throw bad('partition id');
  if (!isRemoteId(h['device'])) throw bad('device id');
  if (!isCount(h['seq']) || h['seq'] < 1) throw bad('seq');
  if (!isCount(h['count'])) throw bad('count');
  if (!isCount(h['size']) || h['size'] < 2) throw bad('size');
  // Even "[]" deflates to several bytes; 0 can only be a forgery.
  if (version !== 1 && (!isCount(h['packed']) || h['packed'] < 1)) throw bad('packed');
  const epoch = segmentKeyEpoch(h['partition'], h['keyId']);
  if (epoch === null) throw bad('key id does not match the partition');
  if ((epoch === LEGACY_EPOCH_ID) === (version === SEGMENT_FORMAT_VERSION_EPOCH)) throw bad(`key id ${String(h['keyId'])} in a format ${version} segment`);
  const header = h as unknown as SegmentHeader;
  // One spelling per header: what was signed is exactly what this code would have written.
  const canonical = encoder.encode(canonicalJson(header));
  if (canonical.length !== raw.length || canonical.some((b, i) => b !== raw[i])) throw bad('not canonical JSON');
  return header;
}

function lookUpKey(options: DecodeSegmentOptions, keyId: string): Uint8Array | null {
  let key: Uint8Array | null;
  try {
    key = options.keyFor(keyId);
  } catch (error) {
    if (isVaultError(error, 'record-key-missing')) return null;
    throw error;
  }
  return key === null || isZero(key) ? null : key;
}

function associatedData(prefix: Uint8Array): Uint8Array {
  return frameAssociatedData(AD_PREFIX_BYTES, prefix);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isZero(key: Uint8Array): boolean {
  let any = 0;
  for (let i = 0; i < key.length; i++) any |= key[i] as number;
  return any === 0;
}
