/**
 * The `integrity` subkey of the root key (docs/key-epochs.md: context `CrvnIntg`, id 8). It keys
 * the store digest that detects a rollback on disk (vault/integrity/). Kept apart from
 * key-purposes.ts until that file lands; the context and id are frozen, so moving it is one line.
 */
import type { Sodium } from './sodium.ts';

export const INTEGRITY_KDF_CONTEXT = 'CrvnIntg';
export const INTEGRITY_KDF_ID = 8;

/** 32 bytes from the root (version 1: vault) key; the caller wipes it. */
export function deriveIntegrityKey(sodium: Sodium, rootKey: Uint8Array): Uint8Array {
  return sodium.crypto_kdf_derive_from_key(32, INTEGRITY_KDF_ID, INTEGRITY_KDF_CONTEXT, rootKey);
}
