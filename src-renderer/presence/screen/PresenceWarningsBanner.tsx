/** The presence warnings at the top of the Presence screen (use-presence-warnings.ts), each with its title and message. */
import type { PresenceWarningsView } from '../use-presence-warnings.ts';

export function PresenceWarningsBanner({ view }: { view: PresenceWarningsView }) {
  if (view.warnings.length === 0 && view.error === null) return null;
  return (
    <div className="presence-warnings" role="status" aria-label="Presence warnings">
      {view.warnings.map((w) => (
        <p key={w.id} className={`banner presence-warning presence-warning-${w.level}`} data-testid="presence-warning">
          <strong>{w.title}</strong> {w.message}
        </p>
      ))}
      {view.error !== null && <p className="banner warn">{view.error}</p>}
    </div>
  );
}
