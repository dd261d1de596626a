/**
 * The current screen. Each screen is its own chunk, loaded when first visited (the unlocked shell
 * should not wait for PDF, charts and every other screen's code: docs/performance.md, first paint).
 * After a visit the chunk is cached, so coming back is immediate.
 */
import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import type { ScreenId } from '../nav/screens.ts';
import { useStore } from '../app/store.ts';
import { TodayScreen } from './TodayScreen.tsx';

/** `React.lazy` over a named export. */
function lazyNamed<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): ComponentType {
  return lazy(async () => ({ default: pick(await load()) }));
}

const ClientsScreen = lazyNamed(
  () => import('../clients/ClientsScreen.tsx'),
  (m) => m.ClientsScreen,
);
const ProjectsScreen = lazyNamed(
  () => import('../projects/ProjectsScreen.tsx'),
  (m) => m.ProjectsScreen,
);
const TimeScreen = lazyNamed(
  () => import('../time/TimeScreen.tsx'),
  (m) => m.TimeScreen,
);
const InvoicesScreen = lazyNamed(
  () => import('../invoices/screen/InvoicesScreen.tsx'),
  (m) => m.InvoicesScreen,
);
const ReportsScreen = lazyNamed(
  () => import('../reports/ReportsScreen.tsx'),
  (m) => m.ReportsScreen,
);
const PresenceScreen = lazyNamed(
  () => import('../presence/screen/PresenceScreen.tsx'),
  (m) => m.PresenceScreen,
);
const SyncScreen = lazyNamed(
  () => import('../sync/SyncScreen.tsx'),
  (m) => m.SyncScreen,
);
const SettingsScreen = lazyNamed(
  () => import('../settings/SettingsScreen.tsx'),
  (m) => m.SettingsScreen,
);

function CurrentScreen({ screen }: { screen: ScreenId }) {
  const visit = useStore((s) => s.visit);
  switch (screen) {
    case 'today':
      return <TodayScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'clients':
      return <ClientsScreen />;
    case 'projects':
      return <ProjectsScreen />;
    case 'time':
      return <TimeScreen />;
    case 'invoices':
      // Choosing Invoices again returns to the list from an open invoice (a draft is saved as it closes).
      return <InvoicesScreen key={visit} />;
    case 'reports':
      return <ReportsScreen />;
    case 'presence':
      return <PresenceScreen />;
    case 'sync':
      return <SyncScreen />;
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
  );
}
