import type { LucideIcon } from 'lucide-react';
import { ChartColumn, Clock, FolderKanban, Globe, Lock, ReceiptText, RefreshCw, Settings, Sun, Users } from 'lucide-react';
import { SCREENS, type ScreenId } from '../nav/screens.ts';
import { useStore } from './store.ts';

const ICONS: Record<ScreenId, LucideIcon> = {
  today: Sun,
  clients: Users,
  projects: FolderKanban,
  time: Clock,
  invoices: ReceiptText,
  reports: ChartColumn,
  presence: Globe,
  sync: RefreshCw,
  settings: Settings,
};

export function Sidebar({ modKey }: { modKey: string }) {
  const screen = useStore((s) => s.screen);
  const navigate = useStore((s) => s.navigate);
  const lockVault = useStore((s) => s.lockVault);
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand" aria-hidden>
        <span className="brand-mark">◆</span> Caravan
      </div>
      <ul>
        {SCREENS.map((item, index) => {
          const Icon = ICONS[item.id];
          const current = item.id === screen;
          return (
            <li key={item.id}>
              <a
                href={`#/${item.id}`}
                className={current ? 'nav-link current' : 'nav-link'}
                aria-current={current ? 'page' : undefined}
                title={`${item.label} (${modKey}+${index + 1})`}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(item.id);
                }}
              >
                <Icon aria-hidden size={18} />
                <span>{item.label}</span>
              </a>
            </li>
          );
        })}
      </ul>
      <button type="button" className="nav-link lock-button" onClick={() => lockVault()} title={`Lock (${modKey}+L)`}>
        <Lock aria-hidden size={18} />
        <span>Lock</span>
      </button>
    </nav>
  );
}
