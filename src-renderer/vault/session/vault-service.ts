/**
 * The vault's life cycle: first run, unlock (passphrase, recovery kit, this
 * device), passphrase changes and locking. Framework-free: the zustand slice
 * drives it, Node tests run it with `directKeyOps` and fake-indexeddb.
 *
 * Keys live only in the returned `VaultSession`; locking wipes them.
 */
import { isVaultError, VaultError } from '../crypto/errors.ts';
import { parseHeader } from '../crypto/header.ts';
import { fromBase64, toBase64 } from '../crypto/encoding.ts';
import { DEFAULT_KDF_COST, type KdfParams } from '../crypto/kdf.ts';
import { recoveryConfirmationChallenge } from '../crypto/recovery-key.ts';
import type { VaultKeyOps } from './key-ops.ts';
import type { MetaStore } from './meta-store.ts';
import { failureMessage, recordFailure, remainingWait, NO_THROTTLE } from './unlock-throttle.ts';

export interface VaultSession {
  vaultId: string;
  /** 32 bytes; wiped by `lock()`. */
  vaultKey: Uint8Array;
}

export type LoadedVault = { kind: 'absent' } | { kind: 'locked'; vaultId: string } | { kind: 'damaged'; message: string };

/** A vault created in memory, not yet saved: it is saved only once the person has confirmed the recovery kit. */
export interface PendingVault {
  headerJson: string;
  vaultId: string;
  vaultKey: Uint8Array;
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
    return { vaultId: pending.vaultId, vaultKey: pending.vaultKey };
  }

  async unlock(passphrase: string): Promise<UnlockOutcome> {
    const text = await this.meta.headerText();
    if (text === undefined) return { ok: false, code: 'no-vault', message: 'There is no vault on this device yet.', waitMs: 0 };
    const throttle = await this.meta.throttle();
    const wait = remainingWait(throttle, this.now());
    if (wait > 0) return { ok: false, code: 'throttled', message: failureMessage(throttle, this.now()), waitMs: wait };
    const started = this.now();
    try {
      const vaultKey = await this.ops.unlock(text, passphrase);
      await this.meta.setKdfMillis(this.now() - started);
      return this.opened(text, vaultKey);
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
      const reset = await this.ops.resetWithRecovery(text, kit, newPassphrase);
      await this.meta.saveHeader(reset.headerJson);
      return this.opened(reset.headerJson, reset.vaultKey);
    } catch (error) {
      return this.failure(error);
    }
  }

  /** Whether a typed recovery kit opens this vault (before it is split into shares); nothing is changed. */
  async checkRecoveryKit(kit: string): Promise<{ ok: true } | { ok: false; message: string }> {
    const text = await this.meta.headerText();
    if (text === undefined) return { ok: false, message: 'There is no vault on this device yet.' };
    try {
      (await this.ops.unlockWithRecovery(text, kit)).fill(0);
      return { ok: true };
    } catch (error) {
      return { ok: false, message: isVaultError(error) ? error.message : 'The recovery kit could not be checked. Nothing was changed.' };
    }
  }

  /** "Unlock on this device": the key main keeps wrapped by the OS store, if any and if it still opens. */
  async unlockWithDevice(deviceKeys: DeviceKeys): Promise<UnlockOutcome> {
    const text = await this.meta.headerText();
    if (text === undefined) return { ok: false, code: 'no-vault', message: 'There is no vault on this device yet.', waitMs: 0 };
    const vaultId = parseHeader(text).vaultId;
    const stored = await deviceKeys.read(vaultId);
    const vaultKey = stored ? fromBase64(stored) : undefined;
    if (!vaultKey || vaultKey.length !== 32) {
      return { ok: false, code: 'device-key-missing', message: 'This device no longer holds a key for the vault. Unlock with your passphrase.', waitMs: 0 };
    }
    return this.opened(text, vaultKey);
  }

  /** Re-opens with the current passphrase (proving the key), then re-wraps the vault key under the new one. */
  async changePassphrase(current: string, next: string): Promise<{ ok: true } | { ok: false; message: string }> {
    const text = await this.meta.headerText();
    if (text === undefined) return { ok: false, message: 'There is no vault on this device yet.' };
    try {
      const changed = await this.ops.changePassphrase(text, current, next);
      await this.meta.saveHeader(changed.headerJson);
      return { ok: true };
    } catch (error) {
      if (isVaultError(error, 'wrong-passphrase')) return { ok: false, message: 'The current passphrase is not right. Nothing was changed.' };
      return { ok: false, message: isVaultError(error) ? error.message : 'The passphrase could not be changed. Nothing was changed.' };
    }
  }

  lock(session: VaultSession | null): void {
    session?.vaultKey.fill(0);
  }

  private async opened(headerJson: string, vaultKey: Uint8Array): Promise<UnlockOutcome> {
    await this.meta.setThrottle(NO_THROTTLE);
    return { ok: true, session: { vaultId: parseHeader(headerJson).vaultId, vaultKey } };
  }

  private failure(error: unknown): UnlockOutcome {
    if (isVaultError(error)) return { ok: false, code: error.code, message: error.message, waitMs: 0 };
    return { ok: false, code: 'internal', message: new VaultError('header-corrupt').message, waitMs: 0 };
  }
}

export function vaultKeyToBase64(session: VaultSession): string {
  return toBase64(session.vaultKey);
}
