/**
 * Settings → Security's key workflows, below the UI (STYLE 14): rotate now, change the passphrase
 * (which rotates), finish a rotation left pending, and type the recovery kit once on a migrated
 * vault. Each takes the open workspace and returns an outcome in words; each stores what it made
 * before anything depends on it (key-ring.ts), so a failure leaves the previous key current.
 *
 * Until sync learns epochs (branch s11-sync), a rotation is completed here, on this device: its new
 * key encrypts what this device writes from now on, and sync publishes it at its next round.
 */
import { isVaultError } from '../crypto/errors.ts';
import type { EpochRef } from '../crypto/key-purposes.ts';
import { addRecoveryPublicKey, needsRecoveryUpgrade, pendingChangesPassphrase } from '../store/key-ring-rotation.ts';
import type { Workspace } from './workspace.ts';

/** What Settings → Security shows about the keys. */
export interface KeyStatus {
  /** The current key generation (n) and when this device made or adopted it, UTC ms. */
  generation: number;
  since: number;
  /** A rotation that was started and not finished (a crash, or sync has not published it yet). */
  pending: EpochRef | null;
  /** The pending rotation came from a passphrase change: putting it in use also sets that new passphrase. */
  pendingSetsPassphrase: boolean;
  /** A migrated vault whose header has no recovery public key: the kit should be typed once. */
  recoveryNeedsKit: boolean;
}

export type KeyActionOutcome = { ok: true; generation: number } | { ok: false; message: string };

export async function keyStatus(workspace: Workspace): Promise<KeyStatus> {
  const ring = workspace.keyRing;
  return {
    generation: ring.currentEpoch().epoch.n,
    since: ring.currentEpochSince(),
    pending: ring.pendingRotation()?.epoch ?? null,
    pendingSetsPassphrase: await pendingChangesPassphrase(ring),
    recoveryNeedsKit: await needsRecoveryUpgrade(ring),
  };
}

/** "Rotate keys now": a new epoch key, wrapped under the same passphrase, made current on this device. */
export function rotateNow(workspace: Workspace, passphrase: string): Promise<KeyActionOutcome> {
  return rotate(workspace, passphrase, undefined);
}

/** A passphrase change is a rotation: the new passphrase wraps only the new epoch key. */
export function changePassphraseAndRotate(workspace: Workspace, current: string, next: string): Promise<KeyActionOutcome> {
  return rotate(workspace, current, next);
}

/** Finishes a rotation stored as pending (after a crash), with nothing more to type. */
export async function finishPendingRotation(workspace: Workspace): Promise<KeyActionOutcome> {
  try {
    await workspace.keyRing.completeRotation(workspace.ctx.db);
    return { ok: true, generation: workspace.keyRing.currentEpoch().epoch.n };
  } catch (error) {
    return { ok: false, message: failure(error, 'The new key could not be put in use. The current key stays in use; try again.') };
  }
}

/** Types the recovery kit once so recovery follows every later rotation without it. */
export async function addRecoveryKit(workspace: Workspace, kit: string): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    await addRecoveryPublicKey(workspace.keyRing, kit);
    return { ok: true };
  } catch (error) {
    return { ok: false, message: failure(error, 'The recovery kit could not be added. Nothing was changed.') };
  }
}

async function rotate(workspace: Workspace, passphrase: string, newPassphrase: string | undefined): Promise<KeyActionOutcome> {
  const ring = workspace.keyRing;
  try {
    await ring.beginRotation(workspace.ctx.db, passphrase, newPassphrase === undefined ? {} : { newPassphrase });
  } catch (error) {
    if (isVaultError(error, 'wrong-passphrase')) return { ok: false, message: 'The passphrase is not right. Nothing was changed.' };
    return { ok: false, message: failure(error, 'The new key could not be made. Nothing was changed.') };
  }
  return finishPendingRotation(workspace);
}

function failure(error: unknown, fallback: string): string {
  return isVaultError(error) ? error.message : fallback;
}
