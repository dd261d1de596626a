/**
 * Every subkey of the root key R and of an epoch key E, one purpose per key (docs/key-epochs.md).
 *
 *   R --crypto_kdf--> records, blindIndex, legacySync (epoch 0 only), audit, identity (5, 6),
 *                     localWrap, integrity, rootCheck          device-local; nothing on a target
 *   E --crypto_kdf--> segments, clientSegments, roster, clientWrap, rootWrap, history, check, inbox
 *
 * R lives as long as the vault (a version 1 vault key becomes R); E changes at every rotation, so
 * a removed device keeps R but reads nothing written after its removal. Contexts and ids are
 * frozen forever: changing one makes everything under that subkey unreadable (or, for identity,
 * changes the fingerprint every contact saved). Pure and synchronous: callers pass a ready sodium.
 */
import { IDENTITY_KDF } from '../../identity/vault-identity.ts';
import { fillRandom } from './random.ts';
import type { Sodium } from './sodium.ts';

const KEY_BYTES = 32;
/** Key-check values are BLAKE2b-128: enough to tell a wrong key, useless to brute-force one. */
export const CHECK_BYTES = 16;

/** Subkeys of R: context (8 bytes) and id. Identity keeps its own (identity/vault-identity.ts). */
export const ROOT_SUBKEYS = Object.freeze({
  records: Object.freeze({ context: 'CrvnRecd', id: 1 }),
  blindIndex: Object.freeze({ context: 'CrvnBlnd', id: 2 }),
  legacySync: Object.freeze({ context: 'CrvnSync', id: 3 }),
  audit: Object.freeze({ context: 'CrvnAudt', id: 4 }),
  identitySign: Object.freeze({ context: IDENTITY_KDF.context, id: IDENTITY_KDF.signId }),
  identityBox: Object.freeze({ context: IDENTITY_KDF.context, id: IDENTITY_KDF.boxId }),
  localWrap: Object.freeze({ context: 'CrvnLWrp', id: 7 }),
  integrity: Object.freeze({ context: 'CrvnIntg', id: 8 }),
  rootCheck: Object.freeze({ context: 'CrvnRKcv', id: 9 }),
});
export type RootSubkeyName = keyof typeof ROOT_SUBKEYS;

/** Every subkey of an epoch key uses this context; the id says which. */
export const EPOCH_CONTEXT = 'CrvnEpch';
export const EPOCH_SUBKEY_IDS = Object.freeze({ segments: 1, clientSegments: 2, roster: 3, clientWrap: 4, rootWrap: 5, history: 6, check: 7, inbox: 8 });

/**
 * The version 1 roster key: `crypto_kdf` of the legacy sync subkey (sync/segment/device-roster.ts
 * ROSTER_KEY_SPEC). Repeated here so vault/crypto does not import sync; a test pins them equal.
 */
export const LEGACY_ROSTER_SPEC = Object.freeze({ context: 'CrvnRost', id: 1 });

/** An epoch: `id` 16 lowercase hex characters ('legacy' for epoch 0), `n` its generation, `parent` the id it follows ('' for none). */
export interface EpochRef {
  id: string;
  n: number;
  parent: string;
}
/** Epoch 0: the version 1 keys, derived from R. It reads old objects and encrypts nothing new. */
export const LEGACY_EPOCH: EpochRef = Object.freeze({ id: 'legacy', n: 0, parent: '' });
/** Parent of the first epoch of a migrated version 1 vault. */
export const LEGACY_PARENT = 'legacy';

/** What history keeps of an epoch: enough to read and verify, nothing that wraps. */
export interface EpochSyncKeys {
  epoch: EpochRef;
  segments: Uint8Array;
  /** Null for epoch 0, whose client segments are under the client key itself. */
  clientSegments: Uint8Array | null;
  roster: Uint8Array;
}
/** Everything an epoch key gives; only the current (and a kept previous) epoch has these. */
export interface EpochKeys extends EpochSyncKeys {
  key: Uint8Array;
  clientWrap: Uint8Array;
  rootWrap: Uint8Array;
  history: Uint8Array;
  check: Uint8Array;
  inbox: Uint8Array;
}

const EPOCH_ID_RE = /^[0-9a-f]{16}$/;

/** True for a well-formed epoch id of epoch 1 or later. */
export function isEpochId(id: unknown): id is string {
  return typeof id === 'string' && EPOCH_ID_RE.test(id);
}

/** True for a well-formed epoch (not epoch 0): id, a generation of at least 1, a parent that is an id, 'legacy' or '' (a new vault's first). */
export function isEpochRef(value: unknown): value is EpochRef {
  if (typeof value !== 'object' || value === null) return false;
  const { id, n, parent } = value as Partial<EpochRef>;
  return (
    isEpochId(id) &&
    typeof n === 'number' &&
    Number.isSafeInteger(n) &&
    n >= 1 &&
    (parent === '' || parent === LEGACY_PARENT || isEpochId(parent)) &&
    parent !== id
  );
}

/** One subkey of R. */
export function rootSubkey(sodium: Sodium, root: Uint8Array, name: RootSubkeyName): Uint8Array {
  checkKey(root);
  const spec = ROOT_SUBKEYS[name];
  return sodium.crypto_kdf_derive_from_key(KEY_BYTES, spec.id, spec.context, root);
}

/** All subkeys of E. The caller wipes them (and E) when the epoch is forgotten. */
export function deriveEpochKeys(sodium: Sodium, key: Uint8Array, epoch: EpochRef): EpochKeys {
  checkKey(key);
  if (epoch.id === LEGACY_EPOCH.id) throw new RangeError('epoch 0 has no epoch key; use legacySyncKeys');
  const derive = (name: keyof typeof EPOCH_SUBKEY_IDS) => sodium.crypto_kdf_derive_from_key(KEY_BYTES, EPOCH_SUBKEY_IDS[name], EPOCH_CONTEXT, key);
  return {
    epoch: { ...epoch },
    key: key.slice(),
    segments: derive('segments'),
    clientSegments: derive('clientSegments'),
    roster: derive('roster'),
    clientWrap: derive('clientWrap'),
    rootWrap: derive('rootWrap'),
    history: derive('history'),
    check: derive('check'),
    inbox: derive('inbox'),
  };
}

/** Epoch 0's sync keys: version 1's `syncSegments` subkey and the roster key derived from it. */
export function legacySyncKeys(sodium: Sodium, root: Uint8Array): EpochSyncKeys {
  const segments = rootSubkey(sodium, root, 'legacySync');
  const roster = sodium.crypto_kdf_derive_from_key(KEY_BYTES, LEGACY_ROSTER_SPEC.id, LEGACY_ROSTER_SPEC.context, segments);
  return { epoch: { ...LEGACY_EPOCH }, segments, clientSegments: null, roster };
}

/**
 * A client's segment key in an epoch: needs both the epoch's clientSegments key and the client's
 * data key (a removed device lacks the first, after an erasure nobody has the second). Epoch 0
 * used the client key itself: a copy of it.
 */
export function clientSegmentKey(sodium: Sodium, keys: EpochSyncKeys, clientKey: Uint8Array, clientId: string): Uint8Array {
  checkKey(clientKey);
  if (keys.clientSegments === null) return clientKey.slice();
  const mac = new Uint8Array(2 * KEY_BYTES);
  mac.set(keys.clientSegments, 0);
  mac.set(clientKey, KEY_BYTES);
  try {
    return sodium.crypto_generichash(KEY_BYTES, `caravan-client-segments|${clientId}|${keys.epoch.id}`, mac);
  } finally {
    mac.fill(0);
  }
}

/** The header's `epochCheck`: proves E is this vault's key of this epoch before anything uses it. */
export function epochCheck(sodium: Sodium, keys: EpochKeys, vaultId: string): Uint8Array {
  return sodium.crypto_generichash(CHECK_BYTES, `caravan-epoch-check|${vaultId}|${keys.epoch.id}`, keys.check);
}

/** The header's `rootCheck`: proves R (e.g. from "unlock on this device") is this vault's. */
export function rootCheck(sodium: Sodium, root: Uint8Array, vaultId: string): Uint8Array {
  const key = rootSubkey(sodium, root, 'rootCheck');
  try {
    return sodium.crypto_generichash(CHECK_BYTES, `caravan-root-check|${vaultId}`, key);
  } finally {
    key.fill(0);
  }
}

/** A fresh epoch after `parent` (LEGACY_EPOCH for a migration, null for a new vault's first). */
export function newEpoch(parent: EpochRef | null): { epoch: EpochRef; key: Uint8Array } {
  const idBytes = fillRandom(new Uint8Array(8));
  const id = Array.from(idBytes, (b) => b.toString(16).padStart(2, '0')).join('');
  const epoch = parent === null ? { id, n: 1, parent: '' } : { id, n: parent.n + 1, parent: parent.id };
  // A header's n is not authenticated: one inflated to the limit must not make a header nothing parses again.
  if (!Number.isSafeInteger(epoch.n)) throw new RangeError('the key generation is at its limit; the vault header was altered');
  return { epoch, key: fillRandom(new Uint8Array(KEY_BYTES)) };
}

/** Which of two epochs every device takes as current: the highest generation, then the lowest id. */
export function newerEpoch(a: EpochRef, b: EpochRef): EpochRef {
  if (a.n !== b.n) return a.n > b.n ? a : b;
  return a.id <= b.id ? a : b;
}

/** Copies of the sync keys only (what history keeps). */
export function syncKeysOf(keys: EpochSyncKeys): EpochSyncKeys {
  return { epoch: { ...keys.epoch }, segments: keys.segments.slice(), clientSegments: keys.clientSegments?.slice() ?? null, roster: keys.roster.slice() };
}

/** Zeroes every key of an epoch (on lock, and when an epoch is forgotten). */
export function wipeEpochKeys(keys: EpochSyncKeys | EpochKeys | null | undefined): void {
  if (!keys) return;
  for (const value of Object.values(keys)) if (value instanceof Uint8Array) value.fill(0);
}

function checkKey(key: Uint8Array): void {
  if (key.length !== KEY_BYTES) throw new RangeError(`a key must be ${KEY_BYTES} bytes, got ${key.length}`);
}
