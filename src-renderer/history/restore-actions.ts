/**
 * The restore workflow the History view runs: write, then tell the screens (their caches reload as
 * after a sync) and say what happened in words. Dependencies injected, outcomes typed.
 */
import type { RepoContext } from '../vault/repos/context.ts';
import { errorMessage } from '../ui/error-message.ts';
import { pluralize } from '../ui/format/index.ts';
import { type RestoreItem, type RestoreOutcome, restoreRecords, undoRestore } from './restore.ts';

export type RestoreResult = { ok: true; outcome: RestoreOutcome; message: string } | { ok: false; message: string };

export interface RestoreDeps {
  ctx: RepoContext;
  /** Reloads what the screens show (the workspace store, checks that keep a result). */
  refresh: () => void;
}

function said(outcome: RestoreOutcome, undo: boolean): string {
  if (outcome.written === 0) return 'Nothing to restore: these records are already as they were.';
  const records = pluralize(outcome.written, { one: 'record', other: 'records' });
  // Undo leaves what changed again since the restore (undoRestore): say so, or the person looks for it.
  const left =
    outcome.unchanged > 0 ? ` Left as they are now: ${pluralize(outcome.unchanged, { one: 'record', other: 'records' })} changed since the restore.` : '';
  return undo
    ? `Restore undone: ${records} put back as they were just before it.${left}`
    : `Restored ${records} as new changes; your other devices get them at the next sync.`;
}

/** Restores `items`; nothing is written when it fails. */
export async function runRestore(deps: RestoreDeps, items: readonly RestoreItem[]): Promise<RestoreResult> {
  try {
    const outcome = await restoreRecords(deps.ctx, items);
    if (outcome.written > 0) deps.refresh();
    return { ok: true, outcome, message: said(outcome, false) };
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
}

/** Undoes `restore` (a restore as of just before it). */
export async function runUndo(deps: RestoreDeps, restore: RestoreOutcome): Promise<RestoreResult> {
  try {
    const outcome = await undoRestore(deps.ctx, restore);
    if (outcome.written > 0) deps.refresh();
    return { ok: true, outcome, message: said(outcome, true) };
  } catch (error) {
    return { ok: false, message: errorMessage(error) };
  }
}
