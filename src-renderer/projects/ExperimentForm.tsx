/**
 * One form to add an experiment and to edit it later (prefilled): the hypothesis, its metric with
 * baseline and target, the measured value, and the outcome. The outcome is "Pending" until the
 * person chooses; with a target and a measured value the form suggests the outcome they imply and
 * preselects it while the person has not chosen, saying why, so a miss is never saved as a success.
 */
import { type FormEvent, useId, useRef, useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import type { Experiment } from '../domain/experiment.ts';
import type { Project } from '../domain/project.ts';
import { type Outcome, OUTCOME_LABELS, PENDING_LABEL, suggestOutcome } from './experiment-outcome.ts';
import { type FieldErrors, FieldMessage, invalidProps, parseDecimal, saveFailure, useFocusFirstInvalid } from './form-fields.tsx';

type Field = 'hypothesis' | 'metricName' | 'baseline' | 'target' | 'value' | 'links';

const text = (n: number | undefined) => (n === undefined ? '' : String(n));

/** Checks every field at once; messages use the field's label. */
function check(input: Record<Field, string>): {
  errors: FieldErrors<Field>;
  numbers: Record<'baseline' | 'target' | 'value', number | undefined>;
  links: string[];
} {
  const errors: FieldErrors<Field> = {};
  if (input.hypothesis.trim() === '') errors.hypothesis = 'Hypothesis: write what you expect, for example “F1 rises above 0.70”.';
  else if (input.hypothesis.trim().length > 2_000) errors.hypothesis = `Hypothesis: at most 2,000 characters (now ${input.hypothesis.trim().length}).`;
  if (input.metricName.trim() === '') errors.metricName = 'Metric: name what decides it, for example F1.';
  else if (input.metricName.trim().length > 200) errors.metricName = `Metric: at most 200 characters (now ${input.metricName.trim().length}).`;
  const numbers = { baseline: parseDecimal(input.baseline), target: parseDecimal(input.target), value: parseDecimal(input.value) };
  const labels = { baseline: 'Baseline', target: 'Target', value: 'Measured value' } as const;
  for (const key of ['baseline', 'target', 'value'] as const) {
    if (Number.isNaN(numbers[key])) errors[key] = `${labels[key]}: type a number, such as 0.62, or leave it empty.`;
  }
  const links = input.links.split(/\s+/).filter(Boolean);
  const bad = links.find((l) => !/^https?:\/\/[^\s]+$/i.test(l) || l.length > 2_000);
  if (bad) errors.links = `Links to runs: “${bad.slice(0, 60)}” is not a web address starting with http:// or https://.`;
  else if (links.length > 50) errors.links = `Links to runs: at most 50 (now ${links.length}).`;
  return { errors, numbers, links };
}

export function ExperimentForm({ project, experiment, onDone }: { project: Project; experiment?: Experiment; onDone: () => void }) {
  const addExperiment = useStore((s) => s.addExperiment);
  const patchExperiment = useStore((s) => s.patchExperiment);
  const [input, setInput] = useState<Record<Field, string>>({
    hypothesis: experiment?.hypothesis ?? '',
    metricName: experiment?.metricName ?? '',
    baseline: text(experiment?.baseline),
    target: text(experiment?.target),
    value: text(experiment?.value),
    links: experiment?.links.join('\n') ?? '',
  });
  const [setup, setSetup] = useState(experiment?.setup ?? '');
  // null: the person has not chosen, so the suggestion (or Pending) stands.
  const [chosen, setChosen] = useState<Outcome | 'pending' | null>(experiment?.outcome ?? null);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(errors, formRef);
  const id = useId();

  const numbers = { baseline: parseDecimal(input.baseline), target: parseDecimal(input.target), value: parseDecimal(input.value) };
  const valid = (n: number | undefined) => (n !== undefined && Number.isFinite(n) ? n : undefined);
  const suggestion = suggestOutcome({
    metricName: input.metricName,
    baseline: valid(numbers.baseline),
    target: valid(numbers.target),
    value: valid(numbers.value),
  });
  const outcome = chosen ?? suggestion?.outcome ?? 'pending';
  const set = (field: Field) => (e: { target: { value: string } }) => setInput((prev) => ({ ...prev, [field]: e.target.value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const checked = check(input);
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length > 0) return;
    const { baseline, target, value } = checked.numbers;
    const decided = outcome !== 'pending';
    const fields = {
      hypothesis: input.hypothesis.trim(),
      metricName: input.metricName.trim(),
      baseline,
      target,
      value,
      setup,
      links: checked.links,
      outcome: decided ? outcome : undefined,
      // An outcome concludes the experiment; taking it back reopens it.
      status: decided ? ('concluded' as const) : experiment?.status === 'concluded' || !experiment ? ('running' as const) : experiment.status,
      endedAt: decided ? (experiment?.endedAt ?? Date.now()) : undefined,
    };
    try {
      if (experiment) await patchExperiment(experiment.id, fields);
      else {
        const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as typeof fields;
        await addExperiment({ ...defined, projectId: project.id, startedAt: Date.now() });
      }
      onDone();
    } catch (e) {
      setFailure(saveFailure(e, 'the experiment'));
    }
  };

  // The outer div keeps a field its own height when a neighbour in the grid shows an error.
  const field = (name: Field, label: string, extra: { placeholder?: string; decimal?: boolean } = {}) => (
    <div>
      <div className="field-group">
        <label htmlFor={`${id}-${name}`}>{label}</label>
        <input
          autoComplete="off"
          id={`${id}-${name}`}
          value={input[name]}
          placeholder={extra.placeholder}
          inputMode={extra.decimal ? 'decimal' : undefined}
          onChange={set(name)}
          {...invalidProps(`${id}-${name}`, errors[name])}
        />
        <FieldMessage id={`${id}-${name}`} message={errors[name]} />
      </div>
    </div>
  );

  return (
    <form ref={formRef} className="entity-form" onSubmit={save} autoComplete="off" noValidate aria-label={experiment ? 'Edit experiment' : 'New experiment'}>
      {field('hypothesis', 'Hypothesis', { placeholder: "If we add the lab's QC flags as features, F1 rises above 0.70" })}
      <div className="form-grid">
        {field('metricName', 'Metric', { placeholder: 'F1' })}
        {field('baseline', 'Baseline', { decimal: true })}
        {field('target', 'Target', { decimal: true })}
        {field('value', 'Measured value', { decimal: true })}
      </div>
      <div className="field-group">
        <label htmlFor={`${id}-outcome`}>Outcome</label>
        <select
          autoComplete="off"
          id={`${id}-outcome`}
          value={outcome}
          aria-describedby={suggestion ? `${id}-suggestion` : undefined}
          onChange={(e) => setChosen(e.target.value as Outcome | 'pending')}
        >
          <option value="pending">{PENDING_LABEL}</option>
          {(Object.keys(OUTCOME_LABELS) as Outcome[]).map((k) => (
            <option key={k} value={k}>
              {OUTCOME_LABELS[k]}
            </option>
          ))}
        </select>
        {suggestion && (
          <p id={`${id}-suggestion`} className="field-hint" data-testid="outcome-suggestion">
            {suggestion.reason} Suggested: {OUTCOME_LABELS[suggestion.outcome]}
            {outcome !== suggestion.outcome ? '; you chose otherwise.' : '.'}
          </p>
        )}
      </div>
      <div className="field-group">
        <label htmlFor={`${id}-setup`}>Setup</label>
        <textarea
          autoComplete="off"
          id={`${id}-setup`}
          rows={2}
          value={setup}
          placeholder="Frozen test set v3; 5-fold CV on sites A–D"
          onChange={(e) => setSetup(e.target.value)}
        />
      </div>
      <div className="field-group">
        <label htmlFor={`${id}-links`}>Links to runs, one per line (kept as text; Caravan never fetches them)</label>
        <textarea autoComplete="off" id={`${id}-links`} rows={2} value={input.links} onChange={set('links')} {...invalidProps(`${id}-links`, errors.links)} />
        <FieldMessage id={`${id}-links`} message={errors.links} />
      </div>
      <FormError message={failure} />
      <div className="button-row">
        <button type="submit" className="button primary">
          {experiment ? 'Save experiment' : 'Add experiment'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
