/** Agree a stop point: hours, spend or a date, the consequence in words, and whether it stops the timer. */
import { type FormEvent, useId, useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import type { KillTrigger } from '../domain/kill-switch.ts';
import type { Project } from '../domain/project.ts';
import { toMinor } from '../reports/money.ts';

type Kind = 'hours' | 'spend' | 'date';

export function KillSwitchForm({ project, onDone }: { project: Project; onDone: () => void }) {
  const addKillSwitch = useStore((s) => s.addKillSwitch);
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
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <form className="entity-form" onSubmit={submit} noValidate autoComplete="off" aria-label="New kill switch">
      <div className="form-grid">
        <div className="field-group">
          <label htmlFor={`${id}-kind`}>Stop point</label>
          <select
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
          </select>
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-threshold`}>{kind === 'hours' ? 'Hours' : kind === 'spend' ? `Amount (${project.currency})` : 'Date'}</label>
          <input id={`${id}-threshold`} type={kind === 'date' ? 'date' : 'text'} inputMode={kind === 'date' ? undefined : 'decimal'} value={threshold} onChange={(e) => setThreshold(e.target.value)} />
        </div>
      </div>
      <div className="field-group">
        <label htmlFor={`${id}-consequence`}>What was agreed to happen</label>
        <textarea
          id={`${id}-consequence`}
          rows={2}
          placeholder="After 40 h, if accuracy < 65 %, stop; the final payment is waived."
          value={consequence}
          onChange={(e) => setConsequence(e.target.value)}
        />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={stopsTimer} onChange={(e) => setStopsTimer(e.target.checked)} /> Stop the timer on this project when it triggers
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
