/**
 * The Time screen's view choices that outlive a session: List or Week, and the week's snap step.
 * View preferences, not user data: kept in localStorage like the theme (settings/theme-slice.ts),
 * so the screen opens as it was left even before the vault is read.
 */
import { useCallback, useState } from 'react';
import { SNAP_STEPS, type SnapStep } from './week-edits.ts';

export type TimeView = 'list' | 'week';

const VIEW_KEY = 'caravan.time.view';
const SNAP_KEY = 'caravan.week.snap';

function read(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage can be unavailable; the choice still holds for this session.
  }
}

/** The stored view, List unless Week was chosen last. */
export function useTimeView(): [TimeView, (view: TimeView) => void] {
  const [view, setView] = useState<TimeView>(() => (read(VIEW_KEY) === 'week' ? 'week' : 'list'));
  const choose = useCallback((next: TimeView) => {
    write(VIEW_KEY, next);
    setView(next);
  }, []);
  return [view, choose];
}

/** The stored snap step, 15 minutes unless 5 was chosen. */
export function useSnapStep(): [SnapStep, (step: SnapStep) => void] {
  const [step, setStep] = useState<SnapStep>(() => SNAP_STEPS.find((s) => String(s) === read(SNAP_KEY)) ?? 15);
  const choose = useCallback((next: SnapStep) => {
    write(SNAP_KEY, String(next));
    setStep(next);
  }, []);
  return [step, choose];
}
