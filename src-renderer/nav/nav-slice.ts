import type { StateCreator } from 'zustand';
import { screenFromHash, type ScreenId } from './screens.ts';

/**
 * Something the person asked for from elsewhere (the command palette, a shortcut) that a screen
 * carries out when it shows: open the new-client form, focus the time entry field. `nonce` makes
 * the same request twice in a row count twice.
 */
export interface Intent {
  kind: 'new-client' | 'new-project' | 'new-block' | 'search' | 'start-timer' | 'import-bundle' | 'open-history';
  nonce: number;
}

export interface NavSlice {
  screen: ScreenId;
  /** Counts navigations, also to the screen already shown: a screen keyed by it starts over (its list, not a record it had open). */
  visit: number;
  intent: Intent | null;
  navigate: (screen: ScreenId) => void;
  /** Goes to `screen` and leaves `kind` for it to act on. */
  request: (screen: ScreenId, kind: Intent['kind']) => void;
  /** The screen has acted on the intent. */
  consumeIntent: () => void;
}

let nonce = 0;

/**
 * In-page navigation kept in the URL hash, so a reload returns to the same
 * screen and no top-level navigation (which main refuses) is ever needed.
 */
export const createNavSlice: StateCreator<NavSlice, [], [], NavSlice> = (set, get) => ({
  screen: screenFromHash(window.location.hash),
  intent: null,
  visit: 0,
  navigate: (screen) => {
    if (window.location.hash !== `#/${screen}`) window.history.replaceState(null, '', `#/${screen}`);
    set({ screen, visit: get().visit + 1 });
  },
  request: (screen, kind) => {
    get().navigate(screen);
    set({ intent: { kind, nonce: ++nonce } });
  },
  consumeIntent: () => set({ intent: null }),
});
