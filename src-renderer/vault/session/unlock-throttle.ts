/**
 * Progressive slow-down of wrong passphrases. The count survives a reload
 * (it lives in the meta store), so reopening the window does not reset it.
 * Argon2id already makes each guess cost a second; this bounds how many
 * guesses a person at the keyboard can make.
 */

export interface ThrottleState {
  /** Wrong attempts since the last successful unlock. */
  failures: number;
  /** Epoch ms before which no attempt is accepted (0 = none). */
  notBefore: number;
}

export const NO_THROTTLE: ThrottleState = { failures: 0, notBefore: 0 };

/** Free attempts before the first wait. */
export const FREE_ATTEMPTS = 5;

/** The wait after the n-th failure (1-based): none for the free attempts, then 30 s doubling up to 15 min. */
export function waitAfterFailure(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(30_000 * 2 ** (failures - FREE_ATTEMPTS), 15 * 60_000);
}

export function recordFailure(state: ThrottleState, now: number): ThrottleState {
  const failures = state.failures + 1;
  const wait = waitAfterFailure(failures);
  return { failures, notBefore: wait > 0 ? now + wait : 0 };
}

/** Milliseconds until the next attempt is allowed (0 = now). */
export function remainingWait(state: ThrottleState, now: number): number {
  return Math.max(0, state.notBefore - now);
}

function seconds(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s >= 60 ? `${Math.ceil(s / 60)} min` : `${s} s`;
}

/** What to tell the person after a wrong passphrase, e.g. "Wrong passphrase. 2 tries left before a 30 s wait." */
export function failureMessage(state: ThrottleState, now: number): string {
  const wait = remainingWait(state, now);
  if (wait > 0) return `Wrong passphrase. Wait ${seconds(wait)} before trying again, or use your recovery kit.`;
  const left = FREE_ATTEMPTS - state.failures;
  const nextWait = seconds(waitAfterFailure(FREE_ATTEMPTS));
  return `Wrong passphrase. ${left} ${left === 1 ? 'try' : 'tries'} left before a ${nextWait} wait. Check Caps Lock and your keyboard layout.`;
}
