import type { StateCreator } from 'zustand';
import { screenFromHash, type ScreenId } from './screens.ts';

export interface NavSlice {
  screen: ScreenId;
  navigate: (screen: ScreenId) => void;
}

/**
 * In-page navigation kept in the URL hash, so a reload returns to the same
 * screen and no top-level navigation (which main refuses) is ever needed.
 */
export const createNavSlice: StateCreator<NavSlice, [], [], NavSlice> = (set) => ({
  screen: screenFromHash(window.location.hash),
  navigate: (screen) => {
    if (window.location.hash !== `#/${screen}`) window.history.replaceState(null, '', `#/${screen}`);
    set({ screen });
  },
});
