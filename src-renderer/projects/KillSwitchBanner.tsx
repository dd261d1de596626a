/** Every triggered kill switch, on every screen, until it is acknowledged. */
import { OctagonX } from 'lucide-react';
import { useState } from 'react';
import { useStore } from '../app/store.ts';
import type { KillSwitch } from '../domain/kill-switch.ts';
import { AcknowledgeDialog } from './AcknowledgeDialog.tsx';

export function KillSwitchBanner() {
  const killSwitches = useStore((s) => s.killSwitches);
  const projects = useStore((s) => s.projects);
  const clients = useStore((s) => s.clients);
  const [acknowledging, setAcknowledging] = useState<KillSwitch | null>(null);
  const tripped = killSwitches.filter((k) => k.state === 'tripped');
  const dialog = (
    <AcknowledgeDialog
      killSwitch={acknowledging}
      projectName={projects.find((p) => p.id === acknowledging?.projectId)?.name ?? ''}
      onClose={() => setAcknowledging(null)}
    />
  );
  // The dialog keeps its place in the tree, so it is not remounted when the last banner goes.
  return (
    <>
      {tripped.length > 0 && (
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
                <button type="button" className="button" onClick={() => setAcknowledging(k)}>
                  Acknowledge
                </button>
              </div>
            );
          })}
        </div>
      )}
      {dialog}
    </>
  );
}
