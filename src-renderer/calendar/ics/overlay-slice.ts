/**
 * Imported calendars in the window: a cache of the vault's `calendar/overlay/*` settings, read when
 * a screen needs them (use-overlay-events.ts) and again after every workspace load (sync wrote),
 * dropped on lock with the rest of the workspace. Writes go through the settings repository; the
 * cache is updated only with what was stored.
 */
import type { StateCreator } from 'zustand';
import { listSettingsWithPrefix, removeSetting, setSetting } from '../../vault/repos/settings.ts';
import { repoContext } from '../../vault/session/runtime.ts';
import { type OverlayCalendar, OVERLAY_PREFIX, overlayKey, readOverlayCalendars, type StoredCalendar } from './overlay-store.ts';

export interface OverlaySlice {
  /** The imported calendars once read (null before, and after the workspace locks). */
  overlayCalendars: OverlayCalendar[] | null;
  /** Stored calendars this version cannot read (a newer version's, or damaged): kept, not shown. */
  overlayUnreadable: number;
  /** Reads the imported calendars into the cache (one read at a time). */
  loadOverlayCalendars: () => Promise<void>;
  /** Stores calendar `id` (new, or replacing its events). */
  saveOverlayCalendar: (id: string, value: StoredCalendar) => Promise<void>;
  /** Removes calendar `id`; returns what it held, for undo. */
  removeOverlayCalendar: (id: string) => Promise<OverlayCalendar | undefined>;
}

export const EMPTY_OVERLAY = { overlayCalendars: null, overlayUnreadable: 0 } satisfies Partial<OverlaySlice>;

const byName = (a: OverlayCalendar, b: OverlayCalendar) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

export const createOverlaySlice: StateCreator<OverlaySlice, [], [], OverlaySlice> = (set, get) => {
  let reading: Promise<void> | null = null;
  return {
    ...EMPTY_OVERLAY,
    loadOverlayCalendars: () => {
      reading ??= (async () => {
        try {
          const read = readOverlayCalendars(await listSettingsWithPrefix(repoContext(), OVERLAY_PREFIX));
          set({ overlayCalendars: read.calendars, overlayUnreadable: read.unreadable });
        } finally {
          reading = null;
        }
      })();
      return reading;
    },
    saveOverlayCalendar: async (id, value) => {
      await setSetting(repoContext(), overlayKey(id), value);
      const others = (get().overlayCalendars ?? []).filter((c) => c.id !== id);
      set({ overlayCalendars: [...others, { ...value, id }].sort(byName) });
    },
    removeOverlayCalendar: async (id) => {
      const removed = get().overlayCalendars?.find((c) => c.id === id);
      await removeSetting(repoContext(), overlayKey(id));
      set({ overlayCalendars: (get().overlayCalendars ?? []).filter((c) => c.id !== id) });
      return removed;
    },
  };
};
