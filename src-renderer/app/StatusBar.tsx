import { Wifi, WifiOff } from 'lucide-react';
import { useStore } from './store.ts';

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
      {error && <span className="status-item status-error">{error}</span>}
      <span className="status-spacer" />
      {appInfo && <span className="status-item">Caravan {appInfo.version}</span>}
    </footer>
  );
}
