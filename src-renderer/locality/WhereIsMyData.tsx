/**
 * "Where is my data" for one client: every target, whether the guard lets
 * this client's data go there (and why not), and whether it already holds
 * some. The decisions are main's, from the same check every upload passes.
 */
import type { ClientPlacement, TargetView } from '../../src-preload/contract/index.ts';
import type { Client } from '../domain/client.ts';
import { useStore } from '../app/store.ts';
import { caravan, unwrap } from '../ipc/caravan.ts';
import { describeResidency } from '../clients/ResidencyPicker.tsx';
import { errorMessage } from '../ui/error-message.ts';
import { useLoaded } from '../ui/use-loaded.ts';

export function WhereIsMyData({ client }: { client: Client }) {
  const awaiting = useStore((s) => s.sync.policiesAwaiting.some((w) => w.clientId === client.id));
  const loaded = useLoaded(async (): Promise<{ placement: ClientPlacement | undefined; targets: TargetView[] }> => {
    const [[placement], list] = await Promise.all([
      unwrap(caravan().locality.placement([{ id: client.id, label: client.name }])),
      unwrap(caravan().locality.targets()),
    ]);
    return { placement, targets: list.targets };
  }, [client.id, client.name]);

  if (loaded.status === 'failed') return <p className="form-error">{errorMessage(loaded.error)}</p>;
  if (!loaded.value?.placement) return <p className="muted">Asking the locality guard…</p>;
  const { placement, targets } = loaded.value;
  const label = (id: string) => targets.find((t) => t.id === id)?.label ?? 'A removed target';
  return (
    <div className="where-is-my-data">
      <p>
        Policy: <strong>{describeResidency(client.residency)}</strong>. A copy is always on this device, encrypted.
      </p>
      {!placement.known && (
        <p className="form-error">
          {awaiting
            ? 'This policy was widened on another device or in a bundle and waits for your confirmation here (Clients, Review); until then nothing of this client leaves this device.'
            : 'The locality guard has no policy for this client yet, so nothing of it leaves this device.'}
        </p>
      )}
      {placement.decisions.length === 0 ? (
        <p className="muted">No sync targets yet: this client’s data is only on this device. Add targets under Sync.</p>
      ) : (
        <table className="list-table" aria-label={`Where ${client.name}’s data may go`}>
          <thead>
            <tr>
              <th scope="col">Target</th>
              <th scope="col">Decision</th>
              <th scope="col">Holds data</th>
            </tr>
          </thead>
          <tbody>
            {placement.decisions.map((d) => (
              <tr key={d.targetId} className={d.allowed ? 'allowed' : 'held-back'}>
                <th scope="row">{label(d.targetId)}</th>
                <td>
                  <strong>{d.allowed ? 'Allowed' : 'Held back'}</strong>
                  <div className="small">{d.reason}</div>
                </td>
                <td>{d.holds ? 'Yes' : 'No'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
