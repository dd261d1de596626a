/**
 * The current screen. Each screen is its own chunk, loaded when first visited (the unlocked shell
 * should not wait for PDF, charts and every other screen's code: docs/performance.md, first paint).
 * After a visit the chunk is cached, so coming back is immediate.
 */
import { Suspense, useEffect } from 'react';
import type { ScreenId } from '../nav/screens.ts';
import { useStore } from '../app/store.ts';
import { TodayScreen } from './TodayScreen.tsx';
import { forgetScreen, lazyScreen, type LazyScreenId } from './lazy-screens.ts';
import { ScreenErrorBoundary } from './ScreenErrorBoundary.tsx';

/** Looks the lazy component up at render, so that "Try again" after {@link forgetScreen} loads afresh. */
function Screen({ id }: { id: LazyScreenId }) {
  const Loaded = lazyScreen(id);
  // Not a new component per render: lazyScreen returns the one cached for this screen until it is forgotten.
  // eslint-disable-next-line react-hooks/static-components
  return <Loaded />;
}

function CurrentScreen({ screen }: { screen: ScreenId }) {
  const visit = useStore((s) => s.visit);
  switch (screen) {
    case 'today':
      return <TodayScreen />;
    case 'settings':
      return <Screen id="settings" />;
    case 'clients':
      return <Screen id="clients" />;
    case 'projects':
      return <Screen id="projects" />;
    case 'time':
      return <Screen id="time" />;
    case 'invoices':
      // Choosing Invoices again returns to the list from an open invoice (a draft is saved as it closes).
      return <Screen id="invoices" key={visit} />;
    case 'reports':
      return <Screen id="reports" />;
    case 'presence':
      return <Screen id="presence" />;
    case 'sync':
      return <Screen id="sync" />;
  }
}

/**
 * Moves focus to the new screen's heading, so keyboard and screen-reader users land on it. Inside
 * the Suspense boundary: its effect runs once the screen's chunk has arrived and the heading exists.
 */
function FocusHeading({ screen }: { screen: ScreenId }) {
  useEffect(() => {
    document.getElementById('main')?.querySelector('h1')?.focus();
  }, [screen]);
  return null;
}

export function ScreenView({ screen }: { screen: ScreenId }) {
  return (
    <ScreenErrorBoundary key={screen} onRetry={() => forgetScreen(screen)}>
      <Suspense
        fallback={
          <p className="screen-loading" role="status">
            Loading…
          </p>
        }
      >
        <CurrentScreen screen={screen} />
        <FocusHeading screen={screen} />
      </Suspense>
    </ScreenErrorBoundary>
  );
}
