/**
 * The imported calendars and their events for a screen. Reads them once the workspace is ready,
 * and again after every load of it (a sync round reloads the workspace, and may have brought a
 * calendar imported on another device).
 */
import { useEffect, useMemo } from 'react';
import { useStore } from '../../app/store.ts';
import type { OverlayEvent } from '../overlay-event.ts';
import { eventsInRange, type OverlayCalendar } from './overlay-store.ts';

/** The imported calendars, or null while they are read (or the workspace is locked). */
export function useOverlayCalendars(): OverlayCalendar[] | null {
  const workspace = useStore((s) => s.workspace);
  const calendars = useStore((s) => s.overlayCalendars);
  const load = useStore((s) => s.loadOverlayCalendars);
  const notify = useStore((s) => s.notify);
  useEffect(() => {
    // `workspace` is a new object on every load: each load reads the calendars again.
    if (workspace.kind !== 'ready') return;
    load().catch((e: unknown) => notify(`Imported calendars could not be read: ${e instanceof Error ? e.message : String(e)}`, { tone: 'error' }));
  }, [workspace, load, notify]);
  return calendars;
}

/** The imported events overlapping [from, to) (UTC epoch ms), by start; empty while they are read. */
export function useOverlayEvents(from: number, to: number): OverlayEvent[] {
  const calendars = useOverlayCalendars();
  return useMemo(() => (calendars ? eventsInRange(calendars, from, to) : []), [calendars, from, to]);
}
