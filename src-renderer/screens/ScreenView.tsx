import type { ScreenId } from '../nav/screens.ts';
import { SettingsScreen } from '../settings/SettingsScreen.tsx';
import { ComingSoon } from './ComingSoon.tsx';
import { TodayScreen } from './TodayScreen.tsx';

/** Screens whose feature is still to come, with what they will do. */
const PLANNED: Record<Exclude<ScreenId, 'today' | 'settings'>, { title: string; purpose: string; arrivesWith: string }> = {
  clients: {
    title: 'Clients',
    purpose: 'Your clients with their contact, currency, rate, time zone and the residency policy that says where their data may go.',
    arrivesWith: 'the workspace',
  },
  projects: {
    title: 'Projects',
    purpose: 'Projects run in phases, quoted with a research buffer, with kill switches, experiments and expenses.',
    arrivesWith: 'the workspace and the project playbook',
  },
  time: {
    title: 'Time',
    purpose: 'Every time block in one fast table: typed entry ("9:30-11"), split, merge, filters and totals.',
    arrivesWith: 'the workspace',
  },
  reports: {
    title: 'Reports',
    purpose: 'Hours and billable amounts per client, project, phase and week, with charts and CSV export.',
    arrivesWith: 'the workspace',
  },
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
    default: {
      const planned = PLANNED[screen];
      return <ComingSoon key={screen} {...planned} />;
    }
  }
}
