/**
 * A new device joining a vault from a sync target: main's id for the join,
 * kept in memory between reading the vault header and unlocking. Main holds
 * the target the person confirmed (and its credentials); once the vault opens
 * it becomes a sync target. Never stored: if the window closes before
 * unlocking, the person starts again.
 */
let pending: { joinId: string } | null = null;

export function setPendingJoin(value: typeof pending): void {
  pending = value;
}

/** The pending join, handed over once. */
export function takePendingJoin(): typeof pending {
  const value = pending;
  pending = null;
  return value;
}
