import { RefreshCw, Wifi, WifiOff } from 'lucide-react';
import { useStore } from './store.ts';
import { syncStatusText } from '../sync/sync-status-text.ts';
import { useClock } from './use-clock.ts';
import { formatClockTime } from '../ui/format/dates.ts';

/** Sync's state while unlocked; nothing while locked or with no target. */
function SyncStatusItem() {
  const sync = useStore((s) => s.sync);
  const unlocked = useStore((s) => s.vault.kind === 'unlocked');
  const { now } = useClock(1_000);
  if (!unlocked || sync.phase === 'none') return null;
  return (
    <span className={sync.error ? 'status-item status-error' : 'status-item'} data-testid="sync-status">
      <RefreshCw aria-hidden size={14} /> {syncStatusText(sync, now, (ms) => formatClockTime(ms))}
    </span>
  );
}

/** Always-visible facts: network state as main sees it, and the app version. */
export function StatusBar() {
  const net = useStore((s) => s.net);
  const appInfo = useStore((s) => s.appInfo);
  const error = useStore((s) => s.platformError);
  return (
    <footer className="statusbar">
      <span className="status-item" role="status" aria-live="polite" data-testid="net-status">
        {net === null ? (
          'Checking network…'
        ) : net.online ? (
          <>
            <Wifi aria-hidden size={14} /> Online
          </>
        ) : (
          <>
            <WifiOff aria-hidden size={14} /> Offline: everything keeps working on this device
          </>
        )}
      </span>
      <SyncStatusItem />
      {error && <span className="status-item status-error">{error}</span>}
      <span className="status-spacer" />
      {appInfo && <span className="status-item">Caravan {appInfo.version}</span>}
    </footer>
  );
}
