/**
 * Travel mode on the Sync screen: say where you are; see which clients
 * would leave this device and whether anything blocks the trip; start it
 * (with a confirmation); end it, and the clients come back by sync.
 */
import { Plane } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import { useStore } from '../app/store.ts';
import { formatDay } from '../ui/format/dates.ts';
import { countOf } from '../ui/format/plural.ts';
import { countriesByName, countryName } from '../domain/countries.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { restartSync } from '../sync/sync-runner.ts';
import { planTrip, startTrip, type TripPlan } from './start-trip.ts';
import { endTrip, loadTravel, type TravelState } from './travel.ts';
import { tripDeps } from './trip-deps.ts';
import { errorMessage } from '../ui/error-message.ts';
import { useLoaded } from '../ui/use-loaded.ts';

export function TravelCard({ onChanged }: { onChanged: () => void }) {
  const vault = useStore((s) => s.vault);
  const clients = useStore((s) => s.clients);
  const notify = useStore((s) => s.notify);
  const dropErasedClient = useStore((s) => s.dropErasedClient);
  const [country, setCountry] = useState('');
  const [plan, setPlan] = useState<TripPlan | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const vaultId = vault.kind === 'unlocked' ? vault.vaultId : '';
  const countries = useMemo(() => countriesByName(), []);

  // Read again when clients change: the trip's "returning" list shrinks as they arrive.
  const travelState = useLoaded<TravelState | null>(() => (vaultId ? loadTravel(vaultId) : Promise.resolve(null)), [vaultId, clients]);
  const travel = travelState.value ?? null;

  const check = async (code: string) => {
    setCountry(code);
    setPlan(null);
    if (!code) return;
    try {
      setPlan(await planTrip(tripDeps(vaultId), code, clients));
    } catch (e) {
      notify(errorMessage(e), { tone: 'error' });
    }
  };

  const start = async () => {
    if (!plan) return;
    setConfirming(false);
    setBusy(true);
    const outcome = await startTrip(tripDeps(vaultId), plan, Date.now());
    if (outcome.kind === 'not-started') {
      if (outcome.replanned) setPlan(outcome.replanned);
      notify(outcome.message, { tone: 'error' });
      setBusy(false);
      return;
    }
    // Every client that left is dropped from the screens, also when the trip stopped half way.
    for (const id of outcome.left) dropErasedClient(id);
    travelState.reload();
    setPlan(null);
    restartSync();
    if (outcome.kind === 'unfinished') notify(outcome.message, { tone: 'error' });
    else
      notify(
        plan.leaving.length === 0
          ? `Travel mode on: ${countryName(plan.country)}. Every client may stay.`
          : `Travel mode on: ${countOf(plan.leaving.length, 'client')} left this device.`,
      );
    onChanged();
    setBusy(false);
  };

  const end = async () => {
    setBusy(true);
    try {
      await endTrip(vaultId);
      travelState.reload();
      restartSync();
      notify('Trip ended: the clients that left come back with the next sync.');
      onChanged();
    } catch (e) {
      notify(errorMessage(e), { tone: 'error' });
    }
    setBusy(false);
  };

  const travelling = travel !== null && travel.country !== '';
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        <Plane aria-hidden size={18} /> Travel mode
      </h2>
      {travelState.status === 'failed' && <p className="form-error">Travel mode’s state could not be read: {errorMessage(travelState.error)}</p>}
      {travelling ? (
        <>
          <p role="status" data-testid="travel-status">
            Travelling in {countryName(travel.country)} since {formatDay(travel.since)}.{' '}
            {travel.removed.length === 0
              ? 'No client had to leave this device.'
              : `${countOf(travel.removed.length, 'client')} ${travel.removed.length === 1 ? 'is' : 'are'} off this device until the trip ends.`}
          </p>
          <button type="button" className="button" disabled={busy} onClick={() => void end()}>
            End trip
          </button>
        </>
      ) : (
        <>
          {travel && travel.returning.length > 0 && (
            <p role="status" data-testid="travel-status">
              {countOf(travel.returning.length, 'client')} on {travel.returning.length === 1 ? 'its' : 'their'} way back from the sync target.
            </p>
          )}
          <div className="field-group">
            <label htmlFor={`${id}-country`}>I am in</label>
            <select autoComplete="off" id={`${id}-country`} value={country} onChange={(e) => void check(e.target.value)}>
              <option value="">Choose a country…</option>
              {countries.map((code) => (
                <option key={code} value={code}>
                  {countryName(code)}
                </option>
              ))}
            </select>
          </div>
          {plan && (
            <div data-testid="trip-plan">
              {plan.leaving.length === 0 ? (
                <p>Every client’s policy allows {countryName(plan.country)}: nothing leaves this device.</p>
              ) : (
                <p>
                  Leaving this device for the trip: {plan.leaving.map((c) => c.name).join(', ')}. They stay encrypted on the sync targets their policy allows
                  and come back when the trip ends.
                </p>
              )}
              {plan.blockers.length > 0 && (
                <ul className="form-error" aria-label="What blocks the trip">
                  {plan.blockers.map((b) => (
                    <li key={b.client.id}>{b.reason}</li>
                  ))}
                </ul>
              )}
              <button type="button" className="button primary" disabled={busy || plan.blockers.length > 0} onClick={() => setConfirming(true)}>
                Start trip
              </button>
            </div>
          )}
        </>
      )}
      <ConfirmDialog
        title="Start the trip?"
        open={confirming}
        message={
          plan
            ? `${countOf(plan.leaving.length, 'client')} will be removed from this device (keys and records) until the trip ends: ${plan.leaving.map((c) => c.name).join(', ')}.`
            : ''
        }
        confirmLabel="Start trip"
        onCancel={() => setConfirming(false)}
        onConfirm={() => void start()}
      />
    </section>
  );
}
