/**
 * Agree a stop point (hours, spend, a date or an experiment's metric), the consequence in words,
 * and whether it stops the timer; the same form, prefilled, edits it (raising the stop point of an
 * approaching or acknowledged switch arms it again).
 */
import { type FormEvent, useId, useState } from 'react';
import { useStore } from '../app/store.ts';
import type { KillSwitch } from '../domain/kill-switch.ts';
import type { Project } from '../domain/project.ts';
import { Field, focusFirstInvalid } from '../ui/Field.tsx';
import type { FieldErrors } from '../ui/field-errors.ts';
import { FormButtons } from '../ui/FormButtons.tsx';
import { saveFailure } from './form-fields.ts';
import { type Comparator, inputFromTrigger, sameTrigger, thresholdLabel, triggerFromInput, type TriggerKind } from './kill-switch-input.ts';

type KillField = 'threshold' | 'experiment' | 'consequence';
const ORDER: readonly KillField[] = ['experiment', 'threshold', 'consequence'];
const CONSEQUENCE_MAX = 2_000;

export function KillSwitchForm({ project, killSwitch, onDone }: { project: Project; killSwitch?: KillSwitch; onDone: () => void }) {
  const addKillSwitch = useStore((s) => s.addKillSwitch);
  const patchKillSwitch = useStore((s) => s.patchKillSwitch);
  const experiments = useStore((s) => s.experiments).filter((e) => e.projectId === project.id);
  const start = killSwitch ? inputFromTrigger(killSwitch.trigger, project.currency) : null;
  const [experimentId, setExperimentId] = useState(start?.experimentId ?? '');
  const [comparator, setComparator] = useState<Comparator>(start?.comparator ?? '<');
  const [kind, setKind] = useState<TriggerKind>(start?.kind ?? 'hours');
  const [threshold, setThreshold] = useState(start?.threshold ?? '');
  const [consequence, setConsequence] = useState(killSwitch?.consequence ?? '');
  const [stopsTimer, setStopsTimer] = useState(killSwitch?.stopsTimer ?? true);
  const [errors, setErrors] = useState<FieldErrors<KillField>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const id = useId();
  const currency = start?.kind === 'spend' ? start.currency : project.currency;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: FieldErrors<KillField> = {};
    const parsed = triggerFromInput({ kind, threshold, currency, experimentId: experimentId || experiments[0]?.id || '', comparator });
    if (!parsed.ok) next[parsed.field] = parsed.message;
    if (consequence.trim() === '') next.consequence = 'What was agreed to happen: write it down, for example “stop and review with the client”.';
    else if (consequence.trim().length > CONSEQUENCE_MAX)
      next.consequence = `What was agreed to happen: at most 2,000 characters (now ${consequence.trim().length}).`;
    setErrors(next);
    if (!parsed.ok || Object.keys(next).length > 0) return focusFirstInvalid(ORDER, next, (key) => `${id}-${key}`);
    try {
      if (!killSwitch) {
        await addKillSwitch({ projectId: project.id, trigger: parsed.trigger, consequence: consequence.trim(), stopsTimer, warnAtRatio: 0.8 });
      } else {
        const moved = !sameTrigger(parsed.trigger, killSwitch.trigger);
        await patchKillSwitch(killSwitch.id, {
          trigger: parsed.trigger,
          consequence: consequence.trim(),
          stopsTimer,
          // A new stop point is watched afresh: the monitor warns or trips again from `armed`.
          ...(moved && killSwitch.state !== 'tripped' ? { state: 'armed' as const } : {}),
        });
      }
      onDone();
    } catch (e) {
      setFailure(saveFailure(e, 'the kill switch'));
    }
  };

  return (
    <form className="entity-form" onSubmit={submit} noValidate autoComplete="off" aria-label={killSwitch ? 'Edit kill switch' : 'New kill switch'}>
      <div className="form-grid">
        <div>
          <Field id={`${id}-kind`} label="Stop point">
            {(control) => (
              <select
                autoComplete="off"
                {...control}
                value={kind}
                onChange={(e) => {
                  setKind(e.target.value as TriggerKind);
                  setThreshold('');
                }}
              >
                <option value="hours">Hours logged</option>
                <option value="spend">Spend ({currency})</option>
                <option value="date">A date</option>
                <option value="metric">An experiment's metric</option>
              </select>
            )}
          </Field>
        </div>
        {kind === 'metric' && (
          <>
            <div>
              <Field id={`${id}-experiment`} label="Experiment" error={errors.experiment}>
                {(control) => (
                  <select autoComplete="off" {...control} value={experimentId || experiments[0]?.id || ''} onChange={(e) => setExperimentId(e.target.value)}>
                    {experiments.length === 0 && <option value="">No experiments yet</option>}
                    {experiments.map((e) => (
                      <option key={e.id} value={e.id}>
                        {e.metricName}: {e.hypothesis}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <div>
              <Field id={`${id}-comparator`} label="Stop when it is">
                {(control) => (
                  <select autoComplete="off" {...control} value={comparator} onChange={(e) => setComparator(e.target.value as Comparator)}>
                    <option value="<">below</option>
                    <option value="<=">at or below</option>
                    <option value=">">above</option>
                    <option value=">=">at or above</option>
                  </select>
                )}
              </Field>
            </div>
          </>
        )}
        <div>
          <Field id={`${id}-threshold`} label={thresholdLabel(kind, currency)} error={errors.threshold}>
            {(control) => (
              <input
                autoComplete="off"
                {...control}
                type={kind === 'date' ? 'date' : 'text'}
                inputMode={kind === 'date' ? undefined : 'decimal'}
                value={threshold}
                onChange={(e) => setThreshold(e.target.value)}
              />
            )}
          </Field>
        </div>
      </div>
      <Field id={`${id}-consequence`} label="What was agreed to happen" error={errors.consequence} length={consequence.trim().length} max={CONSEQUENCE_MAX}>
        {(control) => (
          <textarea
            autoComplete="off"
            {...control}
            rows={2}
            placeholder="After 40 h, if accuracy < 65 %, stop; the final payment is waived."
            value={consequence}
            onChange={(e) => setConsequence(e.target.value)}
          />
        )}
      </Field>
      <label className="checkbox">
        <input autoComplete="off" type="checkbox" checked={stopsTimer} onChange={(e) => setStopsTimer(e.target.checked)} /> Stop the timer on this project when
        it triggers
      </label>
      <FormButtons submit={killSwitch ? 'Save kill switch' : 'Add kill switch'} failure={failure} onCancel={onDone} />
    </form>
  );
}
