/**
 * A project's kill switches: how close each is, what was agreed, every decision taken when one
 * triggered; each can be edited (its stop point raised), deleted with undo, or acknowledged.
 */
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useStore } from '../app/store.ts';
import type { KillSwitch } from '../domain/kill-switch.ts';
import type { Project } from '../domain/project.ts';
import { evaluateKillSwitch, type KillSwitchFacts } from '../playbook/kill-switch-eval.ts';
import { errorMessage } from '../ui/error-message.ts';
import { formatDay } from '../ui/format/dates.ts';
import { AcknowledgeDialog } from './AcknowledgeDialog.tsx';
import { DECISION_LABELS } from './kill-switch-ack.ts';
import { KillSwitchForm } from './KillSwitchForm.tsx';

const LEVEL_LABELS = { armed: 'Armed', approaching: 'Approaching', triggered: 'Triggered' } as const;

function Decisions({ killSwitch }: { killSwitch: KillSwitch }) {
  const list = killSwitch.acknowledgements ?? [];
  if (list.length === 0) return null;
  return (
    <ul className="small" aria-label="Decisions">
      {list.map((a) => (
        <li key={a.at}>
          {formatDay(a.at)}: {DECISION_LABELS[a.decision]} (triggered {formatDay(a.trippedAt)}){a.note ? `. ${a.note}` : ''}
        </li>
      ))}
    </ul>
  );
}

export function KillSwitchList({ project, facts }: { project: Project; facts: KillSwitchFacts }) {
  const killSwitches = useStore((s) => s.killSwitches);
  const addKillSwitch = useStore((s) => s.addKillSwitch);
  const deleteKillSwitch = useStore((s) => s.deleteKillSwitch);
  const notify = useStore((s) => s.notify);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [acknowledging, setAcknowledging] = useState<KillSwitch | null>(null);
  const switches = killSwitches.filter((k) => k.projectId === project.id);

  const remove = async (k: KillSwitch) => {
    try {
      const removed = await deleteKillSwitch(k.id);
      const { id: _id, clientId: _c, createdAt: _ca, updatedAt: _ua, ...rest } = removed;
      notify('Kill switch deleted.', { action: { label: 'Undo', run: () => void addKillSwitch(rest) } });
    } catch (e) {
      notify(errorMessage(e), { tone: 'error' });
    }
  };

  return (
    <>
      <h3>Kill switches</h3>
      {switches.length === 0 && !adding && <p className="muted">No stop points agreed yet. A kill switch says when to stop and what then happens.</p>}
      {switches.length > 0 && (
        <ul className="kill-list">
          {switches.map((k) => {
            const evaluation = evaluateKillSwitch(k, facts);
            const level = k.state === 'tripped' ? 'triggered' : evaluation.level;
            return (
              <li key={k.id} className={`kill-item ${level}`}>
                <div>
                  <strong>{k.state === 'disarmed' ? 'Acknowledged' : LEVEL_LABELS[level]}</strong> · {evaluation.progress}
                  <div className="small">
                    Agreed: {k.consequence}
                    {k.stopsTimer ? ' · stops the timer' : ''}
                  </div>
                  <Decisions killSwitch={k} />
                  {editing === k.id && <KillSwitchForm project={project} killSwitch={k} onDone={() => setEditing(null)} />}
                </div>
                {k.state === 'tripped' ? (
                  <button type="button" className="button" onClick={() => setAcknowledging(k)}>
                    Acknowledge
                  </button>
                ) : (
                  editing !== k.id && (
                    <div className="button-row">
                      <button type="button" className="button" aria-label={`Edit kill switch: ${evaluation.progress}`} onClick={() => setEditing(k.id)}>
                        Edit
                      </button>
                      <button type="button" className="button" aria-label={`Delete kill switch: ${evaluation.progress}`} onClick={() => void remove(k)}>
                        Delete
                      </button>
                    </div>
                  )
                )}
              </li>
            );
          })}
        </ul>
      )}
      {adding ? (
        <KillSwitchForm project={project} onDone={() => setAdding(false)} />
      ) : (
        <button type="button" className="button" onClick={() => setAdding(true)}>
          <Plus aria-hidden size={16} /> Add kill switch
        </button>
      )}
      <AcknowledgeDialog killSwitch={acknowledging} projectName={project.name} onClose={() => setAcknowledging(null)} />
    </>
  );
}
