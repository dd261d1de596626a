/**
 * The store digest: per table, how many rows it holds and the XOR of a keyed hash of each row.
 *
 * A row's hash is BLAKE2b-256 keyed with the `integrity` subkey over `table|key|` and the bytes
 * that are the row (its ciphertext `ct`, or a client key's `wrapped`). XOR makes the digest
 * incremental: a put takes the old row's hash out and the new one's in, with no read. The hash is
 * keyed because an XOR of unkeyed hashes is forgeable: whoever holds ~257 old ciphertexts (anyone
 * who copied the files twice) can solve for a subset that XORs to the sealed value by linear
 * algebra. Keyed, the hashes are unknown to them (the MSet-XOR-Hash construction, with the count).
 */
import type { Sodium } from '../crypto/sodium.ts';

export const ROW_HASH_BYTES = 32;

/** One table's digest: its row count and the XOR of its rows' hashes. */
export interface TableDigest {
  count: number;
  xor: Uint8Array;
}

export function emptyDigest(): TableDigest {
  return { count: 0, xor: new Uint8Array(ROW_HASH_BYTES) };
}

export function copyDigest(digest: TableDigest): TableDigest {
  return { count: digest.count, xor: digest.xor.slice() };
}

/** Folds a row hash in (`sign` 1) or out (-1): XOR is its own inverse, the count is not. */
export function foldRow(digest: TableDigest, hash: Uint8Array, sign: 1 | -1): void {
  for (let i = 0; i < ROW_HASH_BYTES; i++) digest.xor[i]! ^= hash[i]!;
  digest.count += sign;
}

export function sameDigest(a: TableDigest, b: TableDigest): boolean {
  if (a.count !== b.count) return false;
  for (let i = 0; i < ROW_HASH_BYTES; i++) if (a.xor[i] !== b.xor[i]) return false;
  return true;
}

/** A primary key as text that keeps its type: the change log's seq 5 and an id "5" never collide. */
export function keyText(key: unknown): string {
  return typeof key === 'number' ? `n${key}` : `s${String(key)}`;
}

const encoder = new TextEncoder();

/** The bytes that are a stored row: its ciphertext, a client key's wrap, or (a malformed row) its JSON. */
function rowBytes(row: unknown): Uint8Array {
  if (typeof row === 'object' && row !== null) {
    const { ct, wrapped } = row as { ct?: unknown; wrapped?: unknown };
    if (ct instanceof Uint8Array) return ct;
    if (wrapped instanceof Uint8Array) return wrapped;
  }
  return encoder.encode(`malformed|${JSON.stringify(row) ?? ''}`);
}

/** The keyed hash of one stored row. */
export function rowHash(sodium: Sodium, key: Uint8Array, table: string, primaryKey: unknown, row: unknown): Uint8Array {
  // One call into libsodium (the streaming API costs three): the label and the bytes in one buffer.
  const label = encoder.encode(`${table}|${keyText(primaryKey)}|`);
  const bytes = rowBytes(row);
  const input = new Uint8Array(label.length + bytes.length);
  input.set(label);
  input.set(bytes, label.length);
  return sodium.crypto_generichash(ROW_HASH_BYTES, input, key);
}
