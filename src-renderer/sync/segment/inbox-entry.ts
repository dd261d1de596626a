/**
 * `devices/<device>/inbox/<epoch>.json`: where a device receives epoch keys (docs/key-epochs.md).
 * A device publishes one per epoch it adopts: the X25519 public key of its inbox for that epoch,
 * signed with its own Ed25519 key (no other device, and not the provider, can redirect its
 * grants):
 *
 *   {"at":ms,"device":d,"epoch":hex16,"publicKey":b64(32),"sig":b64(64),"v":1,"vault":uuid}
 *
 * `sig` is over "caravan-inbox|" + the canonical JSON of every other field. The inbox key pair is
 * `crypto_box_seed_keypair(BLAKE2b-256(key = inbox(E_e), "caravan-inbox|" + device))`: derived
 * from the epoch key, so once the device forgets E_e no live key opens a grant sealed to it, even
 * one kept in a provider's version history.
 */
import { KeyObjectError } from './errors.ts';
import { isEpochId, isRemoteId, parseInboxObjectKey, VAULT_ID_RE } from './layout.ts';
import { bytesField, exactFields, type PublicKeyOf, readSignedObject, signObject, timeField, verifySignedObject } from './signed-object.ts';
import { toBase64 } from '../../vault/crypto/encoding.ts';
import { readySodium } from '../../vault/crypto/sodium.ts';

export interface InboxEntry {
  readonly vaultId: string;
  readonly device: string;
  readonly epoch: string;
  /** X25519 public key, 32 bytes. */
  readonly publicKey: Uint8Array;
  readonly at: number;
}

/** An inbox key pair (X25519). */
export interface InboxKeyPair {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

/** The longest inbox entry read (main bounds the object by the same number). */
export const MAX_INBOX_BYTES = 4096;
const PREFIX = 'caravan-inbox|';
const SEED_PREFIX = 'caravan-inbox|';
const FIELDS = ['at', 'device', 'epoch', 'publicKey', 'v', 'vault'];
const encoder = new TextEncoder();

/** A device's inbox key pair in an epoch, from that epoch's `inbox` subkey. */
export function inboxKeyPair(inboxSubkey: Uint8Array, device: string): InboxKeyPair {
  if (inboxSubkey.length !== 32) throw new RangeError('the inbox subkey must be 32 bytes');
  if (!isRemoteId(device)) throw new RangeError('not a device id');
  const sodium = readySodium();
  const seed = sodium.crypto_generichash(32, encoder.encode(SEED_PREFIX + device), inboxSubkey);
  try {
    const pair = sodium.crypto_box_seed_keypair(seed);
    return { publicKey: pair.publicKey, secretKey: pair.privateKey };
  } finally {
    seed.fill(0);
  }
}

/** The bytes of `devices/<device>/inbox/<epoch>.json`, signed by the device itself. */
export function encodeInboxEntry(entry: InboxEntry, signingKey: Uint8Array): Uint8Array {
  const fields = { v: 1, vault: entry.vaultId, device: entry.device, epoch: entry.epoch, publicKey: toBase64(entry.publicKey), at: entry.at };
  try {
    readFields(fields);
  } catch (error) {
    throw new RangeError(`encodeInboxEntry: ${error instanceof KeyObjectError ? error.detail : String(error)}`, { cause: error });
  }
  return signObject(fields, PREFIX, signingKey);
}

/**
 * Verifies an inbox entry read from `readFrom`: shape, the device's own signature, vault, device and
 * epoch named by the key. A removed device's entry is 'removed-device' unless `acceptRemoved` (to
 * learn which epochs it adopted). Throws KeyObjectError.
 */
export function decodeInboxEntry(bytes: Uint8Array, vaultId: string, readFrom: string, publicKeyOf: PublicKeyOf, acceptRemoved = false): InboxEntry {
  const { fields, sig } = readSignedObject(bytes, MAX_INBOX_BYTES, 'inbox', 2);
  const entry = readFields(fields);
  verifySignedObject(fields, sig, PREFIX, entry.device, publicKeyOf, 'inbox', acceptRemoved);
  if (entry.vaultId !== vaultId) throw new KeyObjectError('wrong-place', 'inbox', `device ${entry.device}: another vault`);
  const place = parseInboxObjectKey(readFrom);
  if (place === null || place.device !== entry.device || place.epoch !== entry.epoch) {
    throw new KeyObjectError('wrong-place', 'inbox', `${readFrom.slice(0, 100)} holds device ${entry.device}'s inbox of epoch ${entry.epoch}`);
  }
  return entry;
}

function readFields(f: Record<string, unknown>): InboxEntry {
  exactFields(f, FIELDS, 'inbox');
  const bad = (why: string): KeyObjectError => new KeyObjectError('bad-object', 'inbox', why);
  if (f['v'] !== 1) throw bad('version');
  const vault = f['vault'];
  if (typeof vault !== 'string' || !VAULT_ID_RE.test(vault)) throw bad('vault id');
  if (!isRemoteId(f['device'])) throw bad('device id');
  if (!isEpochId(f['epoch'])) throw bad('epoch id');
  const publicKey = bytesField(f['publicKey'], 32, 'publicKey', 'inbox');
  const at = timeField(f['at'], 'at', 'inbox');
  return { vaultId: vault, device: f['device'], epoch: f['epoch'], publicKey, at };
}
