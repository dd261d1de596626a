/**
 * Vault-level key operations: create, unlock (passphrase or recovery kit),
 * change or reset the passphrase. Pure async functions over a header value;
 * reading and writing `vault.json` is the caller's job.
 *
 * Header version 2 (docs/key-epochs.md): the root key R never changes; the
 * passphrase wraps the current epoch key E, E wraps R, and the recovery kit
 * opens R directly and E through a sealed box. Version 1 headers (one vault
 * key, which becomes R) are still opened; migrating them needs the store and
 * is vault/session/migrate-v2.ts's.
 */
import { toBase64 } from './encoding.ts';
import { isVaultError, VaultError } from './errors.ts';
import { DEFAULT_KDF_COST, deriveKek, type KdfCost, type KdfParams, newKdfParams } from './kdf.ts';
import { generateKey, unwrapKey, wipe, wrapAd, wrapAdV2, wrapKey } from './keys.ts';
import { deriveEpochKeys, epochCheck, type EpochRef, newEpoch, rootCheck, wipeEpochKeys } from './key-purposes.ts';
import { formatRecoveryKit, generateRecoveryKey, parseRecoveryKit } from './recovery-key.ts';
import { HEADER_FORMAT, HEADER_VERSION, type VaultHeader, type VaultHeaderV1, type VaultHeaderV2 } from './header.ts';
import { getSodium, type Sodium } from './sodium.ts';

/** An epoch and its key, as unlock returns it and the epoch store keeps it. */
export interface EpochKey {
  epoch: EpochRef;
  key: Uint8Array;
}

/** A new vault. Show `recoveryKit` once, then forget it. */
export interface CreatedVault {
  header: VaultHeaderV2;
  /** The 32-byte root key R (the "vault key"), for this session; wipe it on lock. */
  vaultKey: Uint8Array;
  /** The first epoch (n 1, parent '') and its key E. */
  epoch: EpochKey;
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

/** What an unlock opened. */
export interface OpenedKeys {
  /** R (a version 1 vault key). */
  root: Uint8Array;
  /** The header's epoch and E, checked; null for a version 1 header, or a migrated vault's kit before its public key exists. */
  epoch: EpochKey | null;
  /**
   * Version 1 passphrase unlock only: the KEK, so the migration can wrap E without a second
   * Argon2id. The caller wipes it once the version 2 header is written.
   */
  kek: Uint8Array | null;
  /** Kit unlocks only: the recovery public key, so a migrated vault gains `recovery.publicKey`. */
  recoveryPublicKey: Uint8Array | null;
}

/** Everything a version 2 header is built from. */
export interface HeaderParts {
  vaultId: string;
  createdAt: number;
  kdf: KdfParams;
  kek: Uint8Array;
  root: Uint8Array;
  epoch: EpochKey;
  /** R under the recovery key as it is (a migrated vault keeps its version 1 wrap). */
  recoveryRoot: Uint8Array;
  recoveryPublicKey: Uint8Array | null;
}

/** Wraps E under the KEK, R under E, seals E to the recovery public key, and adds both check values. */
export async function buildHeaderV2(parts: HeaderParts): Promise<VaultHeaderV2> {
  const sodium = await getSodium();
  const keys = deriveEpochKeys(sodium, parts.epoch.key, parts.epoch.epoch);
  try {
    const id = parts.epoch.epoch.id;
    const recovery: VaultHeaderV2['recovery'] = { root: parts.recoveryRoot.slice() };
    if (parts.recoveryPublicKey) {
      recovery.publicKey = parts.recoveryPublicKey.slice();
      recovery.sealed = sodium.crypto_box_seal(parts.epoch.key, parts.recoveryPublicKey);
    }
    return {
      format: HEADER_FORMAT,
      version: HEADER_VERSION,
      vaultId: parts.vaultId,
      createdAt: parts.createdAt,
      kdf: parts.kdf,
      epoch: { ...parts.epoch.epoch },
      epochCheck: epochCheck(sodium, keys, parts.vaultId),
      rootCheck: rootCheck(sodium, parts.root, parts.vaultId),
      wrappedByPassphrase: await wrapKey(parts.kek, parts.epoch.key, wrapAdV2(parts.vaultId, 'kek', parts.kdf, id)),
      wrappedRoot: await wrapKey(keys.rootWrap, parts.root, rootWrapAd(parts.vaultId, parts.epoch.epoch, parts.recoveryPublicKey)),
      recovery,
    };
  } finally {
    wipeEpochKeys(keys);
  }
}

/** Creates R, the first epoch key and a recovery key, and a version 2 header wrapping them. */
export async function createVault(passphrase: string, cost: Readonly<KdfCost> = DEFAULT_KDF_COST, options: CreateVaultOptions = {}): Promise<CreatedVault> {
  const vaultId = options.vaultId ?? crypto.randomUUID();
  const kdf = newKdfParams(cost);
  const root = generateKey();
  const epoch = newEpoch(null);
  const recoveryKey = generateRecoveryKey();
  const kek = await deriveKek(passphrase, kdf);
  try {
    const sodium = await getSodium();
    const header = await buildHeaderV2({
      vaultId,
      createdAt: options.now ?? Date.now(),
      kdf,
      kek,
      root,
      epoch,
      recoveryRoot: await wrapKey(recoveryKey, root, wrapAdV2(vaultId, 'recovery-root', null, null)),
      recoveryPublicKey: recoveryBoxKeyPair(sodium, recoveryKey).publicKey,
    });
    return { header, vaultKey: root, epoch, recoveryKit: formatRecoveryKit(recoveryKey) };
  } finally {
    wipe(kek, recoveryKey);
  }
}

/**
 * Opens a header with the passphrase: R and, for version 2, E (both checked against the header).
 * VaultError('wrong-passphrase') when the passphrase does not open it, 'key-check-failed' when what
 * opens does not match the header's check values (a forged or damaged header).
 */
export async function openWithPassphrase(header: VaultHeader, passphrase: string): Promise<OpenedKeys> {
  const kek = await deriveKek(passphrase, header.kdf);
  let keep = false;
  try {
    if (header.version !== HEADER_VERSION) {
      const root = await unwrapKey(kek, header.wrappedByPassphrase, wrapAd(header.vaultId, header.kdf, 'kek')).catch((e: unknown) => {
        // AEAD cannot tell a wrong key from an altered wrap; the header already parsed, so by far the likeliest cause is the passphrase.
        throw translate(e, 'wrong-passphrase');
      });
      keep = true;
      return { root, epoch: null, kek, recoveryPublicKey: null };
    }
    const key = await unwrapKey(kek, header.wrappedByPassphrase, wrapAdV2(header.vaultId, 'kek', header.kdf, header.epoch.id)).catch((e: unknown) => {
      throw translate(e, 'wrong-passphrase');
    });
    const epoch = { epoch: { ...header.epoch }, key };
    try {
      return { root: await openRootWithEpoch(header, epoch), epoch, kek: null, recoveryPublicKey: null };
    } catch (error) {
      // Refused by a check value: the key that opened is not used, and not kept.
      wipe(key);
      throw error;
    }
  } finally {
    if (!keep) wipe(kek);
  }
}

/** Opens the vault key (R) with the passphrase; VaultError('wrong-passphrase') otherwise. */
export async function unlockWithPassphrase(header: VaultHeader, passphrase: string): Promise<Uint8Array> {
  const opened = await openWithPassphrase(header, passphrase);
  wipe(opened.kek, opened.epoch?.key);
  return opened.root;
}

/**
 * Checks E against the header (`epochCheck`), opens R from `wrappedRoot` and checks it
 * (`rootCheck`). Anything that does not match is 'key-check-failed'; nothing is used before.
 */
export async function openRootWithEpoch(header: VaultHeaderV2, epoch: EpochKey): Promise<Uint8Array> {
  const sodium = await getSodium();
  const keys = deriveEpochKeys(sodium, epoch.key, header.epoch);
  try {
    if (!sameBytes(sodium, epochCheck(sodium, keys, header.vaultId), header.epochCheck)) {
      throw new VaultError('key-check-failed', 'the epoch key does not match the header');
    }
    const ad = rootWrapAd(header.vaultId, header.epoch, header.recovery.publicKey ?? null);
    const root = await unwrapKey(keys.rootWrap, header.wrappedRoot, ad).catch((cause: unknown) => {
      throw new VaultError('key-check-failed', 'the root key does not open with the epoch key', { cause });
    });
    try {
      assertRootMatches(sodium, header, root);
    } catch (error) {
      wipe(root);
      throw error;
    }
    return root;
  } finally {
    wipeEpochKeys(keys);
  }
}

/** Refuses an R that is not this vault's (e.g. from "unlock on this device"): 'key-check-failed'. */
export function assertRootMatches(sodium: Sodium, header: VaultHeaderV2, root: Uint8Array): void {
  if (root.length !== 32 || !sameBytes(sodium, rootCheck(sodium, root, header.vaultId), header.rootCheck)) {
    throw new VaultError('key-check-failed', 'the root key does not match this vault');
  }
}

/**
 * Opens a header with the recovery kit. A typo is 'recovery-key-typo' (thrown before any crypto);
 * a well-formed kit of another vault is 'wrong-recovery-key'. For version 2 it opens E from
 * `recovery.sealed` when the header has it, and accepts E only if `epochCheck` matches and
 * `wrappedRoot` under E opens to the same R.
 */
export async function openWithRecovery(header: VaultHeader, kit: string): Promise<OpenedKeys> {
  const recoveryKey = parseRecoveryKit(kit);
  try {
    const sodium = await getSodium();
    const box = recoveryBoxKeyPair(sodium, recoveryKey);
    const recoveryPublicKey = box.publicKey;
    if (header.version !== HEADER_VERSION) {
      const root = await unwrapKey(recoveryKey, header.wrappedByRecovery, wrapAd(header.vaultId, null, 'recovery')).catch((e: unknown) => {
        throw translate(e, 'wrong-recovery-key');
      });
      wipe(box.privateKey);
      return { root, epoch: null, kek: null, recoveryPublicKey };
    }
    const root = await openRecoveryRoot(header, recoveryKey);
    let key: Uint8Array | undefined;
    try {
      assertRootMatches(sodium, header, root);
      if (!header.recovery.sealed || !header.recovery.publicKey) return { root, epoch: null, kek: null, recoveryPublicKey };
      if (!sameBytes(sodium, header.recovery.publicKey, recoveryPublicKey))
        throw new VaultError('key-check-failed', 'the recovery public key is not this kit’s');
      try {
        key = sodium.crypto_box_seal_open(header.recovery.sealed, box.publicKey, box.privateKey);
      } catch (cause) {
        throw new VaultError('key-check-failed', 'the sealed epoch key does not open with this kit', { cause });
      }
      const epoch = { epoch: { ...header.epoch }, key };
      const again = await openRootWithEpoch(header, epoch);
      const same = sameBytes(sodium, again, root);
      wipe(again);
      if (!same) throw new VaultError('key-check-failed', 'the epoch key wraps another root key');
      return { root, epoch, kek: null, recoveryPublicKey };
    } catch (error) {
      // The sealed E too: a header whose check values do not match keeps nothing it opened.
      wipe(root, key);
      throw error;
    } finally {
      wipe(box.privateKey);
    }
  } finally {
    wipe(recoveryKey);
  }
}

/** Opens the vault key (R) with the recovery kit. */
export async function unlockWithRecovery(header: VaultHeader, kit: string): Promise<Uint8Array> {
  const opened = await openWithRecovery(header, kit);
  wipe(opened.epoch?.key);
  return opened.root;
}

/** R under the recovery key: a new vault's wrap (version 2 AD) or a migrated one's (its version 1 wrap, unchanged). */
async function openRecoveryRoot(header: VaultHeaderV2, recoveryKey: Uint8Array): Promise<Uint8Array> {
  try {
    return await unwrapKey(recoveryKey, header.recovery.root, wrapAdV2(header.vaultId, 'recovery-root', null, null));
  } catch (error) {
    if (!isVaultError(error, 'key-unwrap-failed')) throw error;
  }
  return unwrapKey(recoveryKey, header.recovery.root, wrapAd(header.vaultId, null, 'recovery')).catch((e: unknown) => {
    throw translate(e, 'wrong-recovery-key');
  });
}

/** The recovery kit's X25519 key pair: E is sealed to it at every rotation, so recovery needs no kit to stay current. */
export function recoveryBoxKeyPair(sodium: Sodium, recoveryKey: Uint8Array): { publicKey: Uint8Array; privateKey: Uint8Array } {
  const seed = sodium.crypto_generichash(32, 'caravan-recovery-box', recoveryKey);
  try {
    const pair = sodium.crypto_box_seed_keypair(seed);
    return { publicKey: pair.publicKey, privateKey: pair.privateKey };
  } finally {
    wipe(seed);
  }
}

/**
 * A version 2 header for a new epoch (a rotation, or a passphrase change, which rotates): E'
 * wrapped under the KEK of `kek`/`kdf`, R under E', E' sealed to the recovery public key when the
 * header has one. R and the recovery wrap of R are unchanged.
 */
export function rotatedHeader(header: VaultHeaderV2, root: Uint8Array, next: EpochKey, kek: Uint8Array, kdf: KdfParams): Promise<VaultHeaderV2> {
  return buildHeaderV2({
    vaultId: header.vaultId,
    createdAt: header.createdAt,
    kdf,
    kek,
    root,
    epoch: next,
    recoveryRoot: header.recovery.root,
    recoveryPublicKey: header.recovery.publicKey ?? null,
  });
}

/** The same header with the recovery public key and E sealed to it (a migrated vault whose kit was typed). */
export async function withRecoveryPublicKey(header: VaultHeaderV2, epoch: EpochKey, publicKey: Uint8Array, root: Uint8Array): Promise<VaultHeaderV2> {
  const sodium = await getSodium();
  const keys = deriveEpochKeys(sodium, epoch.key, header.epoch);
  try {
    // R is wrapped again: its associated data binds the recovery public key (rootWrapAd).
    const wrappedRoot = await wrapKey(keys.rootWrap, root, rootWrapAd(header.vaultId, header.epoch, publicKey));
    return {
      ...header,
      wrappedRoot,
      recovery: { root: header.recovery.root, publicKey: publicKey.slice(), sealed: sodium.crypto_box_seal(epoch.key, publicKey) },
    };
  } finally {
    wipeEpochKeys(keys);
  }
}

/**
 * Associated data of `wrappedRoot`: the version 2 wrap's, plus the epoch's generation and parent
 * and the recovery public key (or null). Only a holder of E can write a `wrappedRoot`, so a header
 * whose recovery key, generation or parent someone else changed (a storage provider planting its
 * own key, to be sealed the next epoch at the next rotation) no longer opens: 'key-check-failed'.
 */
export function rootWrapAd(vaultId: string, epoch: EpochRef, recoveryPublicKey: Uint8Array | null): string {
  const base = JSON.parse(wrapAdV2(vaultId, 'root', null, epoch.id)) as unknown[];
  return JSON.stringify([...base, epoch.n, epoch.parent, recoveryPublicKey === null ? null : toBase64(recoveryPublicKey)]);
}

/**
 * Version 1 only: a new header whose passphrase wrap opens with `newPassphrase`. Version 2
 * changes the passphrase by rotating (rotatedHeader), which needs the store.
 */
export async function changePassphrase(
  header: VaultHeaderV1,
  vaultKey: Uint8Array,
  newPassphrase: string,
  cost: Readonly<KdfCost> = header.kdf,
): Promise<VaultHeaderV1> {
  const kdf = newKdfParams({ opsLimit: cost.opsLimit, memLimitBytes: cost.memLimitBytes });
  const kek = await deriveKek(newPassphrase, kdf);
  try {
    const wrappedByPassphrase = await wrapKey(kek, vaultKey, wrapAd(header.vaultId, kdf, 'kek'));
    return { ...header, kdf, wrappedByPassphrase };
  } finally {
    wipe(kek);
  }
}

function sameBytes(sodium: Sodium, a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && sodium.memcmp(a, b);
}

function translate(error: unknown, code: 'wrong-passphrase' | 'wrong-recovery-key'): unknown {
  return isVaultError(error, 'key-unwrap-failed') ? new VaultError(code, undefined, { cause: error }) : error;
}
