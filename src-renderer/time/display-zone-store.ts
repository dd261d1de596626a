/**
 * The display-zone choice being shown, in a store of its own (as the hour style is), so every
 * screen that shows times reads one value and re-renders when the person changes it;
 * use-display-zone.ts loads it from the workspace setting and writes it back.
 */
import { create } from 'zustand';
import { DEFAULT_DISPLAY_ZONE, type DisplayZoneChoice } from './display-zone.ts';

interface DisplayZoneState {
  choice: DisplayZoneChoice;
  /** The vault view the choice was read for; another one (a lock, an unlock) reads again. */
  readFor: unknown;
}

export const displayZoneStore = create<DisplayZoneState>()(() => ({ choice: DEFAULT_DISPLAY_ZONE, readFor: null }));
