/**
 * Presence: where the person was, day by day, and what it means. Today's Schengen answer first,
 * then planning a trip, the trips, the ledger month by month, the tax-year counts with their rules,
 * and the accountant's export. The screen reads and writes through one injected backend
 * (presence-backend.ts); each section is its own component.
 */
import { useCallback, useMemo } from 'react';
import { useStore } from '../../app/store.ts';
import { useClock } from '../../app/use-clock.ts';
import type { PresenceRules } from '../../domain/presence.ts';
import { formatIsoDate, zonedDate } from '../../time/zoned-time.ts';
import { errorMessage } from '../../ui/error-message.ts';
import { ScreenHeader } from '../../ui/ScreenHeader.tsx';
import { WorkspaceState } from '../../workspace/WorkspaceState.tsx';
import { ExportCard } from './ExportCard.tsx';
import { LedgerMonth } from './LedgerMonth.tsx';
import { PlanTripCard } from './PlanTripCard.tsx';
import type { PresenceBackend, WriteOutcome } from './presence-backend.ts';
import { countingDays, schengenToday } from './presence-view.ts';
import { withRule } from './rule-form.ts';
import { SchengenCard } from './SchengenCard.tsx';
import { SchengenWarningForm } from './SchengenWarningForm.tsx';
import { TaxYearsSection } from './TaxYearsSection.tsx';
import { TripsSection } from './TripsSection.tsx';
import { usePresenceSnapshot } from './use-presence.ts';
import { vaultPresenceBackend } from './vault-backend.ts';
import { usePresenceWarnings } from '../use-presence-warnings.ts';
import { PresenceWarningsBanner } from './PresenceWarningsBanner.tsx';
import './presence.css';

/** `backend`: the open vault's unless a test passes its own. */
export function PresenceScreen({ backend = vaultPresenceBackend }: { backend?: PresenceBackend }) {
  // Its own check: it refreshes after every local write, so the banner follows the ledger's changes.
  const warnings = usePresenceWarnings();
  const { zone, now } = useClock();
  const today = formatIsoDate(zonedDate(now, zone));
  const notify = useStore((s) => s.notify);
  const snapshot = usePresenceSnapshot(backend, today);
  const { reload } = snapshot;
  const told = useCallback((message: string, error = false) => notify(message, error ? { tone: 'error' } : {}), [notify]);
  const days = useMemo(() => countingDays(snapshot.value?.days ?? []), [snapshot.value]);
  const answer = useMemo(() => schengenToday(days, today), [days, today]);

  const saveRules = useCallback(
    async (rules: PresenceRules): Promise<WriteOutcome> => {
      try {
        const outcome = await backend.saveRules(rules);
        if (outcome.ok) reload();
        return outcome;
      } catch (error) {
        return { ok: false, message: errorMessage(error) };
      }
    },
    [backend, reload],
  );

  const value = snapshot.value;
  return (
    <section className="screen wide presence-screen" aria-labelledby="screen-title">
      <ScreenHeader title="Presence" subtitle={`Days per country, counted on calendar days in ${zone}`} />
      <WorkspaceState>
        <PresenceWarningsBanner view={warnings} />
        {snapshot.status === 'failed' && (
          <div className="card" role="alert">
            <p>The presence ledger could not be read: {errorMessage(snapshot.error)}</p>
            <button type="button" className="button" onClick={reload}>
              Try again
            </button>
          </div>
        )}
        {value === undefined ? (
          snapshot.status === 'loading' && <p className="muted">Reading the ledger…</p>
        ) : (
          <>
            <SchengenCard answer={answer} today={today}>
              <SchengenWarningForm key={`${value.rules.schengenWarnDaysLeft} ${value.rules.notify}`} rules={value.rules} save={saveRules} />
            </SchengenCard>
            <PlanTripCard
              days={days}
              today={today}
              save={async (draft) => {
                const outcome = await backend.saveTrips([draft]);
                if (outcome.ok) reload();
                return outcome;
              }}
            />
            <TripsSection
              trips={value.trips}
              today={today}
              actions={{
                saveTrips: (drafts) => backend.saveTrips(drafts),
                updateTrip: (id, draft) => backend.updateTrip(id, draft),
                deleteTrip: (id) => backend.deleteTrip(id),
                changed: reload,
                failed: (message) => told(message, true),
              }}
            />
            <LedgerMonth
              days={value.days}
              today={today}
              actions={{
                setDay: (day, stays, note) => backend.setDay(day, stays, note),
                clearDay: (day) => backend.clearDay(day),
                confirmHints: (list) => backend.confirmHints(list),
                changed: reload,
                told,
              }}
            />
            <TaxYearsSection days={days} rules={value.rules} today={today} saveRule={(country, rule) => saveRules(withRule(value.rules, country, rule))} />
            <ExportCard days={days} rules={value.rules} today={today} told={told} />
          </>
        )}
      </WorkspaceState>
    </section>
  );
}
