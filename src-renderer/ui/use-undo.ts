/**
 * The window's undo history (undo-history.ts) as React sees it: `useRecordUndo` records an action
 * and offers Undo on its toast; `useUndoShortcut`, mounted once in the app shell, makes Ctrl/Cmd+Z
 * undo the newest action anywhere except inside a text field (where the browser's own undo of
 * typing applies), and clears the history when the workspace locks.
 */
import { useCallback, useEffect } from 'react';
import { useStore } from '../app/store.ts';
import { type UndoEntry, UndoHistory, type UndoOutcome } from './undo-history.ts';

/** The one history of this window. */
export const undoHistory = new UndoHistory();

/** True when the key press belongs to a field whose own undo should apply. */
function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return false;
}

/** Records an action and shows `message` with an Undo that goes through the history. */
export function useRecordUndo(): (message: string, entry: UndoEntry) => void {
  const notify = useStore((s) => s.notify);
  return useCallback(
    (message: string, entry: UndoEntry) => {
      const undo = undoHistory.push(entry);
      notify(message, {
        action: {
          label: 'Undo',
          run: async () => report(notify, await undo()),
        },
      });
    },
    [notify],
  );
}

function report(notify: ReturnType<typeof useStore.getState>['notify'], outcome: UndoOutcome): void {
  notify(outcome.message, outcome.ok ? {} : { tone: 'error' });
}

/** Mount once: Ctrl/Cmd+Z undoes the newest action; locking forgets the history. */
export function useUndoShortcut(): void {
  const notify = useStore((s) => s.notify);
  // The open vault, or null while locked: a sync round reloads the workspace without changing it,
  // and must not forget what the person may still undo; a lock or another vault does.
  const openVault = useStore((s) => (s.vault.kind === 'unlocked' ? s.vault.vaultId : null));
  useEffect(() => {
    undoHistory.clear();
  }, [openVault]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'z' || event.shiftKey || event.altKey || !(event.ctrlKey || event.metaKey)) return;
      if (inTextField(event.target) || event.defaultPrevented) return;
      event.preventDefault();
      void undoHistory.undo().then((outcome) => report(notify, outcome));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [notify]);
}
