/**
 * The person's hour style (h:mm or decimal hours), a workspace setting shown in Settings. Every
 * screen that shows hours reads `useHourStyle()` so it re-renders when the person changes it; the
 * style is read from the vault once per unlock (the vault view changes identity on lock and unlock).
 */
import { useEffect } from 'react';
import { useStore } from '../../app/store.ts';
import type { HourStyle } from './duration.ts';
import { hourStyleStore, parseHourStyle, setHourStyleShown } from './hour-style-store.ts';

/** The workspace setting's key. */
export const HOUR_STYLE_SETTING = 'display.hourStyle';

/** The person's style; reads it from the vault the first time after an unlock. */
export function useHourStyle(): HourStyle {
  const vault = useStore((s) => s.vault);
  const ready = useStore((s) => s.workspace.kind === 'ready');
  const readSetting = useStore((s) => s.readSetting);
  const style = hourStyleStore((s) => s.style);
  useEffect(() => {
    if (!ready || hourStyleStore.getState().readFor === vault) return;
    hourStyleStore.setState({ readFor: vault });
    readSetting(HOUR_STYLE_SETTING).then(
      (value) => setHourStyleShown(parseHourStyle(value)),
      // Unreadable: the default stays; Settings shows the error when the person changes it.
      () => undefined,
    );
  }, [vault, ready, readSetting]);
  return style;
}

/**
 * Shows the person's choice everywhere at once (the radio answers the click), then stores it; a
 * failed write puts the previous style back and rejects, so Settings can say so.
 */
export function useSetHourStyle(): (style: HourStyle) => Promise<void> {
  const writeSetting = useStore((s) => s.writeSetting);
  return async (style) => {
    const before = hourStyleStore.getState().style;
    setHourStyleShown(style);
    try {
      await writeSetting(HOUR_STYLE_SETTING, style);
    } catch (error) {
      setHourStyleShown(before);
      throw error;
    }
  };
}
