/**
 * Which zone times are shown in, as the person chose (workspace setting `time.displayZone`):
 * - 'home': one zone for everything, the home zone they set once (the device's zone until then);
 * - 'block': each block in the zone it was logged in (so 09:00 in Lisbon reads 09:00);
 * - 'client': each block in its client's zone (what the client's calendar said).
 * A block's day is its start's calendar day in its display zone; the header names the home zone,
 * and a time shown in any other zone carries its city ("09:00–10:30 Lisbon", time/format.ts).
 * Storage never changes: blocks keep UTC instants and the zone they were logged in.
 */
import { isTimeZone } from '../domain/common.ts';
import { zoneCity } from './zone-names.ts';

/** The workspace setting's key. */
export const DISPLAY_ZONE_SETTING = 'time.displayZone';

export type DisplayZoneMode = 'home' | 'block' | 'client';

export const DISPLAY_ZONE_MODES: readonly DisplayZoneMode[] = ['home', 'block', 'client'];

/** The stored choice; `homeZone` null means "this device's zone". */
export interface DisplayZoneChoice {
  readonly mode: DisplayZoneMode;
  readonly homeZone: string | null;
}

export const DEFAULT_DISPLAY_ZONE: DisplayZoneChoice = { mode: 'home', homeZone: null };

/** A stored value as a choice; anything unreadable (unset, a newer app's shape, an unknown zone) falls back field by field. */
export function parseDisplayZone(value: unknown): DisplayZoneChoice {
  if (typeof value !== 'object' || value === null) return DEFAULT_DISPLAY_ZONE;
  const { mode, homeZone } = value as { mode?: unknown; homeZone?: unknown };
  return {
    mode: DISPLAY_ZONE_MODES.includes(mode as DisplayZoneMode) ? (mode as DisplayZoneMode) : 'home',
    homeZone: typeof homeZone === 'string' && isTimeZone(homeZone) ? homeZone : null,
  };
}

/** The zone the header names and whole days and weeks are cut in. */
export function homeZoneOf(choice: DisplayZoneChoice, deviceZone: string): string {
  return choice.homeZone ?? deviceZone;
}

/** What a block needs for its display zone. */
export interface ZonedBlock {
  readonly zone: string;
  readonly clientId: string;
}

/**
 * The zone `block` is shown in. A client whose zone is unknown (deleted, or unreadable) falls
 * back to the block's own zone, which is at least where the work happened.
 */
export function displayZoneOf(block: ZonedBlock, choice: DisplayZoneChoice, home: string, clientZone: (clientId: string) => string | undefined): string {
  if (choice.mode === 'home') return home;
  if (choice.mode === 'client') return clientZone(block.clientId) ?? block.zone;
  return block.zone;
}

/** "Times shown in Europe/Berlin", or how each block's zone is chosen: the Time screen's subtitle. */
export function describeDisplayZone(choice: DisplayZoneChoice, home: string): string {
  if (choice.mode === 'home') return `Times shown in ${home}`;
  const each = choice.mode === 'block' ? 'where each block was logged' : 'in each client’s zone';
  return `Times shown ${each} (named when not ${zoneCity(home)})`;
}
