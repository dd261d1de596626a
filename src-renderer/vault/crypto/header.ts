/**
 * The vault header (`vault.json` locally and on every sync target): everything
 * needed to turn a passphrase or a recovery kit into the vault's keys, and nothing
 * secret in clear. Version 1 wraps one vault key; version 2 (docs/key-epochs.md)
 * wraps the current epoch key E and, under it, the root key R, with a key-check
 * value for each. Both are read; new headers are version 2. Parsing is strict and sorts failures into what a person can
 * do about them: cut off (restore), damaged (restore), newer (update), weak KDF
 * (suspect tampering).
 */
import { fromBase64, toBase64 } from './encoding.ts';
import { VaultError } from './errors.ts';
import { assertKdfCost, KDF_SALT_BYTES, kdfCostProblem, type KdfParams } from './kdf.ts';
import { WRAP_VERSION, WRAPPED_KEY_BYTES } from './keys.ts';
import { CHECK_BYTES, type EpochRef, isEpochRef } from './key-purposes.ts';

/** Value of `format` in every header. */
export const HEADER_FORMAT = 'caravan-vault';
/** The header version this code writes (it also reads version 1). */
export const HEADER_VERSION = 2;
/** The version before key epochs: still read, and migrated at unlock. */
export const HEADER_VERSION_1 = 1;
/** `crypto_box_seal` of a 32-byte key: 32-byte ephemeral public key + ciphertext + 16-byte tag. */
export const SEALED_KEY_BYTES = 80;
const PUBLIC_KEY_BYTES = 32;

/** Vault ids are lowercase UUIDs (from `crypto.randomUUID()`). */
const VAULT_ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A version 1 header as stored: JSON, bytes in standard padded base64. */
export interface VaultHeaderJson {
  /** Always "caravan-vault"; tells a vault header from any other JSON file. */
  format: typeof HEADER_FORMAT;
  /** Format version; a reader refuses versions it does not know rather than guess. */
  version: typeof HEADER_VERSION_1;
  /** Lowercase UUID, fixed at creation; bound into every key wrap's associated data. */
  vaultId: string;
  /** Creation time, UTC epoch milliseconds. Informational only. */
  createdAt: number;
  /** Argon2id parameters for the passphrase; bound into the passphrase wrap's associated data. */
  kdf: {
    /** Always "argon2id13" in version 1. */
    alg: 'argon2id13';
    /** Argon2 passes; at least 2. */
    opsLimit: number;
    /** Argon2 memory in bytes, whole KiB; at least 64 MiB. */
    memLimitBytes: number;
    /** 16 random bytes, base64; new with every passphrase change. */
    salt: string;
  };
  /** The vault key wrapped by the passphrase KEK: 73 bytes (version, nonce, ciphertext + tag), base64. */
  wrappedByPassphrase: string;
  /** The vault key wrapped by the recovery key, same 73-byte layout, base64. Unchanged by passphrase changes. */
  wrappedByRecovery: string;
}

/** A version 2 header as stored (docs/key-epochs.md "Header version 2"). */
export interface VaultHeaderV2Json {
  format: typeof HEADER_FORMAT;
  version: typeof HEADER_VERSION;
  vaultId: string;
  createdAt: number;
  kdf: VaultHeaderJson['kdf'];
  /** The epoch whose key E this header wraps: 16 hex id, generation, parent id ('' for a new vault's first, 'legacy' for a migrated one's). */
  epoch: EpochRef;
  /** BLAKE2b-128 under E's check subkey of "caravan-epoch-check|vaultId|epochId", 16 bytes. */
  epochCheck: string;
  /** BLAKE2b-128 under R's rootCheck subkey of "caravan-root-check|vaultId", 16 bytes. */
  rootCheck: string;
  /** E under the passphrase KEK, 73 bytes; associated data binds the KDF parameters and the epoch. */
  wrappedByPassphrase: string;
  /** R under E's rootWrap subkey, 73 bytes. */
  wrappedRoot: string;
  recovery: {
    /** R under the recovery key, 73 bytes (a migrated vault's is its version 1 `wrappedByRecovery`, unchanged). */
    root: string;
    /** X25519 public key derived from the recovery key, 32 bytes; absent on a migrated vault until the kit is typed once. */
    publicKey?: string;
    /** E sealed to `publicKey` (crypto_box_seal, 80 bytes); present exactly when `publicKey` is. */
    sealed?: string;
  };
}

/** A parsed, validated version 1 header with its byte fields decoded. */
export interface VaultHeaderV1 {
  format: typeof HEADER_FORMAT;
  version: typeof HEADER_VERSION_1;
  vaultId: string;
  createdAt: number;
  kdf: KdfParams;
  wrappedByPassphrase: Uint8Array;
  wrappedByRecovery: Uint8Array;
}

/** A parsed, validated version 2 header. */
export interface VaultHeaderV2 {
  format: typeof HEADER_FORMAT;
  version: typeof HEADER_VERSION;
  vaultId: string;
  createdAt: number;
  kdf: KdfParams;
  epoch: EpochRef;
  epochCheck: Uint8Array;
  rootCheck: Uint8Array;
  wrappedByPassphrase: Uint8Array;
  wrappedRoot: Uint8Array;
  recovery: { root: Uint8Array; publicKey?: Uint8Array; sealed?: Uint8Array };
}

export type VaultHeader = VaultHeaderV1 | VaultHeaderV2;

/** Header as JSON text (pretty, newline-terminated: it is a file people may open). */
export function serializeHeader(header: VaultHeader): string {
  if (header.version === HEADER_VERSION) return `${JSON.stringify(v2Json(header), null, 2)}\n`;
  const json: VaultHeaderJson = {
    format: HEADER_FORMAT,
    version: HEADER_VERSION_1,
    vaultId: header.vaultId,
    createdAt: header.createdAt,
    kdf: {
      alg: header.kdf.alg,
      opsLimit: header.kdf.opsLimit,
      memLimitBytes: header.kdf.memLimitBytes,
      salt: toBase64(header.kdf.salt),
    },
    wrappedByPassphrase: toBase64(header.wrappedByPassphrase),
    wrappedByRecovery: toBase64(header.wrappedByRecovery),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function v2Json(header: VaultHeaderV2): VaultHeaderV2Json {
  const { publicKey, sealed } = header.recovery;
  if ((publicKey === undefined) !== (sealed === undefined)) throw new RangeError('recovery publicKey and sealed go together');
  return {
    format: HEADER_FORMAT,
    version: HEADER_VERSION,
    vaultId: header.vaultId,
    createdAt: header.createdAt,
    kdf: { alg: header.kdf.alg, opsLimit: header.kdf.opsLimit, memLimitBytes: header.kdf.memLimitBytes, salt: toBase64(header.kdf.salt) },
    epoch: { id: header.epoch.id, n: header.epoch.n, parent: header.epoch.parent },
    epochCheck: toBase64(header.epochCheck),
    rootCheck: toBase64(header.rootCheck),
    wrappedByPassphrase: toBase64(header.wrappedByPassphrase),
    wrappedRoot: toBase64(header.wrappedRoot),
    recovery: {
      root: toBase64(header.recovery.root),
      ...(publicKey && sealed ? { publicKey: toBase64(publicKey), sealed: toBase64(sealed) } : {}),
    },
  };
}

/**
 * Parses and validates header text. Throws VaultError with code
 * 'header-truncated' (not complete JSON), 'header-corrupt' (JSON, but not a
 * valid header), 'header-unsupported-version' or 'kdf-params-too-weak'.
 */
export function parseHeader(text: string): VaultHeader {
  if (text.trim() === '') throw new VaultError('header-truncated', 'the file is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    const detail = text.trimEnd().endsWith('}') ? 'it is not valid JSON' : 'it ends before the JSON is complete';
    throw new VaultError('header-truncated', detail, { cause });
  }
  const root = object(raw, 'the header');
  if (root.format !== HEADER_FORMAT) throw corrupt('this is not a Caravan vault header');
  // The version is checked before the shape: a newer header may have any shape.
  const version = root.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw corrupt('version is missing or invalid');
  if (version !== HEADER_VERSION && version !== HEADER_VERSION_1) {
    throw new VaultError('header-unsupported-version', `header version ${version}; this Caravan reads versions 1 and ${HEADER_VERSION}`);
  }
  const keys = version === HEADER_VERSION ? V2_KEYS : V1_KEYS;
  exactKeys(root, keys, 'the header');

  const { vaultId, createdAt } = root;
  if (typeof vaultId !== 'string' || !VAULT_ID_RE.test(vaultId)) throw corrupt('vaultId is not a lowercase UUID');
  if (typeof createdAt !== 'number' || !Number.isSafeInteger(createdAt) || createdAt < 0) {
    throw corrupt('createdAt is not a timestamp');
  }

  const kdfRaw = object(root.kdf, 'kdf');
  exactKeys(kdfRaw, ['alg', 'opsLimit', 'memLimitBytes', 'salt'], 'kdf');
  if (kdfRaw.alg !== 'argon2id13') throw corrupt(`kdf.alg is ${JSON.stringify(kdfRaw.alg)}, expected "argon2id13"`);
  const { opsLimit, memLimitBytes } = kdfRaw;
  if (typeof opsLimit !== 'number' || typeof memLimitBytes !== 'number') throw corrupt('kdf.opsLimit and kdf.memLimitBytes must be numbers');
  const costProblem = kdfCostProblem({ opsLimit, memLimitBytes });
  if (costProblem !== undefined) throw corrupt(`kdf: ${costProblem}`);
  const kdf: KdfParams = { alg: 'argon2id13', opsLimit, memLimitBytes, salt: bytes(kdfRaw.salt, 'kdf.salt', KDF_SALT_BYTES) };

  const wrappedByPassphrase = wrapped(root.wrappedByPassphrase, 'wrappedByPassphrase');
  if (version === HEADER_VERSION_1) {
    const wrappedByRecovery = wrapped(root.wrappedByRecovery, 'wrappedByRecovery');
    // Last, so a header that is also damaged reports the damage first.
    assertKdfCost(kdf);
    return { format: HEADER_FORMAT, version: HEADER_VERSION_1, vaultId, createdAt, kdf, wrappedByPassphrase, wrappedByRecovery };
  }

  const epochRaw = object(root.epoch, 'epoch');
  exactKeys(epochRaw, ['id', 'n', 'parent'], 'epoch');
  if (!isEpochRef(epochRaw)) throw corrupt('epoch is not an epoch (id: 16 hex characters, n: 1 or more, parent: an id, "legacy" or "")');
  const epoch: EpochRef = { id: epochRaw.id, n: epochRaw.n, parent: epochRaw.parent };
  const epochCheck = bytes(root.epochCheck, 'epochCheck', CHECK_BYTES);
  const rootCheck = bytes(root.rootCheck, 'rootCheck', CHECK_BYTES);
  const wrappedRoot = wrapped(root.wrappedRoot, 'wrappedRoot');
  const recoveryRaw = object(root.recovery, 'recovery');
  const hasPublic = 'publicKey' in recoveryRaw;
  exactKeys(recoveryRaw, hasPublic ? ['root', 'publicKey', 'sealed'] : ['root'], 'recovery');
  const recovery: VaultHeaderV2['recovery'] = { root: wrapped(recoveryRaw.root, 'recovery.root') };
  if (hasPublic) {
    recovery.publicKey = bytes(recoveryRaw.publicKey, 'recovery.publicKey', PUBLIC_KEY_BYTES);
    recovery.sealed = bytes(recoveryRaw.sealed, 'recovery.sealed', SEALED_KEY_BYTES);
  }
  assertKdfCost(kdf);
  return { format: HEADER_FORMAT, version: HEADER_VERSION, vaultId, createdAt, kdf, epoch, epochCheck, rootCheck, wrappedByPassphrase, wrappedRoot, recovery };
}

const V1_KEYS = ['format', 'version', 'vaultId', 'createdAt', 'kdf', 'wrappedByPassphrase', 'wrappedByRecovery'] as const;
const V2_KEYS = [
  'format',
  'version',
  'vaultId',
  'createdAt',
  'kdf',
  'epoch',
  'epochCheck',
  'rootCheck',
  'wrappedByPassphrase',
  'wrappedRoot',
  'recovery',
] as const;

function corrupt(detail: string): VaultError {
  return new VaultError('header-corrupt', detail);
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corrupt(`${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

/** Unknown fields are refused: a header has no optional fields beyond recovery's pair, so one means damage or a forgery. */
function exactKeys(value: Record<string, unknown>, keys: readonly string[], what: string): void {
  for (const key of Object.keys(value)) if (!keys.includes(key)) throw corrupt(`${what} has an unknown field "${key}"`);
  for (const key of keys) if (!(key in value)) throw corrupt(`${what} is missing "${key}"`);
}

function bytes(value: unknown, field: string, length: number): Uint8Array {
  if (typeof value !== 'string') throw corrupt(`${field} is not a string`);
  const decoded = fromBase64(value);
  if (decoded === undefined) throw corrupt(`${field} is not valid base64; it may have been cut short`);
  if (decoded.length !== length) throw corrupt(`${field} is ${decoded.length} bytes, expected ${length}`);
  return decoded;
}

function wrapped(value: unknown, field: string): Uint8Array {
  const decoded = bytes(value, field, WRAPPED_KEY_BYTES);
  if (decoded[0] !== WRAP_VERSION) throw corrupt(`${field} has unknown wrap version ${decoded[0]}`);
  return decoded;
}
