/** What must hold before a client is erased, and the typed confirmation. Pure, for tests. */
import type { TimerView } from '../../src-preload/contract/index.ts';

/** True when `typed` is the client's name (same characters and case; surrounding spaces ignored). */
export function confirmsName(typed: string, name: string): boolean {
  return typed.normalize('NFC').trim() === name.normalize('NFC').trim() && typed.trim() !== '';
}

/**
 * Why the client cannot be erased right now, or null. The timer must not be counting on, or hold
 * undelivered blocks of, one of the client's projects: those blocks would arrive after the
 * erasure with nowhere to go. And the cache must be complete, or blocks still being read could
 * put the erased client's time back on screen.
 */
export function erasureBlocker(input: {
  clientName: string;
  projectIds: ReadonlySet<string>;
  timer: TimerView | null;
  blocksComplete: boolean;
}): string | null {
  const { timer, projectIds } = input;
  if (timer && timer.status !== 'idle' && timer.projectId !== undefined && projectIds.has(timer.projectId)) {
    return `The timer is running on a project of ${input.clientName}. Stop it first, so that its time is not stored after the erasure.`;
  }
  if (timer?.outbox.some((b) => projectIds.has(b.projectId))) {
    return `The timer still has time of ${input.clientName} waiting to be stored. Wait a moment and try again.`;
  }
  if (!input.blocksComplete) return 'Caravan is still reading older time blocks. Try again when it has finished; it takes a few seconds.';
  return null;
}
