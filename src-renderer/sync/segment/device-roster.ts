/**
 * The device roster: which Ed25519 keys may write segments to this vault's targets.
 *
 * - A device's identity is an Ed25519 key pair. Its secret key never leaves the device; locally
 *   it is kept wrapped under the vault key (`wrapDeviceSigningKey`).
 * - `devices/<device>.json` publishes the public key, written once by the device itself.
 *   `devices/<device>.removed.json` removes it, written once by whichever device removed it; a
 *   separate object rather than an overwrite, so every object keeps a single writer and a stale
 *   copy of the entry can never undo a removal (a removal, once seen, wins).
 * - Entries are authenticated with `crypto_auth` (HMAC-SHA512-256) under the roster key, derived
 *   from the vault's `syncSegments` subkey (`crypto_kdf`, context "CrvnRost", id 1): only holders
 *   of the vault key can add or remove a device; a storage provider cannot. The MAC covers the
 *   canonical JSON of every other field.
 *
 * The file is canonical JSON (canonical-json.ts), in clear:
 *   entry:   {"addedAt":ms,"device":id,"mac":b64,"name"?:text,"publicKey":b64,"v":1,"vault":uuid}
 *   removal: {"device":id,"lastSeq":{partition:seq},"mac":b64,"publicKey":b64,"removed":true,"removedAt":ms,"v":1,"vault":uuid}
 * `name` is visible to the storage provider: suggest a neutral default ("Laptop"), not a person's name.
 *
 * Key epochs (docs/key-epochs.md): an object written in epoch e is version 2, carries
 * `"epoch":"<e>"` and is MACed with e's roster key; version 1 (no `epoch`) is MACed with epoch 0's
 * (the version 1 roster key). A reader looks the key up by the epoch the object names
 * (`RosterKeyFor`: the current epoch or one in history), so objects of every epoch stay readable.
 *
 * Limits (docs/sync-layout.md): the roster key is shared by every device of the vault, so a
 * removed device that kept the vault key could still forge roster entries until the vault key is
 * rotated; removal stops its signing key, not its knowledge. A provider can hide a removal by
 * deleting the object: keep the roster seen so far locally and never forget a removal.
 *
 * Precondition for the synchronous functions: `await getSodium()` has resolved.
 */
import { canonicalJson } from './canonical-json.ts';
import { RosterError } from './errors.ts';
import { isEpochId, isRemoteId, LEGACY_EPOCH_ID, parseDeviceObjectKey, VAULT_ID_RE } from './layout.ts';
import type { SignerKey } from './segment-codec.ts';
import { fromBase64, toBase64 } from '../../vault/crypto/encoding.ts';
import { VaultError } from '../../vault/crypto/errors.ts';
import { KEY_BYTES, unwrapKey, wipe, WRAP_VERSION, wrapKey } from '../../vault/crypto/keys.ts';
import { randomBytes } from '../../vault/crypto/random.ts';
import { getSodium, readySodium } from '../../vault/crypto/sodium.ts';

/** crypto_kdf parameters of the roster key (under the `syncSegments` subkey). Frozen forever. */
export const ROSTER_KEY_SPEC = Object.freeze({ context: 'CrvnRost', id: 1 });
/** The roster entry format of epoch 0 (no `epoch` field), still written while a vault has not migrated, and read. */
export const ROSTER_VERSION = 1;
/** The roster entry format of a later epoch: version 1 plus `epoch`, MACed with that epoch's roster key. */
export const ROSTER_VERSION_EPOCH = 2;

/**
 * The roster key of an epoch ('legacy' for epoch 0), or null when this device holds none for it.
 * A single key stands for epoch 0's.
 */
export type RosterKeyFor = Uint8Array | ((epochId: string) => Uint8Array | null);

function rosterKeyOf(keys: RosterKeyFor, epochId: string): Uint8Array | null {
  if (typeof keys === 'function') return keys(epochId);
  return epochId === LEGACY_EPOCH_ID ? keys : null;
}

/** The version and epoch fields of an object written in `epochId`. */
export function epochFields(epochId: string): Record<string, unknown> {
  if (epochId === LEGACY_EPOCH_ID) return { v: ROSTER_VERSION };
  if (!isEpochId(epochId)) throw new RangeError('not an epoch id');
  return { v: ROSTER_VERSION_EPOCH, epoch: epochId };
}
/** The longest roster object accepted. */
export const MAX_ROSTER_ENTRY_BYTES = 4096;
/** The longest device name, in UTF-16 code units. */
export const MAX_DEVICE_NAME_LENGTH = 64;

const PUBLIC_KEY_BYTES = 32;
const SECRET_KEY_BYTES = 64;
const MAC_BYTES = 32;
const ENTRY_KEYS = ['addedAt', 'device', 'mac', 'publicKey', 'v', 'vault'];
const ENTRY_KEYS_NAMED = ['addedAt', 'device', 'mac', 'name', 'publicKey', 'v', 'vault'];
const REMOVAL_KEYS = ['device', 'lastSeq', 'mac', 'publicKey', 'removed', 'removedAt', 'v', 'vault'];

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A device's signing key pair (libsodium layout: the secret key is seed ‖ public key, 64 bytes). */
export interface DeviceIdentity {
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
}

/** A device added to the roster (`devices/<device>.json`). */
export interface DeviceEntry {
  readonly kind: 'device';
  readonly vaultId: string;
  readonly device: string;
  /** Ed25519 public key, 32 bytes. */
  readonly publicKey: Uint8Array;
  /** A label shown in the UI; stored in clear on the target. */
  readonly name?: string;
  /** Unix ms. */
  readonly addedAt: number;
  /** The epoch whose roster key MACed it ('legacy' for a version 1 entry). */
  readonly epoch?: string;
}

/** A device removed from the roster (`devices/<device>.removed.json`). */
export interface DeviceRemoval {
  readonly kind: 'removal';
  readonly vaultId: string;
  readonly device: string;
  /** The key removed (lets a removal stand without its entry). */
  readonly publicKey: Uint8Array;
  /** Unix ms. */
  readonly removedAt: number;
  /** Per partition id, the last seq of the device's segments still accepted (absent = none). */
  readonly lastSeq: Readonly<Record<string, number>>;
  /** The epoch whose roster key MACed it ('legacy' for a version 1 removal). */
  readonly epoch?: string;
}

/** What a roster object holds. */
export type RosterRecord = DeviceEntry | DeviceRemoval;

/** The roster key: `crypto_kdf_derive_from_key(32, 1, "CrvnRost", syncSegments)`. */
export async function deriveRosterKey(syncSegmentsSubkey: Uint8Array): Promise<Uint8Array> {
  if (syncSegmentsSubkey.length !== KEY_BYTES) throw new RangeError(`the syncSegments subkey must be ${KEY_BYTES} bytes`);
  const sodium = await getSodium();
  return sodium.crypto_kdf_derive_from_key(KEY_BYTES, ROSTER_KEY_SPEC.id, ROSTER_KEY_SPEC.context, syncSegmentsSubkey);
}

/**
 * A new Ed25519 key pair. Equivalent to `crypto_sign_keypair`, but the seed comes from
 * `crypto.getRandomValues` like every other key in the vault (vault/crypto/random.ts).
 */
export async function newDeviceIdentity(): Promise<DeviceIdentity> {
  const sodium = await getSodium();
  const seed = randomBytes(32);
  try {
    const pair = sodium.crypto_sign_seed_keypair(seed);
    return { publicKey: pair.publicKey, secretKey: pair.privateKey };
  } finally {
    wipe(seed);
  }
}

/**
 * The bytes of `devices/<device>.json` for a device, MACed with `rosterKey`, the roster key of
 * `epochId` (epoch 0 by default). Throws RangeError for invalid fields.
 */
export function encodeDeviceEntry(entry: Omit<DeviceEntry, 'kind' | 'epoch'>, rosterKey: Uint8Array, epochId: string = LEGACY_EPOCH_ID): Uint8Array {
  checkRosterKey(rosterKey);
  const fields: Record<string, unknown> = {
    ...epochFields(epochId),
    vault: entry.vaultId,
    device: entry.device,
    publicKey: toBase64(entry.publicKey),
    addedAt: entry.addedAt,
  };
  if (entry.name !== undefined) fields['name'] = entry.name;
  checkOrThrow(() => readEntry(fields), RangeError);
  return seal(fields, rosterKey);
}

/** The bytes of `devices/<device>.removed.json`, MACed with the roster key of `epochId`. Throws RangeError for invalid fields. */
export function encodeDeviceRemoval(removal: Omit<DeviceRemoval, 'kind' | 'epoch'>, rosterKey: Uint8Array, epochId: string = LEGACY_EPOCH_ID): Uint8Array {
  checkRosterKey(rosterKey);
  const fields: Record<string, unknown> = {
    ...epochFields(epochId),
    vault: removal.vaultId,
    device: removal.device,
    publicKey: toBase64(removal.publicKey),
    removed: true,
    removedAt: removal.removedAt,
    lastSeq: { ...removal.lastSeq },
  };
  checkOrThrow(() => readRemoval(fields), RangeError);
  return seal(fields, rosterKey);
}

/**
 * Verifies and reads a roster object of the vault `vaultId`. `readFrom`, the object key it was
 * read from, also checks that it is filed under its own device and kind. `rosterKey` gives the key
 * of the epoch the object names. Throws RosterError: 'bad-entry', 'unsupported-version',
 * 'wrong-vault', 'wrong-place', 'unknown-epoch', 'bad-mac'.
 */
export function decodeDeviceEntry(bytes: Uint8Array, vaultId: string, rosterKeys: RosterKeyFor, readFrom?: string): RosterRecord {
  if (rosterKeys instanceof Uint8Array) checkRosterKey(rosterKeys);
  if (bytes.length > MAX_ROSTER_ENTRY_BYTES) throw new RosterError('bad-entry', `${bytes.length} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch (cause) {
    throw new RosterError('bad-entry', 'not UTF-8 JSON', { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RosterError('bad-entry', 'not a JSON object');
  const { mac: macText, ...fields } = value as Record<string, unknown>;
  if (typeof fields['v'] === 'number' && fields['v'] !== ROSTER_VERSION && fields['v'] !== ROSTER_VERSION_EPOCH) {
    throw new RosterError('unsupported-version', `roster format ${fields['v']}`);
  }
  const record = checkOrThrow(() => (fields['removed'] === undefined ? readEntry(fields) : readRemoval(fields)), RosterError);
  if (record.vaultId !== vaultId) throw new RosterError('wrong-vault', `device ${record.device}`);
  if (readFrom !== undefined) {
    const place = parseDeviceObjectKey(readFrom);
    const kind = record.kind === 'device' ? 'entry' : 'removal';
    if (place === null || place.device !== record.device || place.kind !== kind) {
      throw new RosterError('wrong-place', `${readFrom.slice(0, 120)} holds the ${kind} of device ${record.device}`);
    }
  }
  const mac = typeof macText === 'string' ? fromBase64(macText) : undefined;
  if (mac === undefined || mac.length !== MAC_BYTES) throw new RosterError('bad-entry', 'mac missing or malformed');
  const epoch = record.epoch ?? LEGACY_EPOCH_ID;
  const rosterKey = rosterKeyOf(rosterKeys, epoch);
  if (rosterKey === null) throw new RosterError('unknown-epoch', `device ${record.device}, epoch ${epoch}`);
  checkRosterKey(rosterKey);
  if (!readySodium().crypto_auth_verify(mac, encoder.encode(canonicalJson(fields)), rosterKey)) {
    throw new RosterError('bad-mac', `device ${record.device}`);
  }
  return record;
}

/** A device the roster knows about, for display. */
export interface RosterDevice {
  readonly device: string;
  readonly publicKey: Uint8Array;
  readonly name: string | undefined;
  readonly addedAt: number | undefined;
  /** Set once the device has been removed. */
  readonly removal: DeviceRemoval | undefined;
}

/**
 * The verified roster: entries and removals, merged. A removal wins over an entry whatever order
 * they arrive in; the entry's key (else the removal's) still verifies the segments up to the
 * removal's `lastSeq`. Two entries for one device with different keys cannot both be genuine (one
 * object per device): that device is left out and listed in `conflicts`.
 */
export class DeviceRoster {
  readonly #entries = new Map<string, DeviceEntry>();
  readonly #removals = new Map<string, DeviceRemoval>();
  readonly #conflicts = new Set<string>();

  constructor(records: Iterable<RosterRecord> = []) {
    for (const record of records) this.add(record);
  }

  /** Adds a verified record (from `decodeDeviceEntry`). */
  add(record: RosterRecord): void {
    const map: Map<string, RosterRecord> = record.kind === 'device' ? this.#entries : this.#removals;
    const known = map.get(record.device);
    if (known === undefined) {
      map.set(record.device, record);
    } else if (!sameBytes(known.publicKey, record.publicKey)) {
      this.#conflicts.add(record.device);
    } else if (record.kind === 'removal' && known.kind === 'removal') {
      // Two removals of one key: keep the stricter limit per partition.
      this.#removals.set(record.device, { ...known, lastSeq: minLastSeq(known.lastSeq, record.lastSeq) });
    }
  }

  /** The verification key of a device for `decodeSegment`, or null if it is unknown or in conflict. */
  publicKeyOf(device: string): SignerKey | null {
    if (this.#conflicts.has(device)) return null;
    const entry = this.#entries.get(device);
    const removal = this.#removals.get(device);
    if (removal !== undefined) return { publicKey: (entry ?? removal).publicKey, removed: { lastSeq: removal.lastSeq } };
    return entry === undefined ? null : { publicKey: entry.publicKey };
  }

  /** Devices with an entry or a removal, conflicts excluded, sorted by id. */
  devices(): RosterDevice[] {
    const ids = new Set([...this.#entries.keys(), ...this.#removals.keys()]);
    return [...ids]
      .filter((id) => !this.#conflicts.has(id))
      .sort()
      .map((device) => {
        const entry = this.#entries.get(device);
        const removal = this.#removals.get(device);
        return {
          device,
          publicKey: (entry ?? (removal as DeviceRemoval)).publicKey,
          name: entry?.name,
          addedAt: entry?.addedAt,
          removal,
        };
      });
  }

  /** Device ids with conflicting entries (a sign of tampering by a vault-key holder, or of a bug). */
  get conflicts(): string[] {
    return [...this.#conflicts].sort();
  }
}

/**
 * Associated data of a signing-key wrap. The canonical wrap AD of vault/crypto/keys.ts
 * (`["caravan-key-wrap",1,vaultId,purpose,null]`) with purpose `device-signing:<device>`; built
 * here because keys.ts's `WrapPurpose` does not list that purpose yet.
 */
export function deviceSigningWrapAd(vaultId: string, device: string): string {
  if (!VAULT_ID_RE.test(vaultId)) throw new RangeError('deviceSigningWrapAd: the vault id is not a lowercase UUID');
  if (!isRemoteId(device)) throw new RangeError('deviceSigningWrapAd: not a device id');
  return JSON.stringify(['caravan-key-wrap', WRAP_VERSION, vaultId, `device-signing:${device}`, null]);
}

/**
 * Wraps a device's signing key under the vault key for local keeping: the 32-byte Ed25519 seed
 * (the secret key's first half; the rest is derived from it) with keys.ts's `wrapKey`, 73 bytes.
 */
export async function wrapDeviceSigningKey(vaultKey: Uint8Array, vaultId: string, device: string, secretKey: Uint8Array): Promise<Uint8Array> {
  if (secretKey.length !== SECRET_KEY_BYTES) throw new RangeError(`an Ed25519 secret key is ${SECRET_KEY_BYTES} bytes, got ${secretKey.length}`);
  const sodium = await getSodium();
  const seed = sodium.crypto_sign_ed25519_sk_to_seed(secretKey);
  try {
    return await wrapKey(vaultKey, seed, deviceSigningWrapAd(vaultId, device));
  } finally {
    wipe(seed);
  }
}

/**
 * Opens a wrapped signing key. A wrap of another device or vault, or a damaged one, is
 * VaultError('key-unwrap-failed'); so is a key that does not match `expectedPublicKey`.
 */
export async function unwrapDeviceSigningKey(
  vaultKey: Uint8Array,
  vaultId: string,
  device: string,
  wrapped: Uint8Array,
  expectedPublicKey?: Uint8Array,
): Promise<DeviceIdentity> {
  const seed = await unwrapKey(vaultKey, wrapped, deviceSigningWrapAd(vaultId, device));
  const sodium = await getSodium();
  try {
    const pair = sodium.crypto_sign_seed_keypair(seed);
    if (expectedPublicKey !== undefined && !sameBytes(pair.publicKey, expectedPublicKey)) {
      wipe(pair.privateKey);
      throw new VaultError('key-unwrap-failed', `the signing key of device ${device} does not match its roster entry`);
    }
    return { publicKey: pair.publicKey, secretKey: pair.privateKey };
  } finally {
    wipe(seed);
  }
}

function seal(fields: Record<string, unknown>, rosterKey: Uint8Array): Uint8Array {
  const mac = readySodium().crypto_auth(encoder.encode(canonicalJson(fields)), rosterKey);
  return encoder.encode(canonicalJson({ ...fields, mac: toBase64(mac) }));
}

/** Field problems are reported as this message; the caller picks the error class. */
class FieldProblem extends Error {}

function checkOrThrow<T>(read: () => T, as: typeof RangeError | typeof RosterError): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof FieldProblem)) throw error;
    throw as === RangeError ? new RangeError(`roster entry: ${error.message}`) : new RosterError('bad-entry', error.message);
  }
}

function readEntry(f: Record<string, unknown>): DeviceEntry {
  exactKeys(f, withEpoch(f, f['name'] === undefined ? ENTRY_KEYS : ENTRY_KEYS_NAMED));
  const { epoch, ...common } = readCommon(f);
  const name = f['name'];
  if (name !== undefined && !isName(name)) throw new FieldProblem(`a device name is 1 to ${MAX_DEVICE_NAME_LENGTH} printable characters`);
  const addedAt = readTime(f['addedAt'], 'addedAt');
  const entry: DeviceEntry = name === undefined ? { kind: 'device', ...common, addedAt } : { kind: 'device', ...common, name, addedAt };
  return epoch === undefined ? entry : { ...entry, epoch };
}

/** A version 2 object lists `epoch` too. */
function withEpoch(f: Record<string, unknown>, keys: readonly string[]): readonly string[] {
  return f['v'] === ROSTER_VERSION_EPOCH ? [...keys, 'epoch'].sort() : keys;
}

function readRemoval(f: Record<string, unknown>): DeviceRemoval {
  exactKeys(f, withEpoch(f, REMOVAL_KEYS));
  if (f['removed'] !== true) throw new FieldProblem('removed must be true');
  const { epoch, ...common } = readCommon(f);
  const removedAt = readTime(f['removedAt'], 'removedAt');
  const raw = f['lastSeq'];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new FieldProblem('lastSeq is not an object');
  const lastSeq: Record<string, number> = {};
  for (const [partition, seq] of Object.entries(raw)) {
    if (!isRemoteId(partition)) throw new FieldProblem('lastSeq names an invalid partition');
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) throw new FieldProblem('lastSeq holds an invalid seq');
    lastSeq[partition] = seq;
  }
  const removal: DeviceRemoval = { kind: 'removal', ...common, removedAt, lastSeq: Object.freeze(lastSeq) };
  return epoch === undefined ? removal : { ...removal, epoch };
}

function readCommon(f: Record<string, unknown>): { vaultId: string; device: string; publicKey: Uint8Array; epoch?: string } {
  if (f['v'] !== ROSTER_VERSION && f['v'] !== ROSTER_VERSION_EPOCH) throw new FieldProblem('version');
  const epoch = f['epoch'];
  if (f['v'] === ROSTER_VERSION_EPOCH && !isEpochId(epoch)) throw new FieldProblem('epoch is not an epoch id');
  const vault = f['vault'];
  if (typeof vault !== 'string' || !VAULT_ID_RE.test(vault)) throw new FieldProblem('the vault id is not a lowercase UUID');
  const device = f['device'];
  if (!isRemoteId(device)) throw new FieldProblem('invalid device id');
  const publicKey = typeof f['publicKey'] === 'string' ? fromBase64(f['publicKey']) : undefined;
  if (publicKey === undefined || publicKey.length !== PUBLIC_KEY_BYTES) throw new FieldProblem('publicKey is not a 32-byte key');
  return f['v'] === ROSTER_VERSION_EPOCH ? { vaultId: vault, device, publicKey, epoch: epoch as string } : { vaultId: vault, device, publicKey };
}

function exactKeys(f: Record<string, unknown>, expected: readonly string[]): void {
  const keys = Object.keys(f)
    .filter((k) => k !== 'mac')
    .sort();
  const want = expected.filter((k) => k !== 'mac');
  if (keys.length !== want.length || keys.some((k, i) => k !== want[i])) throw new FieldProblem('unexpected fields');
}

function readTime(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new FieldProblem(`${name} is not a time in ms`);
  return value;
}

function isName(value: unknown): value is string {
  // No control characters: the name is shown in the UI and written in clear on the target.
  // eslint-disable-next-line no-control-regex
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_DEVICE_NAME_LENGTH && !/[\u0000-\u001f\u007f-\u009f]/.test(value);
}

function checkRosterKey(rosterKey: Uint8Array): void {
  if (rosterKey.length !== KEY_BYTES) throw new RangeError(`the roster key must be ${KEY_BYTES} bytes, got ${rosterKey.length}`);
}

function minLastSeq(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Readonly<Record<string, number>> {
  const out: Record<string, number> = {};
  // A partition missing from either removal allows nothing (absent = 0).
  for (const [partition, seq] of Object.entries(a)) {
    const other = b[partition];
    if (other !== undefined) out[partition] = Math.min(seq, other);
  }
  return Object.freeze(out);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}
