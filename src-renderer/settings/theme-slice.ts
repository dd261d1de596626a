import type { StateCreator } from 'zustand';

export type ThemePreference = 'system' | 'light' | 'dark';

export interface ThemeSlice {
  theme: ThemePreference;
  setTheme: (theme: ThemePreference) => void;
}

/** A view preference, not user data: it may live outside the vault so the lock screen is themed too. */
const STORAGE_KEY = 'caravan.theme';

function readTheme(): ThemePreference {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

export function applyTheme(theme: ThemePreference): void {
  if (theme === 'system') delete document.documentElement.dataset['theme'];
  else document.documentElement.dataset['theme'] = theme;
}

export const createThemeSlice: StateCreator<ThemeSlice, [], [], ThemeSlice> = (set) => ({
  theme: readTheme(),
  setTheme: (theme) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, theme);
    } catch {
      // Storage can be unavailable; the choice still applies for this session.
    }
    applyTheme(theme);
    set({ theme });
  },
});
