/** One country's tax-year rule, edited in place under its row: year start, counting rule, threshold, warning. */
import { type FormEvent, useId, useState } from 'react';
import { FormError } from '../../app/FormError.tsx';
import { Field, focusFirstInvalid } from '../../ui/Field.tsx';
import type { FieldErrors } from '../../ui/field-errors.ts';
import type { TaxYearRule } from '../tax-year.ts';
import { countryLabel } from './day-words.ts';
import type { WriteOutcome } from './presence-backend.ts';
import { RULE_FIELDS, type RuleField, ruleFormValues, toRule, type RuleFormValues } from './rule-form.ts';

export function RuleEditor({
  country,
  rule,
  custom,
  onSave,
  onDone,
}: {
  country: string;
  rule: TaxYearRule;
  /** The person set this rule (so "Use the defaults" can remove it). */
  custom: boolean;
  onSave: (rule: TaxYearRule | null) => Promise<WriteOutcome>;
  onDone: () => void;
}) {
  const id = useId();
  const [values, setValues] = useState<RuleFormValues>(() => ruleFormValues(rule));
  const [errors, setErrors] = useState<FieldErrors<RuleField>>({});
  const [error, setError] = useState<string | null>(null);
  const fieldId = (f: RuleField) => `${id}-${f}`;
  const set = <K extends keyof RuleFormValues>(key: K, value: RuleFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const save = async (rule: TaxYearRule | null) => {
    const outcome = await onSave(rule);
    if (outcome.ok) onDone();
    else setError(outcome.message);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = toRule(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      focusFirstInvalid(RULE_FIELDS, checked.errors, fieldId);
      return;
    }
    setErrors({});
    void save(checked.rule);
  };

  return (
    <form autoComplete="off" className="presence-rule" onSubmit={submit} noValidate aria-label={`Tax-year rule for ${countryLabel(country)}`}>
      <div className="form-grid">
        <Field id={fieldId('yearStart')} label="Year starts (MM-DD)" error={errors.yearStart}>
          {(control) => (
            <input
              autoComplete="off"
              type="text"
              inputMode="numeric"
              {...control}
              value={values.yearStart}
              onChange={(e) => set('yearStart', e.target.value)}
            />
          )}
        </Field>
        <Field id={fieldId('counting')} label="Counting rule" error={errors.counting}>
          {(control) => (
            <select
              autoComplete="off"
              {...control}
              value={values.counting}
              onChange={(e) => set('counting', e.target.value === 'midnight' ? 'midnight' : 'any-part')}
            >
              <option value="any-part">Any part of a day</option>
              <option value="midnight">Midnight (where the day ended)</option>
            </select>
          )}
        </Field>
        <Field id={fieldId('threshold')} label="Threshold (days)" error={errors.threshold}>
          {(control) => (
            <input
              autoComplete="off"
              type="text"
              inputMode="numeric"
              {...control}
              value={values.threshold}
              onChange={(e) => set('threshold', e.target.value)}
            />
          )}
        </Field>
        <Field id={fieldId('warnAt')} label="Warn at (days)" error={errors.warnAt} hint="Empty: no warning before the threshold.">
          {(control) => (
            <input autoComplete="off" type="text" inputMode="numeric" {...control} value={values.warnAt} onChange={(e) => set('warnAt', e.target.value)} />
          )}
        </Field>
      </div>
      <FormError message={error} />
      <div className="button-row">
        {custom && (
          <button type="button" className="button" onClick={() => void save(null)}>
            Use the defaults
          </button>
        )}
        <span className="spacer" />
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button primary">
          Save rule
        </button>
      </div>
    </form>
  );
}
