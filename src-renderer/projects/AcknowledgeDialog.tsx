/**
 * Acknowledging a triggered kill switch asks what was decided: continue with a new budget (the
 * stop point is raised and watched again), re-scope, continue as agreed, pause or stop the
 * project, or something else, with a note. The decision is recorded with its date on the switch.
 */
import { type FormEvent, useId, useState } from 'react';
import { useClock } from '../app/use-clock.ts';
import type { KillDecision, KillSwitch } from '../domain/kill-switch.ts';
import { evaluateKillSwitch } from '../playbook/kill-switch-eval.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { DECISION_LABELS, decisionProblem } from './kill-switch-ack.ts';
import { inputFromTrigger, thresholdLabel, triggerFromInput } from './kill-switch-input.ts';
import { Field, focusFirstInvalid } from '../ui/Field.tsx';
import type { FieldErrors } from '../ui/field-errors.ts';
import { FormButtons } from '../ui/FormButtons.tsx';
import { useAcknowledgeKillSwitch } from './use-acknowledge.ts';
import { useKillFacts } from './use-kill-facts.ts';

type AckField = 'threshold' | 'note';
const ORDER: readonly AckField[] = ['threshold', 'note'];
/** As kill-switch-ack.ts refuses a longer note. */
const NOTE_MAX = 2_000;

function AcknowledgeForm({ killSwitch, title, onDone }: { killSwitch: KillSwitch; title: string; onDone: () => void }) {
  const acknowledge = useAcknowledgeKillSwitch();
  const { now, zone } = useClock();
  const facts = useKillFacts(killSwitch.projectId, now, zone);
  const start = inputFromTrigger(killSwitch.trigger, killSwitch.trigger.kind === 'spend' ? killSwitch.trigger.currency : 'EUR');
  const [decision, setDecision] = useState<KillDecision | ''>('');
  const [threshold, setThreshold] = useState(start.threshold);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors<AckField>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const label = thresholdLabel(start.kind, start.currency);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (decision === '') return setFailure('What was decided? Choose one of the answers above.');
    setFailure(null);
    const next: FieldErrors<AckField> = {};
    let trigger;
    if (decision === 'new-budget') {
      const parsed = triggerFromInput({ ...start, threshold });
      if (!parsed.ok) next.threshold = parsed.message;
      else {
        // A budget already used up would trigger again at once.
        const evaluation = evaluateKillSwitch({ ...killSwitch, state: 'armed', trigger: parsed.trigger }, facts);
        if (evaluation.level === 'triggered') next.threshold = `${label}: that stop point is already reached, at ${evaluation.progress}. Choose one beyond it.`;
        else trigger = parsed.trigger;
      }
    }
    const problem = decisionProblem({ decision, note, ...(trigger ? { trigger } : {}) });
    if (problem?.field === 'note') next.note = problem.message;
    setErrors(next);
    if (Object.keys(next).length > 0) return focusFirstInvalid(ORDER, next, (key) => `${id}-${key}`);
    setSaving(true);
    const saved = await acknowledge(killSwitch, { decision, note, ...(trigger ? { trigger } : {}) });
    setSaving(false);
    if (saved) onDone();
  };

  return (
    <form className="entity-form" onSubmit={submit} noValidate autoComplete="off" aria-label={title}>
      <p>Agreed: {killSwitch.consequence}</p>
      <fieldset>
        <legend>What was decided?</legend>
        {(Object.keys(DECISION_LABELS) as KillDecision[]).map((d) => (
          <label key={d} className="checkbox">
            <input autoComplete="off" type="radio" name={`${id}-decision`} value={d} checked={decision === d} onChange={() => setDecision(d)} />{' '}
            {DECISION_LABELS[d]}
          </label>
        ))}
      </fieldset>
      {decision === 'new-budget' && (
        <Field id={`${id}-threshold`} label={label} error={errors.threshold} hint="The switch is armed again at the new stop point, with the same agreement.">
          {(control) => (
            <input
              autoComplete="off"
              {...control}
              type={start.kind === 'date' ? 'date' : 'text'}
              inputMode={start.kind === 'date' ? undefined : 'decimal'}
              value={threshold}
              onChange={(e) => setThreshold(e.target.value)}
            />
          )}
        </Field>
      )}
      <Field id={`${id}-note`} label="Note" error={errors.note} length={note.trim().length} max={NOTE_MAX}>
        {(control) => (
          <textarea
            autoComplete="off"
            {...control}
            rows={2}
            value={note}
            placeholder="Agreed with the client on a call: 20 more hours for the per-site analysis."
            onChange={(e) => setNote(e.target.value)}
          />
        )}
      </Field>
      <FormButtons submit="Record decision" failure={failure} busy={saving} onCancel={onDone} />
    </form>
  );
}

/** The dialog around {@link AcknowledgeForm}; open while `killSwitch` is set. */
export function AcknowledgeDialog({ killSwitch, projectName, onClose }: { killSwitch: KillSwitch | null; projectName: string; onClose: () => void }) {
  const title = `Acknowledge the kill switch on ${projectName}`;
  return (
    <Dialog title={title} open={killSwitch !== null} onClose={onClose}>
      {killSwitch && <AcknowledgeForm killSwitch={killSwitch} title={title} onDone={onClose} />}
    </Dialog>
  );
}
