import { useStore } from '../app/store.ts';

export function TodayScreen() {
  const navigate = useStore((s) => s.navigate);
  const today = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' }).format(new Date());
  return (
    <section className="screen" aria-labelledby="screen-title">
      <header className="screen-header">
        <h1 id="screen-title" tabIndex={-1}>
          Today
        </h1>
        <p className="muted">{today}</p>
      </header>
      <div className="empty-state">
        <p className="empty-title">Welcome to Caravan</p>
        <p>
          Today will show your time blocks, deep-work total and running timer. It arrives with the workspace and the timer; until then,
          check where your data lives in Settings.
        </p>
        <button type="button" className="button" onClick={() => navigate('settings')}>
          Open Settings
        </button>
      </div>
    </section>
  );
}
