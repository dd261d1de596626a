/**
 * The vault's public identity: an Ed25519 key pair that signs the bundles it exports and an X25519
 * key pair that bundles can be sealed to. Both are derived from the vault key with `crypto_kdf`
 * (context "CrvnIdnt", ids 5 and 6, next to the subkeys of vault/crypto/keys.ts), so every device
 * of the vault has the same identity without anything to sync, and the identity is as secret as
 * the vault key and no more. Frozen forever: changing a context or id changes the fingerprint
 * every contact has saved.
 */
import type { Sodium } from '../vault/crypto/sodium.ts';

export const IDENTITY_KDF = Object.freeze({ context: 'CrvnIdnt', signId: 5, boxId: 6 });

export interface VaultIdentity {
  /** Ed25519, 32 bytes. */
  signPublicKey: Uint8Array;
  /** Ed25519, 64 bytes (libsodium's seed-and-public-key form). */
  signSecretKey: Uint8Array;
  /** X25519, 32 bytes. */
  boxPublicKey: Uint8Array;
  /** X25519, 32 bytes. */
  boxSecretKey: Uint8Array;
}

/** The identity of the vault whose key is `vaultKey` (32 bytes). */
export function deriveVaultIdentity(sodium: Sodium, vaultKey: Uint8Array): VaultIdentity {
  const signSeed = sodium.crypto_kdf_derive_from_key(sodium.crypto_sign_SEEDBYTES, IDENTITY_KDF.signId, IDENTITY_KDF.context, vaultKey);
  const boxSeed = sodium.crypto_kdf_derive_from_key(sodium.crypto_box_SEEDBYTES, IDENTITY_KDF.boxId, IDENTITY_KDF.context, vaultKey);
  try {
    const sign = sodium.crypto_sign_seed_keypair(signSeed);
    const box = sodium.crypto_box_seed_keypair(boxSeed);
    return { signPublicKey: sign.publicKey, signSecretKey: sign.privateKey, boxPublicKey: box.publicKey, boxSecretKey: box.privateKey };
  } finally {
    signSeed.fill(0);
    boxSeed.fill(0);
  }
}
