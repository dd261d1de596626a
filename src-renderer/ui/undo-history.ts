/**
 * One undo history for the window: the last few destructive or bulk actions (delete, merge,
 * split, bulk edits, void), newest last. Each entry carries its own inverse, written by the code
 * that did the action, because only that code knows how to put the records back. Ctrl/Cmd+Z and
 * a toast's Undo both go through {@link UndoHistory.undo}, so an action is never undone twice.
 *
 * Entries hold decrypted records (a deleted block's note), so the history is cleared when the
 * workspace locks (use-undo.ts).
 */

/** An action that can be undone. `label` completes "Undid …": "delete of a 1:30 block". */
export interface UndoEntry {
  readonly label: string;
  readonly undo: () => Promise<void>;
}

/** What an undo did, in words for a toast. */
export type UndoOutcome = { ok: true; message: string } | { ok: false; message: string };

/** How many actions are kept; older ones fall off. */
export const UNDO_LIMIT = 20;

export class UndoHistory {
  private entries: Array<UndoEntry & { id: number }> = [];
  private nextId = 1;
  private running = false;

  private readonly limit: number;

  constructor(limit = UNDO_LIMIT) {
    this.limit = limit;
  }

  /** Records an action; returns a handle that undoes exactly this entry (for a toast's Undo). */
  push(entry: UndoEntry): () => Promise<UndoOutcome> {
    const id = this.nextId++;
    this.entries.push({ ...entry, id });
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
    return () => this.undoEntry(id);
  }

  /** Undoes the newest action, if any. */
  undo(): Promise<UndoOutcome> {
    const newest = this.entries.at(-1);
    if (newest === undefined) return Promise.resolve({ ok: false, message: 'Nothing to undo.' });
    return this.undoEntry(newest.id);
  }

  /** How many actions can be undone. */
  get size(): number {
    return this.entries.length;
  }

  /** The label of the action {@link undo} would undo. */
  get newestLabel(): string | undefined {
    return this.entries.at(-1)?.label;
  }

  /** Forgets everything (the workspace locked). */
  clear(): void {
    this.entries = [];
  }

  private async undoEntry(id: number): Promise<UndoOutcome> {
    const index = this.entries.findIndex((e) => e.id === id);
    const entry = this.entries[index];
    if (entry === undefined) return { ok: false, message: 'That action was already undone or is too old to undo.' };
    // A second Ctrl+Z while the first is still writing would undo the same entry twice.
    if (this.running) return { ok: false, message: 'Still undoing the last action; try again in a moment.' };
    this.running = true;
    this.entries.splice(index, 1);
    try {
      await entry.undo();
      return { ok: true, message: `Undid ${entry.label}.` };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { ok: false, message: `Could not undo ${entry.label}: ${why}` };
    } finally {
      this.running = false;
    }
  }
}
