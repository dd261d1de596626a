/**
 * Clients whose residency policy was widened elsewhere (another device, a bundle) and which main
 * holds until the person allows it on this device: nothing of them syncs meanwhile. "Review" asks
 * main to put its own question (with the countries the wider policy opens); editing the client and
 * saving a policy no wider than before ends the hold too.
 */
import { ShieldAlert } from 'lucide-react';
import { useState } from 'react';
import { useStore } from '../app/store.ts';
import { countryName } from '../domain/countries.ts';
import { allowWiderPolicy } from './locality-session.ts';
import { errorMessage } from '../ui/error-message.ts';

export function PolicyHoldsNotice() {
  const awaiting = useStore((s) => s.sync.policiesAwaiting);
  const clients = useStore((s) => s.clients);
  const notify = useStore((s) => s.notify);
  const setSyncStatus = useStore((s) => s.setSyncStatus);
  const [busy, setBusy] = useState<string | null>(null);
  if (awaiting.length === 0) return null;

  const review = async (clientId: string) => {
    const client = clients.find((c) => c.id === clientId);
    if (!client) return;
    setBusy(clientId);
    try {
      await allowWiderPolicy(client);
      setSyncStatus({ policiesAwaiting: useStore.getState().sync.policiesAwaiting.filter((a) => a.clientId !== clientId) });
      notify(`${client.name}’s wider policy is in force on this device; its data syncs where the policy allows.`);
    } catch (e) {
      notify(errorMessage(e), { tone: 'error' });
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="retention-review" aria-labelledby="policy-holds-title">
      <h2 id="policy-holds-title">
        <ShieldAlert aria-hidden size={18} /> {awaiting.length === 1 ? 'A wider residency policy waits' : `${awaiting.length} wider residency policies wait`}{' '}
        for you
      </h2>
      <p className="small">
        Changed on another device or in a bundle. Nothing of these clients leaves this device until you allow the wider policy here, or set one no wider than
        before.
      </p>
      <ul>
        {awaiting.map((a) => (
          <li key={a.clientId}>
            <div>
              <strong>{a.name}</strong>
              <div className="small muted">Would also allow: {a.added.map(countryName).join(', ')}</div>
            </div>
            <div className="button-row">
              <button
                type="button"
                className="button"
                aria-label={`Review ${a.name}’s wider policy`}
                disabled={busy !== null}
                onClick={() => void review(a.clientId)}
              >
                Review
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
