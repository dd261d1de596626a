/**
 * A project's experiments: hypotheses with the metric that decides them, measured against the
 * baseline, and how many were tested each week. Links to runs are kept as text and never fetched.
 */
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import type { Experiment } from '../domain/experiment.ts';
import type { Project } from '../domain/project.ts';
import { isoWeek } from '../time/zoned-time.ts';
import { formatHours } from '../time/format.ts';
import { errorMessage } from '../ui/error-message.ts';

const OUTCOMES = { supported: 'Confirmed', refuted: 'Refuted', inconclusive: 'Inconclusive' } as const;
const number = (text: string) => (text.trim() === '' ? undefined : Number(text.replace(',', '.')));

function ResultForm({ experiment, onDone }: { experiment: Experiment; onDone: () => void }) {
  const patchExperiment = useStore((s) => s.patchExperiment);
  const [value, setValue] = useState('');
  const [outcome, setOutcome] = useState<keyof typeof OUTCOMES>('supported');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const measured = number(value);
    if (measured === undefined || !Number.isFinite(measured)) return setError(`Type the measured ${experiment.metricName}, for example 0.71.`);
    try {
      await patchExperiment(experiment.id, { value: measured, outcome, status: 'concluded', endedAt: Date.now() });
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <form className="field-row" onSubmit={save} autoComplete="off" aria-label="Record the result">
      <label htmlFor={`${id}-value`}>{experiment.metricName}</label>
      <input autoComplete="off" id={`${id}-value`} className="short" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
      <select autoComplete="off" aria-label="Outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as keyof typeof OUTCOMES)}>
        {Object.entries(OUTCOMES).map(([k, label]) => (
          <option key={k} value={k}>
            {label}
          </option>
        ))}
      </select>
      <button type="submit" className="button">
        Save result
      </button>
      <FormError message={error} />
    </form>
  );
}

export function ExperimentsSection({ project, zone, now }: { project: Project; zone: string; now: number }) {
  const all = useStore((s) => s.experiments);
  const blocks = useStore((s) => s.blocks);
  const addExperiment = useStore((s) => s.addExperiment);
  const experiments = useMemo(() => all.filter((e) => e.projectId === project.id), [all, project.id]);
  const [adding, setAdding] = useState(false);
  const [recording, setRecording] = useState<string | null>(null);
  const [hypothesis, setHypothesis] = useState('');
  const [metricName, setMetricName] = useState('');
  const [baseline, setBaseline] = useState('');
  const [target, setTarget] = useState('');
  const [links, setLinks] = useState('');
  const [setup, setSetup] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const attached = useMemo(() => {
    const ms = new Map<string, number>();
    for (const b of blocks)
      if (b.experimentId !== undefined && b.projectId === project.id) ms.set(b.experimentId, (ms.get(b.experimentId) ?? 0) + (b.end - b.start));
    return ms;
  }, [blocks, project.id]);
  const perWeek = useMemo(() => {
    const thisWeek = isoWeek(now, zone);
    const key = (w: { year: number; week: number }) => `${w.year}-W${String(w.week).padStart(2, '0')}`;
    const counts = new Map<string, number>();
    for (const e of experiments)
      if (e.status === 'concluded' && e.endedAt !== undefined) counts.set(key(isoWeek(e.endedAt, zone)), (counts.get(key(isoWeek(e.endedAt, zone))) ?? 0) + 1);
    return { thisWeek: counts.get(key(thisWeek)) ?? 0, total: [...counts.values()].reduce((a, b) => a + b, 0) };
  }, [experiments, now, zone]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const b = number(baseline);
    const t = number(target);
    if ((b !== undefined && !Number.isFinite(b)) || (t !== undefined && !Number.isFinite(t))) return setError('Baseline and target are numbers, such as 0.62.');
    try {
      await addExperiment({
        projectId: project.id,
        hypothesis: hypothesis.trim(),
        metricName: metricName.trim(),
        ...(b !== undefined ? { baseline: b } : {}),
        ...(t !== undefined ? { target: t } : {}),
        status: 'running',
        setup,
        startedAt: Date.now(),
        links: links.split(/\s+/).filter(Boolean),
      });
      setAdding(false);
      setHypothesis('');
      setMetricName('');
      setBaseline('');
      setTarget('');
      setLinks('');
      setSetup('');
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Experiments</h3>
      <p className="field-hint">
        Hypotheses tested this week: <strong>{perWeek.thisWeek}</strong> · in all: {perWeek.total}
      </p>
      {experiments.length === 0 && !adding && <p className="muted">Log what you try as a hypothesis with the metric that decides it.</p>}
      <ul className="kill-list">
        {experiments.map((e) => (
          <li key={e.id} className="kill-item">
            <div>
              <strong>{e.hypothesis}</strong>
              <div className="small">
                {e.metricName}: {e.value ?? '—'}
                {e.baseline !== undefined ? ` (baseline ${e.baseline}` : ' ('}
                {e.target !== undefined ? `, target ${e.target})` : ')'} · {e.outcome ? OUTCOMES[e.outcome] : e.status === 'running' ? 'Running' : e.status}
                {attached.has(e.id) && ` · ${formatHours(attached.get(e.id) ?? 0)} of work attached`}
              </div>
              {e.setup && <div className="small muted">Setup: {e.setup}</div>}
              {e.links.length > 0 && (
                <ul className="run-links small" aria-label="Runs">
                  {e.links.map((link) => (
                    <li key={link}>
                      <code>{link}</code>
                    </li>
                  ))}
                </ul>
              )}
              {recording === e.id && <ResultForm experiment={e} onDone={() => setRecording(null)} />}
            </div>
            {e.status !== 'concluded' && recording !== e.id && (
              <button type="button" className="button" onClick={() => setRecording(e.id)}>
                Record result
              </button>
            )}
          </li>
        ))}
      </ul>
      {adding ? (
        <form className="entity-form" onSubmit={add} autoComplete="off" noValidate aria-label="New experiment">
          <div className="field-group">
            <label htmlFor={`${id}-h`}>Hypothesis</label>
            <input
              autoComplete="off"
              id={`${id}-h`}
              value={hypothesis}
              placeholder="If we add the lab's QC flags as features, F1 rises above 0.70"
              onChange={(e) => setHypothesis(e.target.value)}
            />
          </div>
          <div className="form-grid">
            <div className="field-group">
              <label htmlFor={`${id}-m`}>Metric</label>
              <input autoComplete="off" id={`${id}-m`} value={metricName} placeholder="F1" onChange={(e) => setMetricName(e.target.value)} />
            </div>
            <div className="field-group">
              <label htmlFor={`${id}-b`}>Baseline</label>
              <input autoComplete="off" id={`${id}-b`} inputMode="decimal" value={baseline} onChange={(e) => setBaseline(e.target.value)} />
            </div>
            <div className="field-group">
              <label htmlFor={`${id}-t`}>Target</label>
              <input autoComplete="off" id={`${id}-t`} inputMode="decimal" value={target} onChange={(e) => setTarget(e.target.value)} />
            </div>
          </div>
          <div className="field-group">
            <label htmlFor={`${id}-s`}>Setup</label>
            <textarea
              autoComplete="off"
              id={`${id}-s`}
              rows={2}
              value={setup}
              placeholder="Frozen test set v3; 5-fold CV on sites A–D"
              onChange={(e) => setSetup(e.target.value)}
            />
          </div>
          <div className="field-group">
            <label htmlFor={`${id}-l`}>Links to runs, one per line (kept as text; Caravan never fetches them)</label>
            <textarea autoComplete="off" id={`${id}-l`} rows={2} value={links} onChange={(e) => setLinks(e.target.value)} />
          </div>
          <FormError message={error} />
          <div className="button-row">
            <button type="submit" className="button primary">
              Add experiment
            </button>
            <button type="button" className="button" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button" onClick={() => setAdding(true)}>
          Add experiment
        </button>
      )}
    </section>
  );
}
