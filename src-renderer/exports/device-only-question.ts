/**
 * The question asked before an export that holds data of clients kept on this device only: the
 * client form promises such data is never exported, so the person decides, on their own screen,
 * for their own file. One question at a time; the dialog that shows it is mounted once, in App.
 * A lock answers no (`dropDeviceOnlyQuestions`): the question's closure holds the decrypted file,
 * and the dialog is unmounted while locked, so an open question would come back after unlock.
 */
import { useSyncExternalStore } from 'react';

export interface DeviceOnlyQuestion {
  /** What is being saved, e.g. "Time CSV". */
  what: string;
  /** The device-only clients whose data it holds, by name. */
  clientNames: readonly string[];
  /** Some of them are not device-only in their record: main has no policy of theirs in force (held or unreadable). */
  unsettled?: boolean;
}

interface Pending extends DeviceOnlyQuestion {
  answer: (goOn: boolean) => void;
}

let pending: Pending | null = null;
/** Bumped by each lock: an answer given, or a question asked, in an earlier session counts for nothing. */
let session = 0;
const listeners = new Set<() => void>();

function set(next: Pending | null): void {
  pending = next;
  for (const listener of listeners) listener();
}

/** Asks; resolves true when the person goes on, false when they cancel (or another question replaces this one). */
export function askDeviceOnlyExport(question: DeviceOnlyQuestion): Promise<boolean> {
  pending?.answer(false);
  return new Promise((resolve) => {
    set({
      ...question,
      answer: (goOn) => {
        set(null);
        resolve(goOn);
      },
    });
  });
}

/** The session a question or a yes belongs to (see `dropDeviceOnlyQuestions`). */
export function questionSession(): number {
  return session;
}

/** A lock step: answers no to the open question, so its export ends and lets go of the file, and voids earlier yeses. */
export function dropDeviceOnlyQuestions(): void {
  session++;
  pending?.answer(false);
}

/** The open question, for the dialog. */
export function useDeviceOnlyQuestion(): Pending | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => pending,
  );
}
