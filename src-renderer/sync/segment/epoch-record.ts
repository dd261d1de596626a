/**
 * `keys/<epoch>.json`: the record of one epoch (docs/key-epochs.md, "On a target"), written once by
 * the device that made the epoch and signed with its Ed25519 key:
 *
 *   {"at":ms,"by":device,"check":b64(16),"epoch":{"id":hex16,"n":n,"parent":"legacy"|""|hex16},
 *    "erased":[client…],"history":b64(nonce ‖ AEAD),"removed":[device…],"sig":b64(64),"v":1,"vault":uuid}
 *
 * `sig` is over "caravan-epoch|" + the canonical JSON of every other field. `check` is the epoch's
 * key-check value (epochCheck of the key ring's key-purposes): a device that opens a grant accepts
 * the key only if it gives this value, so a grant cannot slip in another key. `history` holds the
 * sync keys of every earlier epoch (segments, clientSegments, roster; never an epoch key itself,
 * clientWrap or rootWrap), encrypted under the epoch's `history` subkey with associated data
 * binding the vault and the epoch: a holder of this epoch reads and verifies older segments, but
 * cannot open an older client-key wrap. `removed` lists the devices the rotating device knew to be
 * removed: none of them was granted this epoch. `erased` lists the clients it knew to be erased:
 * it wrapped none of their keys under this epoch, so once every live device has adopted an epoch
 * listing a client, no live key opens any copy of that client's key (an epoch made by a device that
 * had not yet heard of an erasure does not list it, and the round asks for another rotation).
 *
 * A record must be signed by a device of the roster that is not removed. `parent` is 'legacy' (a
 * migrated vault) or '' (a vault made with epochs) for n = 1, and an epoch id otherwise.
 */
import { canonicalJson, jsonValueProblem } from './canonical-json.ts';
import { KeyObjectError } from './errors.ts';
import { isEpochId, isRemoteId, LEGACY_EPOCH_ID, parseEpochRecordObjectKey, VAULT_ID_RE, WORKSPACE_PARTITION } from './layout.ts';
import { type PublicKeyOf, readSignedObject, signObject, verifySignedObject } from './signed-object.ts';
import { fromBase64, toBase64 } from '../../vault/crypto/encoding.ts';
import { fillRandom } from '../../vault/crypto/random.ts';
import { readySodium } from '../../vault/crypto/sodium.ts';

/** An epoch: its id, generation and parent (docs/key-epochs.md, "Epochs"). Epoch 0 is `{id: 'legacy', n: 0, parent: ''}`. */
export interface EpochRef {
  readonly id: string;
  readonly n: number;
  readonly parent: string;
}

/** What history keeps of an epoch: enough to read and verify its objects, nothing that wraps. */
export interface EpochSyncKeys {
  readonly epoch: EpochRef;
  readonly segments: Uint8Array;
  readonly clientSegments: Uint8Array | null;
  readonly roster: Uint8Array;
}

/** An epoch record as read (authentic) or to be written. */
export interface EpochRecord {
  readonly vaultId: string;
  readonly epoch: EpochRef;
  /** The rotating device. */
  readonly by: string;
  readonly at: number;
  /** Devices the rotating device knew to be removed, sorted. */
  readonly removed: readonly string[];
  /** Clients the rotating device knew to be erased, sorted. */
  readonly erased: readonly string[];
  /** The epoch's key-check value, 16 bytes. */
  readonly check: Uint8Array;
  /** nonce ‖ XChaCha20-Poly1305 of the history (`sealEpochHistory`). */
  readonly history: Uint8Array;
}

/** The longest record read (main bounds the object by the same number): ~300 bytes per earlier epoch, so thousands of rotations. */
export const MAX_EPOCH_RECORD_BYTES = 1024 * 1024;
export const EPOCH_CHECK_BYTES = 16;
const PREFIX = 'caravan-epoch|';
const HISTORY_AD = 'caravan-epoch-history|';
const FIELDS = ['at', 'by', 'check', 'epoch', 'erased', 'history', 'removed', 'v', 'vault'];
const NONCE_BYTES = 24;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const encoder = new TextEncoder();

/**
 * True for a well-formed epoch after epoch 0: n ≥ 1; for n = 1 the parent is 'legacy' (a migrated
 * vault) or '' (a vault created with epochs), otherwise another epoch's id.
 */
export function isEpochRef(value: unknown): value is EpochRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const e = value as Record<string, unknown>;
  if (Object.keys(e).length !== 3 || !isEpochId(e['id'])) return false;
  const n = e['n'];
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) return false;
  return n === 1 ? e['parent'] === LEGACY_EPOCH_ID || e['parent'] === '' : isEpochId(e['parent']) && e['parent'] !== e['id'];
}

/** The bytes of `keys/<epoch>.json`, signed by `record.by`'s key. */
export function encodeEpochRecord(record: EpochRecord, signingKey: Uint8Array): Uint8Array {
  const fields = fieldsOf(record);
  readFields(fields, (why) => new RangeError(`encodeEpochRecord: ${why}`));
  return signObject(fields, PREFIX, signingKey);
}

/**
 * Verifies a record read from `readFrom` (its object key): shape, signer in the roster and not
 * removed, signature, vault, epoch named by the key. Throws KeyObjectError. The key it describes is
 * checked by the caller against `check` once it holds the key (`sameCheck`).
 */
export function decodeEpochRecord(bytes: Uint8Array, vaultId: string, readFrom: string, publicKeyOf: PublicKeyOf): EpochRecord {
  const { fields, sig } = readSignedObject(bytes, MAX_EPOCH_RECORD_BYTES, 'epoch', 4);
  const record = readFields(fields, (why) => new KeyObjectError('bad-object', 'epoch', why));
  verifySignedObject(fields, sig, PREFIX, record.by, publicKeyOf, 'epoch');
  if (record.vaultId !== vaultId) throw new KeyObjectError('wrong-place', 'epoch', `epoch ${record.epoch.id} belongs to another vault`);
  if (parseEpochRecordObjectKey(readFrom) !== record.epoch.id) {
    throw new KeyObjectError('wrong-place', 'epoch', `${readFrom.slice(0, 80)} holds epoch ${record.epoch.id}`);
  }
  return record;
}

/** Constant-time comparison of a key's check value with the record's. */
export function sameCheck(record: EpochRecord, check: Uint8Array): boolean {
  return check.length === EPOCH_CHECK_BYTES && readySodium().memcmp(check, record.check);
}

/** Encrypts the sync keys of earlier epochs under the new epoch's `history` subkey. */
export function sealEpochHistory(historyKey: Uint8Array, vaultId: string, epochId: string, entries: readonly EpochSyncKeys[]): Uint8Array {
  if (historyKey.length !== KEY_BYTES) throw new RangeError('the history key must be 32 bytes');
  const json = encoder.encode(canonicalJson(entries.map(historyEntryJson)));
  const sodium = readySodium();
  const out = new Uint8Array(NONCE_BYTES + json.length + TAG_BYTES);
  const nonce = fillRandom(out.subarray(0, NONCE_BYTES));
  out.set(sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(json, historyAd(vaultId, epochId), null, nonce, historyKey), NONCE_BYTES);
  json.fill(0);
  return out;
}

/** Opens a record's history with the epoch's `history` subkey; KeyObjectError 'bad-key' or 'bad-object'. */
export function openEpochHistory(record: EpochRecord, historyKey: Uint8Array): EpochSyncKeys[] {
  if (historyKey.length !== KEY_BYTES) throw new RangeError('the history key must be 32 bytes');
  if (record.history.length < NONCE_BYTES + TAG_BYTES) throw new KeyObjectError('bad-object', 'epoch', 'history too short');
  let json: Uint8Array;
  try {
    json = readySodium().crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      record.history.subarray(NONCE_BYTES),
      historyAd(record.vaultId, record.epoch.id),
      record.history.subarray(0, NONCE_BYTES),
      historyKey,
    );
  } catch (cause) {
    throw new KeyObjectError('bad-key', 'epoch', `history of epoch ${record.epoch.id}`, { cause });
  }
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
    if (!Array.isArray(value) || jsonValueProblem(value, 4) !== null) throw new Error('not a list');
    const seen = new Set<string>();
    return value.map((raw: unknown) => {
      const entry = readHistoryEntry(raw);
      // An epoch's own keys are never in its history, and each earlier epoch is there once.
      if (entry.epoch.id === record.epoch.id || seen.has(entry.epoch.id)) throw new Error('repeated epoch');
      seen.add(entry.epoch.id);
      return entry;
    });
  } catch (cause) {
    // Authenticated, so only a faulty writer: refuse the record's history whole.
    throw new KeyObjectError('bad-object', 'epoch', `history of epoch ${record.epoch.id} is malformed`, { cause });
  } finally {
    json.fill(0);
  }
}

function fieldsOf(record: EpochRecord): Record<string, unknown> {
  return {
    v: 1,
    vault: record.vaultId,
    epoch: { id: record.epoch.id, n: record.epoch.n, parent: record.epoch.parent },
    by: record.by,
    at: record.at,
    removed: [...record.removed],
    erased: [...record.erased],
    check: toBase64(record.check),
    history: toBase64(record.history),
  };
}

function readFields(f: Record<string, unknown>, fail: (why: string) => Error): EpochRecord {
  const keys = Object.keys(f).sort();
  if (keys.length !== FIELDS.length || keys.some((k, i) => k !== FIELDS[i])) throw fail('unexpected fields');
  if (f['v'] !== 1) throw fail('version');
  const vault = f['vault'];
  if (typeof vault !== 'string' || !VAULT_ID_RE.test(vault)) throw fail('vault id');
  if (!isEpochRef(f['epoch'])) throw fail('epoch');
  if (!isRemoteId(f['by'])) throw fail('device id');
  const at = f['at'];
  if (typeof at !== 'number' || !Number.isSafeInteger(at) || at < 0) throw fail('at is not a time');
  const check = typeof f['check'] === 'string' ? fromBase64(f['check']) : undefined;
  if (check === undefined || check.length !== EPOCH_CHECK_BYTES) throw fail(`check is not ${EPOCH_CHECK_BYTES} bytes`);
  const history = typeof f['history'] === 'string' ? fromBase64(f['history']) : undefined;
  if (history === undefined || history.length < NONCE_BYTES + TAG_BYTES) throw fail('history');
  const removed = idList(f['removed']);
  if (removed === null) throw fail('removed');
  const erased = idList(f['erased']);
  if (erased === null || erased.includes(WORKSPACE_PARTITION)) throw fail('erased');
  const epoch = f['epoch'] as EpochRef;
  return { vaultId: vault, epoch: { id: epoch.id, n: epoch.n, parent: epoch.parent }, by: f['by'], at, removed, erased, check, history };
}

/** A list of ids, sorted and without repeats (one spelling per list, like canonical JSON), or null. */
function idList(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length > 10_000) return null;
  const ids = value as unknown[];
  return ids.every((d, i) => isRemoteId(d) && (i === 0 || (ids[i - 1] as string) < d)) ? [...(ids as string[])] : null;
}

function historyEntryJson(entry: EpochSyncKeys): Record<string, unknown> {
  if (!isEpochRef(entry.epoch)) throw new RangeError('sealEpochHistory: an entry is not an epoch after epoch 0');
  for (const key of [entry.segments, entry.roster, entry.clientSegments ?? new Uint8Array(KEY_BYTES)]) {
    if (key.length !== KEY_BYTES) throw new RangeError('sealEpochHistory: keys are 32 bytes');
  }
  return {
    epoch: { id: entry.epoch.id, n: entry.epoch.n, parent: entry.epoch.parent },
    segments: toBase64(entry.segments),
    clientSegments: entry.clientSegments === null ? null : toBase64(entry.clientSegments),
    roster: toBase64(entry.roster),
  };
}

function readHistoryEntry(raw: unknown): EpochSyncKeys {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('entry');
  const e = raw as Record<string, unknown>;
  if (Object.keys(e).sort().join() !== 'clientSegments,epoch,roster,segments' || !isEpochRef(e['epoch'])) throw new Error('entry');
  const key = (value: unknown): Uint8Array => {
    const bytes = typeof value === 'string' ? fromBase64(value) : undefined;
    if (bytes === undefined || bytes.length !== KEY_BYTES) throw new Error('key');
    return bytes;
  };
  const epoch = e['epoch'];
  return {
    epoch: { id: epoch.id, n: epoch.n, parent: epoch.parent },
    segments: key(e['segments']),
    clientSegments: e['clientSegments'] === null ? null : key(e['clientSegments']),
    roster: key(e['roster']),
  };
}

function historyAd(vaultId: string, epochId: string): Uint8Array {
  return encoder.encode(`${HISTORY_AD}${vaultId}|${epochId}`);
}
