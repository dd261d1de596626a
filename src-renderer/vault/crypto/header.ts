/**
 * The vault header (`vault.json` locally and on every sync target): everything
 * needed to turn a passphrase or a recovery kit into the vault key, and nothing
 * secret in clear. Parsing is strict and sorts failures into what a person can
 * do about them: cut off (restore), damaged (restore), newer (update), weak KDF
 * (suspect tampering).
 */
import { fromBase64, toBase64 } from './encoding.ts';
import { VaultError } from './errors.ts';
import { assertKdfCost, KDF_SALT_BYTES, kdfCostProblem, type KdfParams } from './kdf.ts';
import { WRAP_VERSION, WRAPPED_KEY_BYTES } from './keys.ts';

/** Value of `format` in every header. */
export const HEADER_FORMAT = 'caravan-vault';
/** The header version this code writes and reads. */
export const HEADER_VERSION = 1;

/** Vault ids are lowercase UUIDs (from `crypto.randomUUID()`). */
const VAULT_ID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The header as stored: JSON, bytes in standard padded base64. */
export interface VaultHeaderJson {
  /** Always "caravan-vault"; tells a vault header from any other JSON file. */
  format: typeof HEADER_FORMAT;
  /** Format version; a reader refuses versions it does not know rather than guess. */
  version: typeof HEADER_VERSION;
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

/** A parsed, validated header with its byte fields decoded. */
export interface VaultHeader {
  format: typeof HEADER_FORMAT;
  version: typeof HEADER_VERSION;
  vaultId: string;
  createdAt: number;
  kdf: KdfParams;
  wrappedByPassphrase: Uint8Array;
  wrappedByRecovery: Uint8Array;
}

/** Header as JSON text (pretty, newline-terminated: it is a file people may open). */
export function serializeHeader(header: VaultHeader): string {
  const json: VaultHeaderJson = {
    format: HEADER_FORMAT,
    version: HEADER_VERSION,
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
  if (version !== HEADER_VERSION) {
    throw new VaultError('header-unsupported-version', `header version ${version}; this Caravan reads version ${HEADER_VERSION}`);
  }
  exactKeys(root, ['format', 'version', 'vaultId', 'createdAt', 'kdf', 'wrappedByPassphrase', 'wrappedByRecovery'], 'the header');

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
  const wrappedByRecovery = wrapped(root.wrappedByRecovery, 'wrappedByRecovery');

  // Last, so a header that is also damaged reports the damage first.
  assertKdfCost(kdf);
  return { format: HEADER_FORMAT, version: HEADER_VERSION, vaultId, createdAt, kdf, wrappedByPassphrase, wrappedByRecovery };
}

function corrupt(detail: string): VaultError {
  return new VaultError('header-corrupt', detail);
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw corrupt(`${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

/** Unknown fields are refused: version 1 has no optional fields, so one means damage or a forgery. */
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
