/** The guard's decision for every active client on every target: allowed or held back, with why. */
import type { ClientPlacement, TargetView } from '../../src-preload/contract/index.ts';
import type { Client } from '../domain/client.ts';

export function PlacementCard({
  clients,
  targets,
  placements,
}: {
  clients: readonly Client[];
  targets: readonly TargetView[];
  placements: readonly ClientPlacement[];
}) {
  return (
    <section className="card" aria-labelledby="placement-title">
      <h2 id="placement-title">Where each client’s data may go</h2>
      <table className="list-table placement" aria-label="Where each client’s data may go">
        <thead>
          <tr>
            <th scope="col">Client</th>
            {targets.map((t) => (
              <th scope="col" key={t.id}>
                {t.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {clients.map((c) => {
            const placement = placements.find((p) => p.clientId === c.id);
            return (
              <tr key={c.id}>
                <th scope="row">{c.name}</th>
                {targets.map((t) => {
                  const d = placement?.decisions.find((x) => x.targetId === t.id);
                  return (
                    <td key={t.id} className={d?.allowed ? 'allowed' : 'held-back'}>
                      <strong>{d?.allowed ? 'Allowed' : 'Held back'}</strong>
                      <div className="small">{d?.reason ?? 'No decision yet.'}</div>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
