/**
 * The two workflows of recovery shares, below the screens: split a recovery kit (checked against
 * this vault first, so nobody hands out shares of a kit that opens nothing), and recover with
 * shares (put together into the recovery key, then the kit's own unlock path sets the new
 * passphrase). Outcomes are values with messages a person can act on.
 */
import { VaultError } from '../crypto/errors.ts';
import { formatRecoveryKit, parseRecoveryKit } from '../crypto/recovery-key.ts';
import { combineRecoveryShares } from '../crypto/recovery-share-set.ts';
import { RecoveryShareError, splitRecoveryKey, type RecoveryShare } from '../crypto/recovery-shares.ts';
import type { UnlockOutcome } from './vault-service.ts';

/** What the workflows need from the vault service (injected for tests). */
export interface ShareVault {
  checkRecoveryKit(kit: string): Promise<{ ok: true } | { ok: false; message: string }>;
  resetWithRecovery(kit: string, newPassphrase: string): Promise<UnlockOutcome>;
}

export type SplitOutcome = { ok: true; shares: RecoveryShare[] } | { ok: false; message: string };

export interface SplitRequest {
  kit: string;
  vaultId: string;
  threshold: number;
  total: number;
  /** A kit Caravan has just made (first run) needs no check against a saved vault; one a person typed does. */
  kitFrom: 'typed' | 'new-vault';
}

/** Splits the recovery kit into `total` shares, any `threshold` of which recover the vault. */
export async function splitKit(vault: ShareVault, request: SplitRequest): Promise<SplitOutcome> {
  if (request.kitFrom === 'typed') {
    const checked = await vault.checkRecoveryKit(request.kit);
    if (!checked.ok) return checked;
  }
  let key: Uint8Array;
  try {
    key = parseRecoveryKit(request.kit);
  } catch (error) {
    return { ok: false, message: error instanceof VaultError ? error.message : 'The recovery kit could not be read.' };
  }
  try {
    return { ok: true, shares: await splitRecoveryKey(key, request.vaultId, request.threshold, request.total) };
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, message: 'Choose how many shares to make (2 to 10) and how many are needed (2 up to that number).' };
    throw error;
  } finally {
    key.fill(0);
  }
}

/**
 * Forgotten passphrase, with shares: any k of them make the recovery key, which opens the vault
 * and sets `newPassphrase` exactly as a typed kit does.
 */
export async function recoverWithShares(vault: ShareVault, texts: readonly string[], vaultId: string, newPassphrase: string): Promise<UnlockOutcome> {
  let kit: string;
  try {
    const key = await combineRecoveryShares(texts, vaultId);
    kit = formatRecoveryKit(key);
    key.fill(0);
  } catch (error) {
    if (error instanceof RecoveryShareError) return { ok: false, code: error.code, message: error.message, waitMs: 0 };
    throw error;
  }
  const outcome = await vault.resetWithRecovery(kit, newPassphrase);
  if (!outcome.ok && outcome.code === 'wrong-recovery-key') {
    // The shares fitted together, so the Shamir step ran; only the vault can say the result is wrong.
    return {
      ok: false,
      code: 'shares-wrong-key',
      message: 'These shares fit together but do not open this vault: one of them was altered. If you have another share, try it in place of one of these.',
      waitMs: 0,
    };
  }
  return outcome;
}
