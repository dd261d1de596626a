/**
 * The header side of a rotation and of the recovery upgrade, for the key ring: both read the local
 * header, need a secret the person types (the passphrase, or the kit once), and store what they
 * make before anything depends on it. Rotation is stored as pending (key-ring.ts completes it);
 * the recovery upgrade replaces the header at once (it adds a way in, it changes no key).
 */
import { toBase64 } from '../crypto/encoding.ts';
import { isVaultError, VaultError } from '../crypto/errors.ts';
import { HEADER_VERSION, parseHeader, serializeHeader, type VaultHeaderV2 } from '../crypto/header.ts';
import { newKdfParams } from '../crypto/kdf.ts';
import { unwrapKey, wipe, wrapAd, wrapAdV2 } from '../crypto/keys.ts';
import { type EpochRef, newEpoch } from '../crypto/key-purposes.ts';
import { parseRecoveryKit } from '../crypto/recovery-key.ts';
import { getSodium } from '../crypto/sodium.ts';
import { recoveryBoxKeyPair, rotatedHeader, withRecoveryPublicKey } from '../crypto/vault-keys.ts';
import type { VaultKeyRing } from './key-ring.ts';

/** The local header, which must be version 2 (every unlock migrates a version 1 one). */
async function localHeader(ring: VaultKeyRing): Promise<VaultHeaderV2> {
  const text = await ring.epochHost().headerText();
  if (text === undefined) throw new VaultError('header-truncated', 'there is no vault header on this device');
  const header = parseHeader(text);
  if (header.version !== HEADER_VERSION || header.vaultId !== ring.vaultId)
    throw new VaultError('header-corrupt', 'the header on this device is not this vault’s current one');
  return header;
}

/** See VaultKeyRing.beginRotation. */
export async function beginRotation(ring: VaultKeyRing, passphrase: string, options: { newPassphrase?: string }): Promise<EpochRef> {
  const host = ring.epochHost();
  const header = await localHeader(ring);
  const kek = await host.deriveKek(passphrase, header.kdf);
  let newKek: Uint8Array | null = null;
  try {
    // The passphrase is proved against the header before anything is made with it.
    const opened = await unwrapKey(kek, header.wrappedByPassphrase, wrapAdV2(header.vaultId, 'kek', header.kdf, header.epoch.id)).catch((error: unknown) => {
      throw isVaultError(error, 'key-unwrap-failed') ? new VaultError('wrong-passphrase', undefined, { cause: error }) : error;
    });
    wipe(opened);
    let kdf = header.kdf;
    if (options.newPassphrase !== undefined) {
      kdf = newKdfParams({ opsLimit: header.kdf.opsLimit, memLimitBytes: header.kdf.memLimitBytes });
      newKek = await host.deriveKek(options.newPassphrase, kdf);
    }
    const pending = ring.pendingRotation();
    const next = pending ? { epoch: pending.epoch, key: pending.key.slice() } : newEpoch(ring.currentEpoch().epoch);
    try {
      const rotated = await rotatedHeader(header, ring.rootKey(), next, newKek ?? kek, kdf);
      await ring.storePending({ epoch: next, header: serializeHeader(rotated) });
      return { ...next.epoch };
    } finally {
      wipe(next.key);
    }
  } finally {
    wipe(kek, newKek);
  }
}

/**
 * True when the pending rotation's header is under another passphrase than the local header (it
 * was made by a passphrase change that did not finish): putting it in use changes the passphrase.
 */
export async function pendingChangesPassphrase(ring: VaultKeyRing): Promise<boolean> {
  const pending = ring.pendingRotation();
  if (!pending) return false;
  const header = await localHeader(ring);
  const next = parseHeader(pending.headerText);
  return toBase64(next.kdf.salt) !== toBase64(header.kdf.salt);
}

/** True when the local header has no recovery public key: the kit then opens only R and what this device stores. */
export async function needsRecoveryUpgrade(ring: VaultKeyRing): Promise<boolean> {
  const header = await localHeader(ring);
  return header.recovery.publicKey === undefined;
}

/**
 * Typing the kit once on a migrated vault: checks that it opens this vault's R, then adds the
 * recovery public key and the current epoch key sealed to it to the local header (and to a
 * pending rotation's header), so recovery keeps working across rotations.
 * 'recovery-key-typo' / 'wrong-recovery-key' as for unlocking.
 */
export async function addRecoveryPublicKey(ring: VaultKeyRing, kit: string): Promise<void> {
  const header = await localHeader(ring);
  const recoveryKey = parseRecoveryKit(kit);
  try {
    const sodium = await getSodium();
    const root = await unwrapKey(recoveryKey, header.recovery.root, wrapAd(header.vaultId, null, 'recovery'))
      .catch(() => unwrapKey(recoveryKey, header.recovery.root, wrapAdV2(header.vaultId, 'recovery-root', null, null)))
      .catch((error: unknown) => {
        throw isVaultError(error, 'key-unwrap-failed') ? new VaultError('wrong-recovery-key', undefined, { cause: error }) : error;
      });
    const same = sodium.memcmp(root, ring.rootKey());
    wipe(root);
    if (!same) throw new VaultError('wrong-recovery-key');
    const box = recoveryBoxKeyPair(sodium, recoveryKey);
    wipe(box.privateKey);
    const current = ring.currentEpoch();
    if (current.epoch.id !== header.epoch.id) {
      throw new VaultError('key-check-failed', 'this device’s header is behind its current key; sync once, then type the kit again');
    }
    const host = ring.epochHost();
    await host.saveHeader(serializeHeader(await withRecoveryPublicKey(header, { epoch: current.epoch, key: current.key }, box.publicKey, ring.rootKey())));
    const pending = ring.pendingRotation();
    if (pending) {
      const pendingHeader = parseHeader(pending.headerText);
      if (pendingHeader.version === HEADER_VERSION) {
        const upgraded = await withRecoveryPublicKey(pendingHeader, { epoch: pending.epoch, key: pending.key }, box.publicKey, ring.rootKey());
        await ring.storePending({ epoch: { epoch: pending.epoch, key: pending.key }, header: serializeHeader(upgraded) });
      }
    }
  } finally {
    wipe(recoveryKey);
  }
}
