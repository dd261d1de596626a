/**
 * Each main screen (except Today) is its own chunk, loaded on its first visit. A chunk that fails
 * to load (files replaced by an update while Caravan runs, a disk error) must not stay failed:
 * `React.lazy` keeps its rejection forever, so a failed screen is forgotten and made again on
 * "Try again".
 */
import { lazy, type ComponentType } from 'react';
import type { ScreenId } from '../nav/screens.ts';

/** The screens loaded on demand. */
export type LazyScreenId = Exclude<ScreenId, 'today'>;

/** A screen's code could not be loaded (as opposed to the screen failing while it runs). */
export class ScreenLoadError extends Error {
  override readonly name = 'ScreenLoadError';
}

const LOADERS: Readonly<Record<LazyScreenId, () => Promise<ComponentType>>> = {
  clients: async () => (await import('../clients/ClientsScreen.tsx')).ClientsScreen,
  projects: async () => (await import('../projects/ProjectsScreen.tsx')).ProjectsScreen,
  time: async () => (await import('../time/TimeScreen.tsx')).TimeScreen,
  invoices: async () => (await import('../invoices/screen/InvoicesScreen.tsx')).InvoicesScreen,
  reports: async () => (await import('../reports/ReportsScreen.tsx')).ReportsScreen,
  presence: async () => (await import('../presence/screen/PresenceScreen.tsx')).PresenceScreen,
  sync: async () => (await import('../sync/SyncScreen.tsx')).SyncScreen,
  settings: async () => (await import('../settings/SettingsScreen.tsx')).SettingsScreen,
};

const made = new Map<LazyScreenId, ComponentType>();

/** The lazy component of a screen; the same one on every render until {@link forgetScreen}. */
export function lazyScreen(id: LazyScreenId): ComponentType {
  let screen = made.get(id);
  if (screen === undefined) {
    screen = lazy(async () => {
      try {
        return { default: await LOADERS[id]() };
      } catch (error) {
        throw new ScreenLoadError(error instanceof Error ? error.message : String(error));
      }
    });
    made.set(id, screen);
  }
  return screen;
}

/** Drops a screen's lazy component so that the next render loads its chunk again. */
export function forgetScreen(id: ScreenId): void {
  if (id !== 'today') made.delete(id);
}
