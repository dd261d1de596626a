/**
 * One form to add an experiment and to edit it later (prefilled): the hypothesis, its metric with
 * baseline and target, the measured value, and the outcome. The outcome is "Pending" until the
 * person chooses; with a target and a measured value the form suggests the outcome they imply and
 * preselects it while the person has not chosen, saying why, so a miss is never saved as a success.
 */
import { type FormEvent, useId, useState } from 'react';
import { useStore } from '../app/store.ts';
import type { Experiment } from '../domain/experiment.ts';
import type { Project } from '../domain/project.ts';
import { type Outcome, OUTCOME_LABELS, PENDING_LABEL, suggestOutcome } from './experiment-outcome.ts';
import { Field, focusFirstInvalid } from '../ui/Field.tsx';
import type { FieldErrors } from '../ui/field-errors.ts';
import { FormButtons } from '../ui/FormButtons.tsx';
import { parseDecimal, saveFailure } from './form-fields.ts';

type ExperimentField = 'hypothesis' | 'metricName' | 'baseline' | 'target' | 'value' | 'links';
const ORDER: readonly ExperimentField[] = ['hypothesis', 'metricName', 'baseline', 'target', 'value', 'links'];
const MAX: Partial<Record<ExperimentField, number>> = { hypothesis: 2_000, metricName: 200 };

const text = (n: number | undefined) => (n === undefined ? '' : String(n));

/** Checks every field at once; messages use the field's label. */
function check(input: Record<ExperimentField, string>): {
  errors: FieldErrors<ExperimentField>;
  numbers: Record<'baseline' | 'target' | 'value', number | undefined>;
  links: string[];
} {
  const errors: FieldErrors<ExperimentField> = {};
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
  const [input, setInput] = useState<Record<ExperimentField, string>>({
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
  const [errors, setErrors] = useState<FieldErrors<ExperimentField>>({});
  const [failure, setFailure] = useState<string | null>(null);
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
  const set = (field: ExperimentField) => (e: { target: { value: string } }) => setInput((prev) => ({ ...prev, [field]: e.target.value }));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const checked = check(input);
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length > 0) return focusFirstInvalid(ORDER, checked.errors, (key) => `${id}-${key}`);
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
  const field = (name: ExperimentField, label: string, extra: { placeholder?: string; decimal?: boolean } = {}) => (
    <div>
      <Field id={`${id}-${name}`} label={label} error={errors[name]} length={input[name].trim().length} max={MAX[name]}>
        {(control) => (
          <input
            autoComplete="off"
            {...control}
            value={input[name]}
            placeholder={extra.placeholder}
            inputMode={extra.decimal ? 'decimal' : undefined}
            onChange={set(name)}
          />
        )}
      </Field>
    </div>
  );

  return (
    <form className="entity-form" onSubmit={save} autoComplete="off" noValidate aria-label={experiment ? 'Edit experiment' : 'New experiment'}>
      {field('hypothesis', 'Hypothesis', { placeholder: "If we add the lab's QC flags as features, F1 rises above 0.70" })}
      <div className="form-grid">
        {field('metricName', 'Metric', { placeholder: 'F1' })}
        {field('baseline', 'Baseline', { decimal: true })}
        {field('target', 'Target', { decimal: true })}
        {field('value', 'Measured value', { decimal: true })}
      </div>
      <Field
        id={`${id}-outcome`}
        label="Outcome"
        hint={
          suggestion && (
            <span data-testid="outcome-suggestion">
              {suggestion.reason} Suggested: {OUTCOME_LABELS[suggestion.outcome]}
              {outcome !== suggestion.outcome ? '; you chose otherwise.' : '.'}
            </span>
          )
        }
      >
        {(control) => (
          <select autoComplete="off" {...control} value={outcome} onChange={(e) => setChosen(e.target.value as Outcome | 'pending')}>
            <option value="pending">{PENDING_LABEL}</option>
            {(Object.keys(OUTCOME_LABELS) as Outcome[]).map((k) => (
              <option key={k} value={k}>
                {OUTCOME_LABELS[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${id}-setup`} label="Setup">
        {(control) => (
          <textarea
            autoComplete="off"
            {...control}
            rows={2}
            value={setup}
            placeholder="Frozen test set v3; 5-fold CV on sites A–D"
            onChange={(e) => setSetup(e.target.value)}
          />
        )}
      </Field>
      <Field id={`${id}-links`} label="Links to runs, one per line (kept as text; Caravan never fetches them)" error={errors.links}>
        {(control) => <textarea autoComplete="off" {...control} rows={2} value={input.links} onChange={set('links')} />}
      </Field>
      <FormButtons submit={experiment ? 'Save experiment' : 'Add experiment'} failure={failure} onCancel={onDone} />
    </form>
  );
}
