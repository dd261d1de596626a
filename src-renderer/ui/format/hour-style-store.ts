/**
 * The hour style being shown (h:mm or decimal), in a store of its own so the pure formatters in
 * time/format.ts can read it without importing the app store; use-hour-style.ts loads it from the
 * workspace setting and writes it back.
 */
import { create } from 'zustand';
import { DEFAULT_HOUR_STYLE, HOUR_STYLES, type HourStyle } from './duration.ts';

interface HourStyleState {
  style: HourStyle;
  /** The vault view the style was read for; another one (a lock, an unlock) reads again. */
  readFor: unknown;
}

export const hourStyleStore = create<HourStyleState>()(() => ({ style: DEFAULT_HOUR_STYLE, readFor: null }));

/** A stored value as a style; anything else (unset, a newer app's value) is the default. */
export function parseHourStyle(value: unknown): HourStyle {
  return HOUR_STYLES.includes(value as HourStyle) ? (value as HourStyle) : DEFAULT_HOUR_STYLE;
}

/** The style now, for code that is not a component. */
export function currentHourStyle(): HourStyle {
  return hourStyleStore.getState().style;
}

/** Sets the style shown (tests, and Settings after the write). */
export function setHourStyleShown(style: HourStyle): void {
  hourStyleStore.setState({ style });
}
