/**
 * The vault's life cycle: first run, unlock (passphrase, recovery kit, this
 * device), passphrase changes and locking. Framework-free: the zustand slice
 * drives it, Node tests run it with `directKeyOps` and fake-indexeddb.
 *
 * Keys live only in the returned `VaultSession`; locking wipes them.
 */
import { isVaultError, VaultError } from '../crypto/errors.ts';
import { HEADER_VERSION, parseHeader, serializeHeader, type VaultHeaderV2 } from '../crypto/header.ts';
import { fromBase64, toBase64 } from '../crypto/encoding.ts';
import { DEFAULT_KDF_COST, type KdfParams } from '../crypto/kdf.ts';
import { wipe } from '../crypto/keys.ts';
import { newEpoch, newerEpoch } from '../crypto/key-purposes.ts';
import { recoveryConfirmationChallenge } from '../crypto/recovery-key.ts';
import { getSodium } from '../crypto/sodium.ts';
import { assertRootMatches, buildHeaderV2, type EpochKey, rotatedHeader } from '../crypto/vault-keys.ts';
import { openEpochStore, sealEpochStore, wipeEpochStoreState } from '../store/epoch-store.ts';
import type { VaultKeyOps } from './key-ops.ts';
import type { MetaStore } from './meta-store.ts';
import type { MigrationInput } from './migrate-v2.ts';
import { failureMessage, recordFailure, remainingWait, NO_THROTTLE } from './unlock-throttle.ts';

export interface VaultSession {
  vaultId: string;
  /** The root key R (a version 1 vault's key), 32 bytes; wiped by `lock()`. */
  vaultKey: Uint8Array;
  /** The epoch the unlock opened from the header, checked; null when only R is known (this device's key). Consumed (wiped) by openWorkspace. */
  epoch?: EpochKey | null;
  /** A version 1 vault: what openWorkspace needs to migrate it (migrate-v2.ts). Its KEK is wiped there. */
  migration?: MigrationInput;
}

/** Wipes every key a session holds. */
export function wipeSession(session: VaultSession | null | undefined): void {
  if (!session) return;
  session.vaultKey.fill(0);
  session.epoch?.key.fill(0);
  session.migration?.kek.fill(0);
}

export type LoadedVault = { kind: 'absent' } | { kind: 'locked'; vaultId: string } | { kind: 'damaged'; message: string };

/** A vault created in memory, not yet saved: it is saved only once the person has confirmed the recovery kit. */
export interface PendingVault {
  headerJson: string;
  vaultId: string;
  vaultKey: Uint8Array;
  epoch: EpochKey;
  recoveryKit: string;
  /** 0-based indexes of the kit groups the person must type back. */
  challenge: number[];
}

export type UnlockOutcome = { ok: true; session: VaultSession } | { ok: false; code: string; message: string; waitMs: number };

/** The subset of `window.caravan.deviceKey` the service needs (injected for tests). */
export interface DeviceKeys {
  read(vaultId: string): Promise<string | null>;
}

export class VaultService {
  private readonly meta: MetaStore;
  private readonly ops: VaultKeyOps;
  private readonly now: () => number;

  constructor(meta: MetaStore, ops: VaultKeyOps, now: () => number = Date.now) {
    this.meta = meta;
    this.ops = ops;
    this.now = now;
  }

  /** Argon2id where the vault's own runs (its worker in the app), for passphrase bundles. */
  readonly passphraseKdf = (passphrase: string, params: KdfParams): Promise<Uint8Array> => this.ops.deriveKek(passphrase, params);

  async load(): Promise<LoadedVault> {
    const text = await this.meta.headerText();
    if (text === undefined) return { kind: 'absent' };
    try {
      return { kind: 'locked', vaultId: parseHeader(text).vaultId };
    } catch (error) {
      return { kind: 'damaged', message: isVaultError(error) ? error.message : 'The vault header could not be read.' };
    }
  }

  /** Expected duration of one key derivation here, for the progress bar. */
  async expectedKdfMillis(): Promise<number> {
    return (await this.meta.kdfMillis()) ?? 2000;
  }

  /** Measures this machine, then creates keys and a recovery kit in memory. Nothing is saved yet. */
  async prepare(passphrase: string, onStage: (stage: 'measuring' | 'deriving') => void = () => {}): Promise<PendingVault> {
    onStage('measuring');
    const calibration = await this.ops.calibrate(1000).catch(() => ({ cost: DEFAULT_KDF_COST, measuredMs: 2000 }));
    await this.meta.setKdfMillis(calibration.measuredMs);
    onStage('deriving');
    const created = await this.ops.create(passphrase, calibration.cost);
    const vaultId = parseHeader(created.headerJson).vaultId;
    return { ...created, vaultId, challenge: recoveryConfirmationChallenge(created.recoveryKit) };
  }

  /** Saves a prepared vault; from here on it exists on this device. */
  async commit(pending: PendingVault): Promise<VaultSession> {
    await this.meta.saveHeader(pending.headerJson);
    await this.meta.setThrottle(NO_THROTTLE);
    return { vaultId: pending.vaultId, vaultKey: pending.vaultKey, epoch: pending.epoch };
  }

  async unlock(passphrase: string): Promise<UnlockOutcome> {
    const text = await this.meta.headerText();
    if (text === undefined) return { ok: false, code: 'no-vault', message: 'There is no vault on this device yet.', waitMs: 0 };
    const throttle = await this.meta.throttle();
    const wait = remainingWait(throttle, this.now());
    if (wait > 0) return { ok: false, code: 'throttled', message: failureMessage(throttle, this.now()), waitMs: wait };
    const started = this.now();
    try {
      const header = parseHeader(text);
      const opened = await this.ops.unlock(text, passphrase);
      await this.meta.setKdfMillis(this.now() - started);
      if (header.version !== HEADER_VERSION && opened.kek) {
        return this.opened(text, opened.root, { migration: { header, kek: opened.kek, kdf: header.kdf, recoveryPublicKey: null } });
      }
      return this.opened(text, opened.root, { epoch: opened.epoch });
    } catch (error) {
      if (isVaultError(error, 'wrong-passphrase')) {
        const next = recordFailure(throttle, this.now());
        await this.meta.setThrottle(next);
        return { ok: false, code: 'wrong-passphrase', message: failureMessage(next, this.now()), waitMs: remainingWait(next, this.now()) };
      }
      return this.failure(error);
    }
  }

  /** Forgotten passphrase: the recovery kit opens the vault and a new passphrase replaces the old one. */
  async resetWithRecovery(kit: string, newPassphrase: string): Promise<UnlockOutcome> {
    const text = await this.meta.headerText();
    if (text === undefined) return { ok: false, code: 'no-vault', message: 'There is no vault on this device yet.', waitMs: 0 };
    try {
      const header = parseHeader(text);
      const { opened, kek, kdf } = await this.ops.resetWithRecovery(text, kit, newPassphrase);
      if (header.version !== HEADER_VERSION) {
        // The migration writes the version 2 header, with the new passphrase and recovery's public key.
        return this.opened(text, opened.root, { migration: { header, kek, kdf, recoveryPublicKey: opened.recoveryPublicKey } });
      }
      let epoch: EpochKey | null = null;
      try {
        // No key of the header's epoch here: a migrated vault's kit before its public key, on a device
        // without this vault's epoch store (a new one, the old lost). Nothing on a target is under an
        // epoch key yet (sync writes epoch 0, under R), so the next epoch loses nothing; refusing would
        // lock out the person the kit is for.
        epoch = (await this.newestEpoch(header.vaultId, opened.root, opened.epoch)) ?? newEpoch(header.epoch);
        const next = await buildHeaderV2({
          vaultId: header.vaultId,
          createdAt: header.createdAt,
          kdf,
          kek,
          root: opened.root,
          epoch,
          recoveryRoot: header.recovery.root,
          recoveryPublicKey: opened.recoveryPublicKey,
        });
        const nextText = serializeHeader(next);
        // First, so a crash between never leaves a pending header under the forgotten passphrase.
        await this.rewrapPendingRotation(next, opened.root, kek, kdf);
        await this.meta.saveHeader(nextText);
        return await this.opened(nextText, opened.root, { epoch });
      } catch (error) {
        // Refused after the kit opened (a store that does not open, a write that failed): nothing it opened is kept.
        wipe(opened.root, opened.epoch?.key, epoch?.key);
        throw error;
      } finally {
        kek.fill(0);
      }
    } catch (error) {
      return this.failure(error);
    }
  }

  /** Whether a typed recovery kit opens this vault (before it is split into shares); nothing is changed. */
  async checkRecoveryKit(kit: string): Promise<{ ok: true } | { ok: false; message: string }> {
    const text = await this.meta.headerText();
    if (text === undefined) return { ok: false, message: 'There is no vault on this device yet.' };
    try {
      const opened = await this.ops.unlockWithRecovery(text, kit);
      wipe(opened.root, opened.kek, opened.epoch?.key, opened.recoveryPublicKey);
      return { ok: true };
    } catch (error) {
      return { ok: false, message: isVaultError(error) ? error.message : 'The recovery kit could not be checked. Nothing was changed.' };
    }
  }

  /** The newer of the header's epoch (if the unlock opened it) and this device's store's current one. */
  private async newestEpoch(vaultId: string, root: Uint8Array, fromHeader: EpochKey | null): Promise<EpochKey | null> {
    const sealed = await this.meta.epochStore(vaultId);
    if (!sealed) return fromHeader;
    const state = await openEpochStore(root, vaultId, sealed);
    try {
      const stored = state.current;
      if (fromHeader && newerEpoch(fromHeader.epoch, stored.epoch) === fromHeader.epoch) return fromHeader;
      fromHeader?.key.fill(0);
      return { epoch: { ...stored.epoch }, key: stored.key.slice() };
    } finally {
      wipeEpochStoreState(state);
    }
  }

  /**
   * A rotation left pending carries a header under the passphrase of its day: finishing it after a
   * kit reset would bring that passphrase back and drop the new one. It is rewrapped under the new.
   */
  private async rewrapPendingRotation(header: VaultHeaderV2, root: Uint8Array, kek: Uint8Array, kdf: KdfParams): Promise<void> {
    const sealed = await this.meta.epochStore(header.vaultId);
    if (!sealed) return;
    const state = await openEpochStore(root, header.vaultId, sealed);
    try {
      if (!state.pending) return;
      state.pending.header = serializeHeader(await rotatedHeader(header, root, state.pending.epoch, kek, kdf));
      await this.meta.setEpochStore(header.vaultId, await sealEpochStore(root, header.vaultId, state));
    } finally {
      wipeEpochStoreState(state);
    }
  }

  /** "Unlock on this device": the key main keeps wrapped by the OS store, if any and if it still opens. */
  async unlockWithDevice(deviceKeys: DeviceKeys): Promise<UnlockOutcome> {
    const text = await this.meta.headerText();
    if (text === undefined) return { ok: false, code: 'no-vault', message: 'There is no vault on this device yet.', waitMs: 0 };
    try {
      const header = parseHeader(text);
      const stored = await deviceKeys.read(header.vaultId);
      const vaultKey = stored ? fromBase64(stored) : undefined;
      if (!vaultKey || vaultKey.length !== 32) {
        return { ok: false, code: 'device-key-missing', message: 'This device no longer holds a key for the vault. Unlock with your passphrase.', waitMs: 0 };
      }
      if (header.version !== HEADER_VERSION) {
        // A version 1 vault is migrated at unlock, which needs the passphrase (the new header wraps the epoch key under it).
        vaultKey.fill(0);
        return {
          ok: false,
          code: 'migration-needs-passphrase',
          message:
            'Caravan has a new way of keeping your vault’s keys. Unlock once with your passphrase to move to it; after that, this device unlocks as before.',
          waitMs: 0,
        };
      }
      // Verified before anything uses it: a wrong key from the OS store is refused, never written under.
      try {
        assertRootMatches(await getSodium(), header, vaultKey);
      } catch (error) {
        vaultKey.fill(0);
        throw error;
      }
      return this.opened(text, vaultKey, { epoch: null });
    } catch (error) {
      return this.failure(error);
    }
  }

  lock(session: VaultSession | null): void {
    wipeSession(session);
  }

  private async opened(headerJson: string, vaultKey: Uint8Array, extra: Pick<VaultSession, 'epoch' | 'migration'>): Promise<UnlockOutcome> {
    await this.meta.setThrottle(NO_THROTTLE);
    return { ok: true, session: { vaultId: parseHeader(headerJson).vaultId, vaultKey, ...extra } };
  }

  private failure(error: unknown): UnlockOutcome {
    if (isVaultError(error)) return { ok: false, code: error.code, message: error.message, waitMs: 0 };
    return { ok: false, code: 'internal', message: new VaultError('header-corrupt').message, waitMs: 0 };
  }
}

export function vaultKeyToBase64(session: VaultSession): string {
  return toBase64(session.vaultKey);
}
