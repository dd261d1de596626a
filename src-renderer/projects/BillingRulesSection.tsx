/**
 * The project form's billing rules: rounding of billed time (applied on invoices and reports, never
 * to the stored blocks) and, for time billing, hourly rates from a day on ("from 1 April: 110").
 */
import { useId } from 'react';
import { describeRounding } from '../invoices/billing-rounding.ts';
import { type BillingRulesValues, rowKey, toBillingRules } from './billing-rules-form.ts';

export function BillingRulesSection({
  values,
  currency,
  timeBilled,
  error,
  rowIdPrefix,
  onChange,
}: {
  values: BillingRulesValues;
  currency: string;
  /** Hourly or retainer billing: rates from a day on apply. */
  timeBilled: boolean;
  /** The message and the row it is about. */
  error: { message: string; row: number } | undefined;
  /** Row `i`'s first input has the id `${rowIdPrefix}-${i}`, where focus goes on a refusal about it. */
  rowIdPrefix: string;
  onChange: (values: BillingRulesValues) => void;
}) {
  const id = useId();
  const set = (patch: Partial<BillingRulesValues>) => onChange({ ...values, ...patch });
  const setRow = (index: number, patch: { from?: string; rate?: string }) =>
    set({ rateChanges: values.rateChanges.map((row, i) => (i === index ? { ...row, ...patch } : row)) });
  const checked = toBillingRules(values, currency);
  const summary = checked.ok ? describeRounding(checked.rounding ?? { mode: 'none' }) : null;
  return (
    <fieldset className="rate-changes">
      <legend>Billing rules</legend>
      <div className="form-grid">
        <div className="field-group">
          <label htmlFor={`${id}-mode`}>Round billed time</label>
          <select
            autoComplete="off"
            id={`${id}-mode`}
            value={values.roundingMode}
            onChange={(e) => set({ roundingMode: e.target.value as BillingRulesValues['roundingMode'] })}
          >
            <option value="none">No rounding</option>
            <option value="up">Up</option>
            <option value="nearest">To the nearest</option>
          </select>
        </div>
        {values.roundingMode !== 'none' && (
          <>
            <div className="field-group">
              <label htmlFor={`${id}-step`}>Step</label>
              <select
                autoComplete="off"
                id={`${id}-step`}
                value={values.roundingStep}
                onChange={(e) => set({ roundingStep: e.target.value as BillingRulesValues['roundingStep'] })}
              >
                <option value="6">6 minutes</option>
                <option value="15">15 minutes</option>
                <option value="30">30 minutes</option>
              </select>
            </div>
            <div className="field-group">
              <label htmlFor={`${id}-per`}>Applied</label>
              <select autoComplete="off" id={`${id}-per`} value={values.roundingPer} onChange={(e) => set({ roundingPer: e.target.value as 'block' | 'day' })}>
                <option value="block">Per block</option>
                <option value="day">Per day (a day’s blocks summed first)</option>
              </select>
            </div>
          </>
        )}
      </div>
      <p className="field-hint">{summary ? `${summary}. ` : ''}Applied on invoices and reports; your logged blocks keep their exact time.</p>
      {timeBilled && (
        <>
          <h3 className="small">Rate changes</h3>
          <p className="field-hint">
            Before the first change, the hourly rate above applies. Each block is billed at the rate in force on its day, and an invoice prints one line per
            rate.
          </p>
          {values.rateChanges.map((row, index) => {
            const invalid = error?.row === index;
            const described = invalid ? `${id}-rate-error` : undefined;
            return (
              <div className="rate-change-row" key={row.key} role="group" aria-label={`Rate change ${index + 1}`}>
                <div className="field-group">
                  <label htmlFor={`${rowIdPrefix}-${index}`}>From</label>
                  <input
                    autoComplete="off"
                    type="date"
                    id={`${rowIdPrefix}-${index}`}
                    value={row.from}
                    aria-invalid={invalid}
                    aria-describedby={described}
                    onChange={(e) => setRow(index, { from: e.target.value })}
                  />
                </div>
                <div className="field-group">
                  <label htmlFor={`${id}-rate-${row.key}`}>Rate per hour ({currency})</label>
                  <input
                    autoComplete="off"
                    className="short"
                    inputMode="decimal"
                    id={`${id}-rate-${row.key}`}
                    value={row.rate}
                    aria-invalid={invalid}
                    aria-describedby={described}
                    onChange={(e) => setRow(index, { rate: e.target.value })}
                  />
                </div>
                <button
                  type="button"
                  className="button"
                  aria-label={`Remove rate change ${index + 1}`}
                  onClick={() => set({ rateChanges: values.rateChanges.filter((_, i) => i !== index) })}
                >
                  Remove
                </button>
              </div>
            );
          })}
          {error && (
            <p id={`${id}-rate-error`} className="field-error">
              {error.message}
            </p>
          )}
          <div>
            <button type="button" className="button" onClick={() => set({ rateChanges: [...values.rateChanges, { key: rowKey(), from: '', rate: '' }] })}>
              Add a rate change
            </button>
          </div>
        </>
      )}
    </fieldset>
  );
}
