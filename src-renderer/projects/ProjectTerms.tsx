/**
 * What was agreed at the start: the success metric (name, baseline, target, which way is better),
 * the data the client must deliver (with when it arrived and was validated), IP terms, and whether
 * bias testing is a line item.
 */
import { type FormEvent, useId, useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import type { DataRequirement, Project, SuccessMetric } from '../domain/project.ts';
import { errorMessage } from '../ui/error-message.ts';

const number = (text: string) => (text.trim() === '' ? undefined : Number(text.replace(',', '.')));

export function ProjectTerms({ project }: { project: Project }) {
  const patchProject = useStore((s) => s.patchProject);
  const notify = useStore((s) => s.notify);
  const [metric, setMetric] = useState(project.successMetric?.name ?? '');
  const [baseline, setBaseline] = useState(project.successMetric?.baseline?.toString() ?? '');
  const [target, setTarget] = useState(project.successMetric?.target?.toString() ?? '');
  const [direction, setDirection] = useState<SuccessMetric['direction']>(project.successMetric?.direction ?? 'higher');
  const [ipTerms, setIpTerms] = useState(project.ipTerms ?? '');
  const [bias, setBias] = useState(project.biasTesting?.included ?? false);
  const [biasNote, setBiasNote] = useState(project.biasTesting?.note ?? '');
  const [data, setData] = useState<DataRequirement[]>(project.dataRequirements ?? []);
  const [newItem, setNewItem] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const b = number(baseline);
    const t = number(target);
    if ((b !== undefined && !Number.isFinite(b)) || (t !== undefined && !Number.isFinite(t))) return setError('Baseline and target are numbers, such as 0.62.');
    try {
      await patchProject(project.id, {
        successMetric:
          metric.trim() === ''
            ? undefined
            : { name: metric.trim(), direction, ...(b !== undefined ? { baseline: b } : {}), ...(t !== undefined ? { target: t } : {}) },
        ipTerms: ipTerms.trim() === '' ? undefined : ipTerms,
        biasTesting: { included: bias, note: biasNote },
        dataRequirements: data,
      });
      setError(null);
      notify('Terms saved.');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const setItem = (index: number, patch: Partial<DataRequirement>) =>
    setData((list) =>
      list.map((item, i) =>
        i === index ? (Object.fromEntries(Object.entries({ ...item, ...patch }).filter(([, v]) => v !== '' && v !== undefined)) as DataRequirement) : item,
      ),
    );

  return (
    <form className="entity-form" onSubmit={save} autoComplete="off" noValidate aria-label="Terms">
      <h3>Success and terms</h3>
      <div className="form-grid">
        <div className="field-group">
          <label htmlFor={`${id}-metric`}>Success metric</label>
          <input autoComplete="off" id={`${id}-metric`} value={metric} placeholder="F1, MSE, ROI" onChange={(e) => setMetric(e.target.value)} />
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-baseline`}>Baseline</label>
          <input autoComplete="off" id={`${id}-baseline`} inputMode="decimal" value={baseline} onChange={(e) => setBaseline(e.target.value)} />
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-target`}>Target</label>
          <input autoComplete="off" id={`${id}-target`} inputMode="decimal" value={target} onChange={(e) => setTarget(e.target.value)} />
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-direction`}>Better is</label>
          <select autoComplete="off" id={`${id}-direction`} value={direction} onChange={(e) => setDirection(e.target.value as SuccessMetric['direction'])}>
            <option value="higher">Higher</option>
            <option value="lower">Lower</option>
          </select>
        </div>
      </div>
      <fieldset className="residency">
        <legend>Data the client delivers</legend>
        {data.length === 0 && <p className="muted small">Nothing listed yet.</p>}
        {data.map((item, index) => (
          <div key={index} className="field-row data-item">
            <strong>{item.item}</strong>
            <label>
              Min. labelled{' '}
              <input
                autoComplete="off"
                className="short"
                inputMode="numeric"
                value={item.minLabeled ?? ''}
                onChange={(e) => setItem(index, { minLabeled: number(e.target.value) })}
              />
            </label>
            <label>
              Delivered{' '}
              <input
                autoComplete="off"
                type="date"
                value={item.deliveredOn ?? ''}
                onChange={(e) => setItem(index, { deliveredOn: e.target.value || undefined })}
              />
            </label>
            <label>
              Validated{' '}
              <input
                autoComplete="off"
                type="date"
                value={item.validatedOn ?? ''}
                onChange={(e) => setItem(index, { validatedOn: e.target.value || undefined })}
              />
            </label>
            <button type="button" className="link-button" onClick={() => setData((list) => list.filter((_, i) => i !== index))}>
              Remove
            </button>
          </div>
        ))}
        <div className="field-row">
          <input
            autoComplete="off"
            aria-label="New data requirement"
            placeholder="Labelled assay images, PNG + CSV"
            value={newItem}
            onChange={(e) => setNewItem(e.target.value)}
          />
          <button
            type="button"
            className="button"
            disabled={newItem.trim() === ''}
            onClick={() => {
              setData((list) => [...list, { item: newItem.trim() }]);
              setNewItem('');
            }}
          >
            Add to checklist
          </button>
        </div>
      </fieldset>
      <div className="field-group">
        <label htmlFor={`${id}-ip`}>IP terms</label>
        <textarea
          autoComplete="off"
          id={`${id}-ip`}
          rows={2}
          value={ipTerms}
          placeholder="The client owns the trained model; the generic pipeline stays mine."
          onChange={(e) => setIpTerms(e.target.value)}
        />
      </div>
      <label className="checkbox">
        <input autoComplete="off" type="checkbox" checked={bias} onChange={(e) => setBias(e.target.checked)} /> Bias testing is a line item
      </label>
      {bias && (
        <div className="field-group">
          <label htmlFor={`${id}-bias`}>What it covers</label>
          <input autoComplete="off" id={`${id}-bias`} value={biasNote} onChange={(e) => setBiasNote(e.target.value)} />
        </div>
      )}
      <FormError message={error} />
      <button type="submit" className="button">
        Save terms
      </button>
    </form>
  );
}
