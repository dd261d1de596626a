/**
 * The slow key operations (every one runs Argon2id or may), behind one
 * interface so the app can run them in a Web Worker and Node tests can run
 * them directly. Headers travel as JSON text; keys as bytes.
 */
import type { KdfCalibration, KdfCost } from '../crypto/kdf.ts';
import { calibrateKdf, deriveKek, type KdfParams } from '../crypto/kdf.ts';
import { parseHeader, serializeHeader } from '../crypto/header.ts';
import { changePassphrase, createVault, resetPassphraseWithRecovery, unlockWithPassphrase, unlockWithRecovery } from '../crypto/vault-keys.ts';

export interface VaultKeyOps {
  calibrate(targetMs: number): Promise<KdfCalibration>;
  create(passphrase: string, cost: KdfCost): Promise<{ headerJson: string; vaultKey: Uint8Array; recoveryKit: string }>;
  unlock(headerJson: string, passphrase: string): Promise<Uint8Array>;
  unlockWithRecovery(headerJson: string, kit: string): Promise<Uint8Array>;
  changePassphrase(headerJson: string, currentPassphrase: string, newPassphrase: string): Promise<{ headerJson: string }>;
  resetWithRecovery(headerJson: string, kit: string, newPassphrase: string): Promise<{ headerJson: string; vaultKey: Uint8Array }>;
  /** Argon2id alone, for passphrase-protected bundles (the cost is checked as for a vault). */
  deriveKek(passphrase: string, params: KdfParams): Promise<Uint8Array>;
}

/** Runs the operations on the calling thread (Node tests, and the worker itself). */
export const directKeyOps: VaultKeyOps = {
  calibrate: (targetMs) => calibrateKdf(targetMs),
  deriveKek: (passphrase, params) => deriveKek(passphrase, params),
  async create(passphrase, cost) {
    const created = await createVault(passphrase, cost);
    return { headerJson: serializeHeader(created.header), vaultKey: created.vaultKey, recoveryKit: created.recoveryKit };
  },
  unlock: (headerJson, passphrase) => unlockWithPassphrase(parseHeader(headerJson), passphrase),
  unlockWithRecovery: (headerJson, kit) => unlockWithRecovery(parseHeader(headerJson), kit),
  async changePassphrase(headerJson, currentPassphrase, newPassphrase) {
    const header = parseHeader(headerJson);
    // Re-open with the current passphrase first: the header has no key-check
    // value, so this is what proves the key we re-wrap is this vault's.
    const vaultKey = await unlockWithPassphrase(header, currentPassphrase);
    try {
      return { headerJson: serializeHeader(await changePassphrase(header, vaultKey, newPassphrase)) };
    } finally {
      vaultKey.fill(0);
    }
  },
  async resetWithRecovery(headerJson, kit, newPassphrase) {
    const reset = await resetPassphraseWithRecovery(parseHeader(headerJson), kit, newPassphrase);
    return { headerJson: serializeHeader(reset.header), vaultKey: reset.vaultKey };
  },
};
