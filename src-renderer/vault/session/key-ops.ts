/**
 * The slow key operations (every one runs Argon2id or may), behind one
 * interface so the app can run them in a Web Worker and Node tests can run
 * them directly. Headers travel as JSON text; keys as bytes.
 */
import type { KdfCalibration, KdfCost } from '../crypto/kdf.ts';
import { calibrateKdf, deriveKek, type KdfParams, newKdfParams } from '../crypto/kdf.ts';
import { parseHeader, serializeHeader } from '../crypto/header.ts';
import { createVault, type EpochKey, openWithPassphrase, openWithRecovery, type OpenedKeys } from '../crypto/vault-keys.ts';

export interface VaultKeyOps {
  calibrate(targetMs: number): Promise<KdfCalibration>;
  /** A version 2 vault: its header, R (`vaultKey`), the first epoch and the kit to show once. */
  create(passphrase: string, cost: KdfCost): Promise<{ headerJson: string; vaultKey: Uint8Array; epoch: EpochKey; recoveryKit: string }>;
  /** R and (version 2) the header's epoch key, checked; for version 1 also the KEK, for the migration. */
  unlock(headerJson: string, passphrase: string): Promise<OpenedKeys>;
  unlockWithRecovery(headerJson: string, kit: string): Promise<OpenedKeys>;
  /**
   * Forgotten passphrase: opens with the kit and derives a KEK for `newPassphrase` (fresh salt,
   * same cost). The page builds the new header: it may need this device's epoch store.
   */
  resetWithRecovery(headerJson: string, kit: string, newPassphrase: string): Promise<{ opened: OpenedKeys; kek: Uint8Array; kdf: KdfParams }>;
  /** Argon2id alone, for passphrase-protected bundles and for rotations (the cost is checked as for a vault). */
  deriveKek(passphrase: string, params: KdfParams): Promise<Uint8Array>;
}

/** Runs the operations on the calling thread (Node tests, and the worker itself). */
export const directKeyOps: VaultKeyOps = {
  calibrate: (targetMs) => calibrateKdf(targetMs),
  deriveKek: (passphrase, params) => deriveKek(passphrase, params),
  async create(passphrase, cost) {
    const created = await createVault(passphrase, cost);
    return { headerJson: serializeHeader(created.header), vaultKey: created.vaultKey, epoch: created.epoch, recoveryKit: created.recoveryKit };
  },
  unlock: (headerJson, passphrase) => openWithPassphrase(parseHeader(headerJson), passphrase),
  unlockWithRecovery: (headerJson, kit) => openWithRecovery(parseHeader(headerJson), kit),
  async resetWithRecovery(headerJson, kit, newPassphrase) {
    const header = parseHeader(headerJson);
    const opened = await openWithRecovery(header, kit);
    const kdf = newKdfParams({ opsLimit: header.kdf.opsLimit, memLimitBytes: header.kdf.memLimitBytes });
    return { opened, kek: await deriveKek(newPassphrase, kdf), kdf };
  },
};
