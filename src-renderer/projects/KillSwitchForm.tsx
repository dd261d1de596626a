/** Agree a stop point: hours, spend or a date, the consequence in words, and whether it stops the timer. */
import { type FormEvent, useId, useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import type { KillTrigger } from '../domain/kill-switch.ts';
import type { Project } from '../domain/project.ts';
import { toMinor } from '../reports/money.ts';
import { errorMessage } from '../ui/error-message.ts';

type Kind = 'hours' | 'spend' | 'date' | 'metric';
type Comparator = '<' | '<=' | '>' | '>=';

export function KillSwitchForm({ project, onDone }: { project: Project; onDone: () => void }) {
  const addKillSwitch = useStore((s) => s.addKillSwitch);
  const experiments = useStore((s) => s.experiments).filter((e) => e.projectId === project.id);
  const [experimentId, setExperimentId] = useState('');
  const [comparator, setComparator] = useState<Comparator>('<');
  const [kind, setKind] = useState<Kind>('hours');
  const [threshold, setThreshold] = useState('');
  const [consequence, setConsequence] = useState('');
  const [stopsTimer, setStopsTimer] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const trigger = (): KillTrigger | string => {
    if (kind === 'hours') {
      const hours = Number(threshold.replace(',', '.'));
      return Number.isFinite(hours) && hours > 0 ? { kind: 'hours', hours } : 'Type the number of hours, such as 40.';
    }
    if (kind === 'spend') {
      const amount = toMinor(threshold, project.currency);
      return amount.ok ? { kind: 'spend', amountMinor: amount.minor, currency: project.currency } : amount.message;
    }
    if (kind === 'metric') {
      const value = Number(threshold.replace(',', '.'));
      const chosen = experimentId || experiments[0]?.id;
      if (!chosen) return 'A metric stop point watches an experiment: add one first.';
      return threshold.trim() !== '' && Number.isFinite(value)
        ? { kind: 'metric', experimentId: chosen, comparator, threshold: value }
        : 'Type the value, such as 0.65.';
    }
    return /^\d{4}-\d{2}-\d{2}$/.test(threshold) ? { kind: 'date', date: threshold } : 'Choose the date.';
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const t = trigger();
    if (typeof t === 'string') return setError(t);
    if (consequence.trim() === '') return setError('Write down what was agreed to happen, for example “stop and review with the client”.');
    try {
      await addKillSwitch({ projectId: project.id, trigger: t, consequence: consequence.trim(), stopsTimer, warnAtRatio: 0.8 });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <form className="entity-form" onSubmit={submit} noValidate autoComplete="off" aria-label="New kill switch">
      <div className="form-grid">
        <div className="field-group">
          <label htmlFor={`${id}-kind`}>Stop point</label>
          <select
            autoComplete="off"
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as Kind);
              setThreshold('');
            }}
          >
            <option value="hours">Hours logged</option>
            <option value="spend">Spend ({project.currency})</option>
            <option value="date">A date</option>
            <option value="metric">An experiment's metric</option>
          </select>
        </div>
        {kind === 'metric' && (
          <>
            <div className="field-group">
              <label htmlFor={`${id}-experiment`}>Experiment</label>
              <select
                autoComplete="off"
                id={`${id}-experiment`}
                value={experimentId || experiments[0]?.id || ''}
                onChange={(e) => setExperimentId(e.target.value)}
              >
                {experiments.length === 0 && <option value="">No experiments yet</option>}
                {experiments.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.metricName}: {e.hypothesis}
                  </option>
                ))}
              </select>
            </div>
            <div className="field-group">
              <label htmlFor={`${id}-comparator`}>Stop when it is</label>
              <select autoComplete="off" id={`${id}-comparator`} value={comparator} onChange={(e) => setComparator(e.target.value as Comparator)}>
                <option value="<">below</option>
                <option value="<=">at or below</option>
                <option value=">">above</option>
                <option value=">=">at or above</option>
              </select>
            </div>
          </>
        )}
        <div className="field-group">
          <label htmlFor={`${id}-threshold`}>
            {kind === 'hours' ? 'Hours' : kind === 'spend' ? `Amount (${project.currency})` : kind === 'metric' ? 'Value' : 'Date'}
          </label>
          <input
            autoComplete="off"
            id={`${id}-threshold`}
            type={kind === 'date' ? 'date' : 'text'}
            inputMode={kind === 'date' ? undefined : 'decimal'}
            value={threshold}
            onChange={(e) => setThreshold(e.target.value)}
          />
        </div>
      </div>
      <div className="field-group">
        <label htmlFor={`${id}-consequence`}>What was agreed to happen</label>
        <textarea
          autoComplete="off"
          id={`${id}-consequence`}
          rows={2}
          placeholder="After 40 h, if accuracy < 65 %, stop; the final payment is waived."
          value={consequence}
          onChange={(e) => setConsequence(e.target.value)}
        />
      </div>
      <label className="checkbox">
        <input autoComplete="off" type="checkbox" checked={stopsTimer} onChange={(e) => setStopsTimer(e.target.checked)} /> Stop the timer on this project when
        it triggers
      </label>
      <FormError message={error} />
      <div className="button-row">
        <button type="submit" className="button primary">
          Add kill switch
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
