import { useStore } from '../app/store.ts';
import type { ThemePreference } from './theme-slice.ts';
import { SecuritySettings } from '../vault/ui/SecuritySettings.tsx';
import { TimerPreferencesCard } from '../timer/TimerPreferencesCard.tsx';
import { IdentityCard } from '../identity/IdentityCard.tsx';
import { HourStyleCard } from './HourStyleCard.tsx';
import { RemindersCard } from './RemindersCard.tsx';
import { BusinessProfileCard } from '../invoices/profile/BusinessProfileCard.tsx';
import { CalendarsCard } from '../calendar/ics/CalendarsCard.tsx';
import { SyncGuardCard } from '../sync/SyncGuardCard.tsx';
import { HistoryRetentionCard } from '../history/HistoryRetentionCard.tsx';

const THEMES: { value: ThemePreference; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

const PLATFORM_NAMES = { darwin: 'macOS', win32: 'Windows', linux: 'Linux', other: 'Other' } as const;

export function SettingsScreen() {
  const appInfo = useStore((s) => s.appInfo);
  const theme = useStore((s) => s.theme);
  const setTheme = useStore((s) => s.setTheme);
  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-header">
        <h1 id="screen-title" tabIndex={-1}>
          Settings
        </h1>
      </header>

      <fieldset className="card">
        <legend>Appearance</legend>
        <div className="radio-row" role="radiogroup" aria-label="Theme">
          {THEMES.map((option) => (
            <label key={option.value} className="radio">
              <input
                autoComplete="off"
                type="radio"
                name="theme"
                value={option.value}
                checked={theme === option.value}
                onChange={() => setTheme(option.value)}
              />
              {option.label}
            </label>
          ))}
        </div>
      </fieldset>

      <HourStyleCard />

      <BusinessProfileCard />

      <SecuritySettings />

      <IdentityCard />

      <TimerPreferencesCard />

      <RemindersCard />

      <SyncGuardCard />

      <CalendarsCard />

      <HistoryRetentionCard />

      <div className="card">
        <h2>About this installation</h2>
        {appInfo ? (
          <dl className="facts" data-testid="app-info">
            <dt>Version</dt>
            <dd>{appInfo.version}</dd>
            <dt>Platform</dt>
            <dd>{PLATFORM_NAMES[appInfo.platform]}</dd>
            <dt>Data folder</dt>
            <dd>
              <code>{appInfo.dataFolder}</code>
            </dd>
          </dl>
        ) : (
          <p className="muted">Loading…</p>
        )}
        <p className="muted">
          Your vault, window layout and settings live in the data folder. Vault contents are encrypted; the folder holds nothing readable without your
          passphrase.
        </p>
      </div>
    </section>
  );
}
