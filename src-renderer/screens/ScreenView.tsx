import type { ScreenId } from '../nav/screens.ts';
import { useStore } from '../app/store.ts';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { ClientsScreen } from '../clients/ClientsScreen.tsx';
import { ProjectsScreen } from '../projects/ProjectsScreen.tsx';
import { ReportsScreen } from '../reports/ReportsScreen.tsx';
import { TimeScreen } from '../time/TimeScreen.tsx';
import { SyncScreen } from '../sync/SyncScreen.tsx';
import { TodayScreen } from './TodayScreen.tsx';
import { InvoicesScreen } from '../invoices/screen/InvoicesScreen.tsx';

export function ScreenView({ screen }: { screen: ScreenId }) {
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
    case 'sync':
      return <SyncScreen />;
  }
}
