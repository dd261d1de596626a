/**
 * The tray menu's action ids: built by the presenter, parsed back by the tray
 * adapter when an item is clicked. A string id keeps the menu model plain
 * data (comparable in tests, no closures) and lets the adapter map each click
 * to one timer event.
 */
import type { IdleChoice } from './timer-types.ts';

/** What a click on a tray item asks for. */
export type TrayAction =
  | { type: 'start'; projectId: string }
  | { type: 'switch'; projectId: string }
  | { type: 'pause' | 'resume' | 'stop' | 'start-break' | 'skip-break' | 'open' | 'quit' }
  | { type: 'away'; choice: IdleChoice };

const SIMPLE = ['pause', 'resume', 'stop', 'start-break', 'skip-break', 'open', 'quit'] as const;
const CHOICES: readonly IdleChoice[] = ['keep', 'discard', 'break'];

export const actionId = {
  start: (projectId: string) => `start:${projectId}`,
  switch: (projectId: string) => `switch:${projectId}`,
  away: (choice: IdleChoice) => `away:${choice}`,
};

/** The action behind a menu item id, or null for ids that do nothing (status lines, separators). */
export function parseTrayAction(id: string): TrayAction | null {
  const simple = SIMPLE.find((a) => a === id);
  if (simple) return { type: simple };
  const colon = id.indexOf(':');
  if (colon <= 0) return null;
  const head = id.slice(0, colon);
  const rest = id.slice(colon + 1);
  if (rest === '') return null;
  if (head === 'start' || head === 'switch') return { type: head, projectId: rest };
  if (head === 'away') {
    const choice = CHOICES.find((c) => c === rest);
    return choice ? { type: 'away', choice } : null;
  }
  return null;
}
