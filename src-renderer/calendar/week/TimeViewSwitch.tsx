/**
 * "List | Week" in the Time screen's header, Ctrl/Cmd+Shift+W to flip between them, and the week
 * itself loaded on first use (React.lazy): the list never downloads or parses the grid.
 */
import { lazy, Suspense, useEffect } from 'react';
import type { TimeView } from './week-prefs.ts';
import type { WeekViewProps } from './WeekView.tsx';

const WeekView = lazy(() => import('./WeekView.tsx'));

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
/** The shortcut as the switch's tooltip and the palette show it. */
export const WEEK_SHORTCUT = `${isMac ? '⌘' : 'Ctrl'}+Shift+W`;

export function TimeViewSwitch({ view, onChange }: { view: TimeView; onChange: (view: TimeView) => void }) {
  return (
    <div className="segmented" role="group" aria-label="View" title={`Switch with ${WEEK_SHORTCUT}`}>
      {(['list', 'week'] as const).map((v) => (
        <button key={v} type="button" className={view === v ? 'current' : ''} aria-pressed={view === v} onClick={() => onChange(v)}>
          {v === 'list' ? 'List' : 'Week'}
        </button>
      ))}
    </div>
  );
}

/** Ctrl/Cmd+Shift+W flips List and Week while the Time screen is shown (not inside a dialog). */
export function useTimeViewShortcut(view: TimeView, onChange: (view: TimeView) => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = isMac ? event.metaKey : event.ctrlKey;
      if (!mod || !event.shiftKey || event.altKey || event.key.toLowerCase() !== 'w') return;
      if (event.target instanceof HTMLElement && event.target.closest('dialog')) return;
      event.preventDefault();
      onChange(view === 'list' ? 'week' : 'list');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view, onChange]);
}

export function LazyWeekView(props: WeekViewProps) {
  return (
    <Suspense fallback={<p className="muted">Loading the week…</p>}>
      <WeekView {...props} />
    </Suspense>
  );
}
