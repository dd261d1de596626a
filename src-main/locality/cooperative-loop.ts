/**
 * Loops in main that a renderer can make long (a decision per client and target) give the event
 * loop a turn every few milliseconds, so the timer's ticks, the tray, other IPC calls and the
 * window stay live while they run. Before this, "where is my data" for 100 000 clients held main
 * for 14.5 s in one piece.
 */

/** How long a loop may run before it lets the event loop take a turn. */
export const SLICE_MS = 8;

/** A macrotask turn: timers, I/O callbacks and IPC messages queued meanwhile run before we go on. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** `items.map(step)`, yielding to the event loop whenever a slice of `sliceMs` has been used. */
export async function mapYielding<T, R>(items: readonly T[], step: (item: T, index: number) => R, sliceMs = SLICE_MS): Promise<R[]> {
  const out: R[] = [];
  let sliceStart = performance.now();
  for (const [index, item] of items.entries()) {
    out.push(step(item, index));
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return out;
}
