/**
 * What the command palette offers: actions, screens, and the workspace's clients and projects to
 * jump to. Matching is by words in order-free prefix/substring form, ranked so that a match at
 * the start of a word beats one inside it ("cli" finds "Clients" before "Acme Client Portal").
 */
import type { ScreenId } from '../nav/screens.ts';

export interface Command {
  id: string;
  label: string;
  /** Shown on the right: a shortcut or what kind of entry it is. */
  hint?: string;
  /** Extra words that find it ("add", "create"). */
  keywords?: string;
  run: () => void;
}

/** Score of `command` for `query`: higher is better, 0 = no match. */
export function scoreCommand(command: Pick<Command, 'label' | 'keywords'>, query: string): number {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 1;
  const label = command.label.toLocaleLowerCase();
  const haystack = `${label} ${command.keywords?.toLocaleLowerCase() ?? ''}`;
  let score = 0;
  for (const word of words) {
    const at = haystack.indexOf(word);
    if (at < 0) return 0;
    const wordStart = at === 0 || /[\s·\-_/]/.test(haystack[at - 1] ?? '');
    score += (wordStart ? 10 : 3) + (at < label.length ? 5 : 0) - Math.min(at, 50) / 100;
  }
  return score;
}

/** The commands matching `query`, best first (stable for equal scores), at most `limit`. */
export function rankCommands(commands: readonly Command[], query: string, limit = 50): Command[] {
  return commands
    .map((command, index) => ({ command, index, score: scoreCommand(command, query) }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map((c) => c.command);
}

/** The screens' palette entries. */
export function screenCommands(screens: ReadonlyArray<{ id: ScreenId; label: string }>, navigate: (id: ScreenId) => void, modKey: string): Command[] {
  return screens.map((s, i) => ({ id: `go:${s.id}`, label: `Go to ${s.label}`, hint: `${modKey}+${i + 1}`, run: () => navigate(s.id) }));
}
