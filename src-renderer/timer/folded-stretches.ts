/**
 * Which sub-minute timer stretches this device has already folded into a neighbouring block. A
 * fold adds the stretch's length to another row, so unlike storing a block under its own id it is
 * not idempotent by itself: if main never hears the acknowledgement (window closed, crash) it sends
 * the stretch again, and this memory keeps it from being added twice. Main's outbox is per device,
 * so per-device storage is the right home. The last few hundred ids are plenty: a stretch is
 * re-sent only until its acknowledgement lands.
 */
const KEY = 'caravan.timer.foldedStretches';
const KEEP = 300;

export interface FoldMemory {
  has(id: string): boolean;
  add(id: string): void;
  /** The fold did not happen after all (its patch was refused). */
  forget(id: string): void;
}

function write(ids: string[]): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(ids.slice(-KEEP)));
  } catch {
    // Storage refused: the fold still happens; only a re-send after a crash could add it twice.
  }
}

function read(): string[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export const foldMemory: FoldMemory = {
  has: (id) => read().includes(id),
  add: (id) => write([...read().filter((x) => x !== id), id]),
  forget: (id) => write(read().filter((x) => x !== id)),
};
