/**
 * A new device joining a vault from a sync target: the target the person
 * pointed at, kept in memory between reading the vault header from it and
 * unlocking (it is added as a target, and synced from, once the vault opens).
 * Never stored: if the window closes before unlocking, the person starts again.
 */
import type { NewTargetInput, CredentialsInput } from '../../src-preload/contract/index.ts';

let pending: { target: NewTargetInput; credentials: CredentialsInput | null } | null = null;

export function setPendingJoin(value: typeof pending): void {
  pending = value;
}

/** The pending join, handed over once. */
export function takePendingJoin(): typeof pending {
  const value = pending;
  pending = null;
  return value;
}
