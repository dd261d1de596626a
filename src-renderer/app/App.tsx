import { useEffect, useRef, useState } from 'react';
import { CommandPalette } from '../palette/CommandPalette.tsx';
import { Toasts } from '../ui/Toasts.tsx';
import { DeviceOnlyExportDialog } from '../exports/DeviceOnlyExportDialog.tsx';
import { useTimerBridge } from '../timer/use-timer-bridge.ts';
import { useKillSwitchMonitor } from '../projects/use-kill-switch-monitor.ts';
import { KillSwitchBanner } from '../projects/KillSwitchBanner.tsx';
import { ReminderBanner } from '../reminders/ReminderBanner.tsx';
import { useReminders } from '../reminders/use-reminders.ts';
import { useDeviceZoneRecorder } from '../presence/use-device-zone.ts';
import { usePresenceWarnings } from '../presence/use-presence-warnings.ts';
import { useClock } from './use-clock.ts';
import { SCREENS, screenFromHash } from '../nav/screens.ts';
import { ScreenView } from '../screens/ScreenView.tsx';
import { applyTheme } from '../settings/theme-slice.ts';
import { Sidebar } from './Sidebar.tsx';
import { StatusBar } from './StatusBar.tsx';
import { useStore } from './store.ts';
import { useAutoLock } from '../vault/use-auto-lock.ts';
import { useUndoShortcut } from '../ui/use-undo.ts';

const isMac = /Mac/i.test(navigator.platform);
const MOD_KEY = isMac ? '⌘' : 'Ctrl';

export function App() {
  const screen = useStore((s) => s.screen);
  const navigate = useStore((s) => s.navigate);
  const connectPlatform = useStore((s) => s.connectPlatform);
  const theme = useStore((s) => s.theme);
  const request = useStore((s) => s.request);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);

  const connectTimer = useStore((s) => s.connectTimer);
  const { zone, now } = useClock();
  useEffect(() => connectPlatform(), [connectPlatform]);
  useEffect(() => connectTimer(), [connectTimer]);
  useTimerBridge(zone);
  useKillSwitchMonitor(zone, now);
  useReminders(zone);
  useDeviceZoneRecorder(zone, now);
  // Checked from the shell so a presence notification can fire whichever screen is open.
  usePresenceWarnings();
  useAutoLock();
  useUndoShortcut();
  useEffect(() => applyTheme(theme), [theme]);

  useEffect(() => {
    const onHash = () => navigate(screenFromHash(window.location.hash));
    const onKey = (event: KeyboardEvent) => {
      const mod = isMac ? event.metaKey : event.ctrlKey;
      if (!mod || event.altKey || event.shiftKey) return;
      const key = event.key.toLowerCase();
      const action =
        key === 'k' ? () => setPaletteOpen(true) : key === 'e' ? () => request('time', 'new-block') : key === 'f' ? () => request('time', 'search') : null;
      if (action) {
        event.preventDefault();
        action();
        return;
      }
      const index = Number.parseInt(event.key, 10) - 1;
      const target = SCREENS[index];
      if (target) {
        event.preventDefault();
        navigate(target.id);
      }
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('keydown', onKey);
    };
  }, [navigate, request]);

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Skip to content
      </a>
      <Sidebar modKey={MOD_KEY} />
      <main id="main" className="content" ref={mainRef} tabIndex={-1}>
        <KillSwitchBanner />
        <ReminderBanner />
        <ScreenView screen={screen} />
      </main>
      <StatusBar />
      <Toasts />
      <CommandPalette open={paletteOpen} onClose={() => setPaletteOpen(false)} modKey={MOD_KEY} />
      <DeviceOnlyExportDialog />
    </div>
  );
}
