/** Every triggered kill switch, on every screen, until it is acknowledged. */
import { OctagonX } from 'lucide-react';
import { useStore } from '../app/store.ts';
import { useAcknowledgeKillSwitch } from './use-acknowledge.ts';

export function KillSwitchBanner() {
  const killSwitches = useStore((s) => s.killSwitches);
  const projects = useStore((s) => s.projects);
  const clients = useStore((s) => s.clients);
  const acknowledge = useAcknowledgeKillSwitch();
  const tripped = killSwitches.filter((k) => k.state === 'tripped');
  if (tripped.length === 0) return null;
  return (
    <div className="kill-banners">
      {tripped.map((k) => {
        const project = projects.find((p) => p.id === k.projectId);
        const client = clients.find((c) => c.id === k.clientId);
        return (
          <div key={k.id} className="kill-banner" role="alert">
            <OctagonX aria-hidden size={20} />
            <div>
              <strong>
                Kill switch triggered: {client?.name ?? ''} · {project?.name ?? ''}
              </strong>
              <p>Agreed: {k.consequence}</p>
              {k.stopsTimer && <p className="small">The timer will not run on this project until you acknowledge it.</p>}
            </div>
            <button type="button" className="button" onClick={() => void acknowledge(k)}>
              Acknowledge
            </button>
          </div>
        );
      })}
    </div>
  );
}
