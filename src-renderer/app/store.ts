/**
 * One bound zustand store built from feature slices. It holds view state and
 * caches only; persistent data belongs to the vault. Read it with narrow
 * selectors: `useStore((s) => s.screen)`.
 */
import { create } from 'zustand';
import { createNavSlice, type NavSlice } from '../nav/nav-slice.ts';
import { createPlatformSlice, type PlatformSlice } from '../platform/platform-slice.ts';
import { createThemeSlice, type ThemeSlice } from '../settings/theme-slice.ts';
import { createVaultSlice, type VaultSlice } from '../vault/vault-slice.ts';

export type AppState = NavSlice & PlatformSlice & ThemeSlice & VaultSlice;

export const useStore = create<AppState>()((...a) => ({
  ...createNavSlice(...a),
  ...createPlatformSlice(...a),
  ...createThemeSlice(...a),
  ...createVaultSlice(...a),
}));
