import type { ScreenId } from '../nav/screens.ts';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { ClientsScreen } from '../clients/ClientsScreen.tsx';
import { ProjectsScreen } from '../projects/ProjectsScreen.tsx';
import { ReportsScreen } from '../reports/ReportsScreen.tsx';
import { TimeScreen } from '../time/TimeScreen.tsx';
import { ComingSoon } from './ComingSoon.tsx';
import { TodayScreen } from './TodayScreen.tsx';

/** Screens whose feature is still to come, with what they will do. */
const PLANNED: Record<Exclude<ScreenId, 'today' | 'settings' | 'clients' | 'projects' | 'time' | 'reports'>, { title: string; purpose: string; arrivesWith: string }> = {
  sync: {
    title: 'Sync',
    purpose: 'End-to-end encrypted sync to a folder, WebDAV or S3 storage you own, within each client’s residency rules.',
    arrivesWith: 'sync and the locality guard',
  },
};

export function ScreenView({ screen }: { screen: ScreenId }) {
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
    case 'reports':
      return <ReportsScreen />;
    default: {
      const planned = PLANNED[screen];
      return <ComingSoon key={screen} {...planned} />;
    }
  }
}
