/**
 * Turns a record into a stored row and back, for one encrypted table. Synchronous, no I/O:
 * the middleware calls it once per row, in a loop, between two IndexedDB requests.
 */
import { VaultError } from '../crypto/errors.ts';
import { decryptJson, encryptJson } from '../crypto/record-cipher.ts';
import type { KeyRing } from './key-ring.ts';
import type { EncryptedTableSpec } from './schema.ts';
import { errorMessage } from '../../ui/error-message.ts';

/** A row as IndexedDB holds it: the clear fields, the record's schema version and the ciphertext. */
export interface SealedRow {
  readonly [clearField: string]: unknown;
  /** Schema version of the encrypted record (part of the associated data). */
  readonly v: number;
  /** record-cipher.ts ciphertext of the JSON record. */
  readonly ct: Uint8Array;
}

/**
 * Encrypts `record` for `table`. Throws VaultError('record-key-missing') when its key is gone and
 * TypeError when the record lacks a field the clear part needs; nothing is written then.
 */
export function sealRow(table: string, spec: EncryptedTableSpec, record: unknown, keyRing: KeyRing): SealedRow {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new TypeError(`${table}: a record must be an object`);
  }
  const fields = record as Readonly<Record<string, unknown>>;
  const clear = spec.clear(fields);
  const keyId = spec.keyId(clear);
  const ct = encryptJson(keyRing.keyFor(keyId), fields, { table, id: spec.adId(clear), schema: spec.version, keyId });
  return { ...clear, v: spec.version, ct };
}

/**
 * Decrypts a stored row and checks that its clear fields match the record inside. Throws a
 * VaultError: 'record-key-missing' when the key is gone, 'record-corrupt' for anything else
 * (damaged or moved ciphertext, relabelled schema version, edited clear field, malformed row).
 */
export function openRow(table: string, spec: EncryptedTableSpec, stored: unknown, keyRing: KeyRing): Record<string, unknown> {
  const where = `${table}/${describeKey(stored)}`;
  try {
    const row = asSealedRow(stored, where);
    if (row.v > spec.version) {
      throw new VaultError('record-corrupt', `${where}: schema version ${row.v} is newer than this version of Caravan reads`);
    }
    if (row.v !== spec.version && spec.upgrade === undefined) {
      throw new VaultError('record-corrupt', `${where}: schema version ${row.v} has no migration`);
    }
    const keyId = spec.keyId(row);
    // The associated data binds the version the row was sealed at, so an old row opens only as old.
    const record = decryptJson(keyRing.keyFor(keyId), row.ct, { table, id: spec.adId(row), schema: row.v, keyId });
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new VaultError('record-corrupt', `${where}: payload is not a record`);
    }
    const fields = row.v === spec.version ? (record as Record<string, unknown>) : spec.upgrade!(record as Record<string, unknown>, row.v);
    const expected = spec.clear(fields);
    for (const name of spec.clearFields) {
      if (row[name] !== expected[name]) throw new VaultError('record-corrupt', `${where}: clear field ${name} does not match the record`);
    }
    return fields;
  } catch (error) {
    if (error instanceof VaultError) throw error;
    // A malformed row (missing field, '|' in an id) is damage like any other, reported the same way.
    const detail = errorMessage(error);
    throw new VaultError('record-corrupt', `${where}: ${detail}`, { cause: error });
  }
}

function asSealedRow(stored: unknown, where: string): SealedRow {
  if (typeof stored !== 'object' || stored === null) throw new VaultError('record-corrupt', `${where}: not a row`);
  const row = stored as SealedRow;
  if (!(row.ct instanceof Uint8Array)) throw new VaultError('record-corrupt', `${where}: no ciphertext`);
  if (!Number.isSafeInteger(row.v) || row.v < 1) throw new VaultError('record-corrupt', `${where}: no schema version`);
  return row;
}

// For messages only: the primary key (an id or a sequence number), never record content.
function describeKey(stored: unknown): string {
  if (typeof stored !== 'object' || stored === null) return '?';
  const row = stored as Record<string, unknown>;
  const key = row['id'] ?? row['seq'] ?? row['clientId'];
  return typeof key === 'string' || typeof key === 'number' ? String(key).slice(0, 128) : '?';
}
