/** Create or edit a project; the client is fixed once created (it selects the encryption key). */
import { type FormEvent, useId, useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import type { Project, ProjectStatus } from '../domain/project.ts';
import {
  BILLING_LABELS,
  type BillingKind,
  PROJECT_FIELDS,
  PROJECT_LIMITS,
  type ProjectField,
  projectFormValues,
  type ProjectFormValues,
  STATUS_LABELS,
  toProjectInput,
} from './project-form.ts';
import { PHASE_TEMPLATES, phasesFromTemplate, type PhaseTemplateId } from '../playbook/templates.ts';
import { errorMessage } from '../ui/error-message.ts';
import { Field } from '../ui/Field.tsx';
import { type FieldErrors, firstInvalid } from '../ui/field-errors.ts';
import { BillingRulesSection } from './BillingRulesSection.tsx';
import { toBillingRules } from './billing-rules-form.ts';

export function ProjectForm({ project, clientId, onDone }: { project?: Project; clientId?: string; onDone: (saved: Project | null) => void }) {
  const clients = useStore((s) => s.clients);
  const saveProject = useStore((s) => s.saveProject);
  const addPhase = useStore((s) => s.addPhase);
  const [template, setTemplate] = useState<PhaseTemplateId>('ai-lifecycle');
  const [values, setValues] = useState<ProjectFormValues>(() =>
    projectFormValues(
      project,
      clients.find((c) => c.id === (project?.clientId ?? clientId)),
    ),
  );
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors<ProjectField>>({});
  const [busy, setBusy] = useState(false);
  const id = useId();
  const fieldId = (key: string) => `${id}-${key}`;
  const set = <K extends keyof ProjectFormValues>(key: K, value: ProjectFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    // A field's message goes as the person changes it.
    setErrors((e) => (e[key as ProjectField] === undefined ? e : { ...e, [key]: undefined }));
  };

  const chooseClient = (next: string) => {
    const client = clients.find((c) => c.id === next);
    setValues((v) => ({ ...projectFormValues(undefined, client), name: v.name, notes: v.notes, status: v.status }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = toProjectInput(values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setError(null);
      const first = firstInvalid(PROJECT_FIELDS, parsed.errors);
      // A rate change's message is about one row: focus goes to its day.
      const rules = first === 'rateChanges' ? toBillingRules(values.rules, values.currency) : undefined;
      if (first) document.getElementById(rules && !rules.ok ? `${fieldId(first)}-${rules.row}` : fieldId(first))?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const saved = await saveProject(parsed.value, project?.id);
      if (!project) {
        // The phases follow the template, their budgets splitting the estimate.
        for (const draft of phasesFromTemplate(template, parsed.value.estimateHours ?? 0)) await addPhase({ ...draft, projectId: saved.id });
      }
      onDone(saved);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  const text = (key: ProjectField & keyof ProjectFormValues, label: string, extra: Record<string, unknown> = {}) => (
    <Field id={fieldId(key)} label={label} error={errors[key]} length={values[key].length} max={PROJECT_LIMITS[key]}>
      {(control) => <input autoComplete="off" value={values[key]} onChange={(e) => set(key, e.target.value as never)} {...control} {...extra} />}
    </Field>
  );
  const kind = values.billingKind;
  const rulesCheck = errors.rateChanges === undefined ? undefined : toBillingRules(values.rules, values.currency);
  // The message stays as the refusal said it until the person changes the rules (then `set` clears it).
  const rulesError = errors.rateChanges === undefined ? undefined : { message: errors.rateChanges, row: rulesCheck && !rulesCheck.ok ? rulesCheck.row : 0 };

  return (
    <form className="entity-form" onSubmit={submit} noValidate autoComplete="off">
      <div className="form-grid">
        <Field id={fieldId('clientId')} label="Client" error={errors.clientId}>
          {(control) => (
            <select
              autoComplete="off"
              value={values.clientId}
              disabled={project !== undefined}
              onChange={(e) => chooseClient(e.target.value)}
              autoFocus={!project && !clientId}
              {...control}
            >
              <option value="">Choose…</option>
              {clients
                .filter((c) => !c.archived || c.id === values.clientId)
                .map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
        {text('name', 'Project name', { autoFocus: Boolean(project || clientId) })}
        <div className="field-group">
          <label htmlFor={`${id}-status`}>Status</label>
          <select autoComplete="off" id={`${id}-status`} value={values.status} onChange={(e) => set('status', e.target.value as ProjectStatus)}>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-billing`}>Billing</label>
          <select autoComplete="off" id={`${id}-billing`} value={kind} onChange={(e) => set('billingKind', e.target.value as BillingKind)}>
            {Object.entries(BILLING_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {kind === 'hourly' && text('rate', `Hourly rate (${values.currency})`, { inputMode: 'decimal' })}
        {kind !== 'hourly' && text('fee', `${kind === 'retainer' ? 'Monthly fee' : 'Fee'} (${values.currency})`, { inputMode: 'decimal' })}
        {kind === 'retainer' && text('hoursPerMonth', 'Hours included per month', { inputMode: 'decimal' })}
        {kind === 'retainer' && text('rate', `Overage rate per hour (${values.currency})`, { inputMode: 'decimal' })}
        {kind === 'retainer' && (
          <div className="field-group">
            <label htmlFor={`${id}-rollover`}>Unused hours</label>
            <select
              autoComplete="off"
              id={`${id}-rollover`}
              value={values.rollover}
              onChange={(e) => set('rollover', e.target.value as ProjectFormValues['rollover'])}
            >
              <option value="none">Expire at the end of the month</option>
              <option value="next-month">Roll over into the next month</option>
            </select>
          </div>
        )}
        {text('estimateHours', 'Estimate (hours)', { inputMode: 'decimal' })}
        {!project && (
          <div className="field-group">
            <label htmlFor={`${id}-template`}>Phases</label>
            <select
              autoComplete="off"
              id={`${id}-template`}
              value={template}
              onChange={(e) => setTemplate(e.target.value as PhaseTemplateId)}
              aria-describedby={`${id}-template-hint`}
            >
              {Object.values(PHASE_TEMPLATES).map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </select>
            <p id={`${id}-template-hint`} className="field-hint">
              {PHASE_TEMPLATES[template].description}
            </p>
          </div>
        )}
        {text('start', 'Start', { type: 'date' })}
        {text('due', 'Due', { type: 'date' })}
      </div>
      {kind === 'value' && (
        <Field
          id={fieldId('valueBasis')}
          label="What the value is based on"
          error={errors.valueBasis}
          length={values.valueBasis.length}
          max={PROJECT_LIMITS.valueBasis}
        >
          {(control) => <textarea autoComplete="off" rows={2} value={values.valueBasis} onChange={(e) => set('valueBasis', e.target.value)} {...control} />}
        </Field>
      )}
      <BillingRulesSection
        values={values.rules}
        currency={values.currency}
        timeBilled={kind === 'hourly' || kind === 'retainer'}
        error={rulesError}
        rowIdPrefix={fieldId('rateChanges')}
        onChange={(rules) => {
          set('rules', rules);
          setErrors((e) => (e.rateChanges === undefined ? e : { ...e, rateChanges: undefined }));
        }}
      />
      <Field id={fieldId('notes')} label="Notes" error={errors.notes} length={values.notes.length} max={PROJECT_LIMITS.notes}>
        {(control) => <textarea autoComplete="off" rows={3} value={values.notes} onChange={(e) => set('notes', e.target.value)} {...control} />}
      </Field>
      <FormError message={error} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={busy}>
          {project ? 'Save changes' : 'Create project'}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
