/**
 * The Presence screen's data: the ledger of a range wide enough for every answer on the screen (two
 * calendar years back, for last year's tax counts and the 180-day window; two years ahead, for
 * planned trips), every trip and the rules, read again when the workspace reloads (a sync round,
 * an unlock) and after each write.
 */
import { useMemo } from 'react';
import { useStore } from '../../app/store.ts';
import { useLoaded, type Loaded } from '../../ui/use-loaded.ts';
import { dayNumber, dayText } from '../calendar-days.ts';
import type { PresenceBackend, PresenceSnapshot } from './presence-backend.ts';

/** Planned trips further ahead than this are listed but not in the ledger's days. */
const AHEAD_DAYS = 730;

/** The days the screen reads, for `today`. */
export function presenceRange(today: string): { from: string; to: string } {
  return { from: `${Number(today.slice(0, 4)) - 2}-01-01`, to: dayText(dayNumber(today) + AHEAD_DAYS) };
}

export function usePresenceSnapshot(backend: PresenceBackend, today: string): Loaded<PresenceSnapshot> {
  const ready = useStore((s) => s.workspace.kind === 'ready');
  const range = useMemo(() => presenceRange(today), [today]);
  return useLoaded(() => (ready ? backend.load(range.from, range.to) : new Promise<PresenceSnapshot>(() => {})), [backend, range.from, range.to, ready]);
}
