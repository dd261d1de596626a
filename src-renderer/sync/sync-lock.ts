/**
 * The lock that sync rounds and the steps that change what sync may see share.
 * Its own module so that travel and erasure can take it without importing the
 * sync runner, which itself reads the travel state (that was an import cycle).
 */
let lock: Promise<unknown> = Promise.resolve();

/**
 * Runs `work` when no sync round is running, and keeps rounds from starting until it is done:
 * for steps that change what sync may see (a trip starting, an erasure).
 */
export function withSyncLock<T>(work: () => Promise<T>): Promise<T> {
  const run = lock.then(work);
  lock = run.catch(() => undefined);
  return run;
}
