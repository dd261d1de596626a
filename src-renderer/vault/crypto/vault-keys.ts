/**
 * Vault-level key operations: create, unlock (passphrase or recovery kit),
 * change or reset the passphrase. Pure async functions over a header value;
 * reading and writing `vault.json` is the caller's job.
 *
 * The vault key never changes: a passphrase change re-wraps it under a new KEK
 * (new salt, possibly new cost) and leaves the recovery wrap as it is, so
 * records, client keys and sync targets are untouched.
 */
import { isVaultError, VaultError } from './errors.ts';
import { DEFAULT_KDF_COST, deriveKek, type KdfCost, newKdfParams } from './kdf.ts';
import { generateKey, unwrapKey, wipe, wrapAd, wrapKey } from './keys.ts';
import { formatRecoveryKit, generateRecoveryKey, parseRecoveryKit } from './recovery-key.ts';
import { HEADER_FORMAT, HEADER_VERSION, type VaultHeader } from './header.ts';

/** A new vault. Show `recoveryKit` once, then forget it. */
export interface CreatedVault {
  header: VaultHeader;
  /** The 32-byte vault key, for this session; wipe it on lock. */
  vaultKey: Uint8Array;
  /** The printable recovery kit, e.g. `7K3Q-...`; never stored by Caravan. */
  recoveryKit: string;
}

/** Options that tests and migrations pin; the app leaves them out. */
export interface CreateVaultOptions {
  /** Creation time, UTC epoch ms; default `Date.now()`. */
  now?: number;
  /** Vault id; default a fresh `crypto.randomUUID()`. */
  vaultId?: string;
}

/** Creates a vault key and a recovery key and wraps the vault key under both. */
export async function createVault(passphrase: string, cost: Readonly<KdfCost> = DEFAULT_KDF_COST, options: CreateVaultOptions = {}): Promise<CreatedVault> {
  const vaultId = options.vaultId ?? crypto.randomUUID();
  const kdf = newKdfParams(cost);
  const vaultKey = generateKey();
  const recoveryKey = generateRecoveryKey();
  const kek = await deriveKek(passphrase, kdf);
  try {
    const header: VaultHeader = {
      format: HEADER_FORMAT,
      version: HEADER_VERSION,
      vaultId,
      createdAt: options.now ?? Date.now(),
      kdf,
      wrappedByPassphrase: await wrapKey(kek, vaultKey, wrapAd(vaultId, kdf, 'kek')),
      wrappedByRecovery: await wrapKey(recoveryKey, vaultKey, wrapAd(vaultId, null, 'recovery')),
    };
    return { header, vaultKey, recoveryKit: formatRecoveryKit(recoveryKey) };
  } finally {
    wipe(kek, recoveryKey);
  }
}

/** Opens the vault key with the passphrase; VaultError('wrong-passphrase') otherwise. */
export async function unlockWithPassphrase(header: VaultHeader, passphrase: string): Promise<Uint8Array> {
  const kek = await deriveKek(passphrase, header.kdf);
  try {
    return await unwrapKey(kek, header.wrappedByPassphrase, wrapAd(header.vaultId, header.kdf, 'kek'));
  } catch (error) {
    // AEAD cannot tell a wrong key from an altered wrap; the header already
    // parsed, so by far the likeliest cause is the passphrase.
    throw translate(error, 'wrong-passphrase');
  } finally {
    wipe(kek);
  }
}

/**
 * Opens the vault key with the recovery kit. A typo is 'recovery-key-typo'
 * (thrown before any crypto); a well-formed kit of another vault is
 * 'wrong-recovery-key'.
 */
export async function unlockWithRecovery(header: VaultHeader, kit: string): Promise<Uint8Array> {
  const recoveryKey = parseRecoveryKit(kit);
  try {
    return await unwrapKey(recoveryKey, header.wrappedByRecovery, wrapAd(header.vaultId, null, 'recovery'));
  } catch (error) {
    throw translate(error, 'wrong-recovery-key');
  } finally {
    wipe(recoveryKey);
  }
}

/**
 * A new header whose passphrase wrap opens with `newPassphrase` (fresh salt;
 * `cost` defaults to the current one). Vault key and recovery wrap unchanged.
 *
 * `vaultKey` must be the key this header wraps (from an unlock of this
 * session); the header has no key-check value to verify that, so a wrong key
 * here would silently split the passphrase from the recovery kit.
 */
export async function changePassphrase(
  header: VaultHeader,
  vaultKey: Uint8Array,
  newPassphrase: string,
  cost: Readonly<KdfCost> = header.kdf,
): Promise<VaultHeader> {
  const kdf = newKdfParams({ opsLimit: cost.opsLimit, memLimitBytes: cost.memLimitBytes });
  const kek = await deriveKek(newPassphrase, kdf);
  try {
    const wrappedByPassphrase = await wrapKey(kek, vaultKey, wrapAd(header.vaultId, kdf, 'kek'));
    return { ...header, kdf, wrappedByPassphrase };
  } finally {
    wipe(kek);
  }
}

/** Forgotten passphrase: opens the vault with the kit and sets a new passphrase. */
export async function resetPassphraseWithRecovery(
  header: VaultHeader,
  kit: string,
  newPassphrase: string,
  cost: Readonly<KdfCost> = header.kdf,
): Promise<{ header: VaultHeader; vaultKey: Uint8Array }> {
  const vaultKey = await unlockWithRecovery(header, kit);
  try {
    return { header: await changePassphrase(header, vaultKey, newPassphrase, cost), vaultKey };
  } catch (error) {
    wipe(vaultKey);
    throw error;
  }
}

function translate(error: unknown, code: 'wrong-passphrase' | 'wrong-recovery-key'): unknown {
  return isVaultError(error, 'key-unwrap-failed') ? new VaultError(code, undefined, { cause: error }) : error;
}
