/**
 * The invoice and credit-note number series, each with a preview of the number its next document
 * takes ("Next invoice: RE-2026-0001"), counted from the numbers already in the register.
 */
import { useMemo } from 'react';
import { useStore } from '../../app/store.ts';
import { Field } from '../../ui/Field.tsx';
import type { FieldErrors } from '../../ui/field-errors.ts';
import { nextNumber } from '../numbering.ts';
import { PROFILE_LABELS as L, PROFILE_LIMITS, type ProfileField, type ProfileFormValues } from './profile-form.ts';

const PREFIX_OK = /^[A-Za-z0-9/_-]{0,12}$/u;

export function SeriesFields({
  values,
  errors,
  fieldId,
  set,
  year,
}: {
  values: ProfileFormValues;
  errors: FieldErrors<ProfileField>;
  fieldId: (key: ProfileField) => string;
  set: <K extends keyof ProfileFormValues>(key: K, value: ProfileFormValues[K]) => void;
  year: number;
}) {
  const invoices = useStore((s) => s.invoices);
  const register = useMemo(() => invoices ?? [], [invoices]);
  const preview = (prefixText: string, nextText: string) => {
    const prefix = prefixText.trim();
    if (!PREFIX_OK.test(prefix)) return null;
    const next = /^\d{1,9}$/u.test(nextText.trim()) && Number(nextText) >= 1 ? Number(nextText) : undefined;
    // The number issuing will take (invoices/numbering.ts), or why it would refuse: a continued count may not skip numbers.
    return nextNumber(register, { prefix, ...(next === undefined ? {} : { continueFrom: { year, next } }) }, year);
  };
  const invoice = preview(values.invoicePrefix, values.invoiceNext);
  const credit = preview(values.creditPrefix, values.creditNext);
  const input = (key: 'invoicePrefix' | 'invoiceNext' | 'creditPrefix' | 'creditNext', hint?: string) => (
    <Field id={fieldId(key)} label={L[key]} error={errors[key]} hint={hint} length={values[key].length} max={PROFILE_LIMITS[key]}>
      {(control) => (
        <input
          autoComplete="off"
          {...control}
          className="short"
          inputMode={key.endsWith('Next') ? 'numeric' : undefined}
          value={values[key]}
          placeholder={key.endsWith('Next') ? 'From your issued ones' : undefined}
          onChange={(e) => set(key, e.target.value)}
        />
      )}
    </Field>
  );
  return (
    <fieldset className="reminder-group">
      <legend>Numbering</legend>
      <p className="field-hint">
        Numbers run without gaps per series and year: the prefix, the year, then the count. Fill in a next number only to continue a count begun in another tool
        this year.
      </p>
      <div className="form-grid">
        {input('invoicePrefix')}
        {input('invoiceNext')}
        {input('creditPrefix')}
        {input('creditNext')}
      </div>
      <p className="series-preview" aria-live="polite" data-testid="series-preview">
        {invoice && <span className={invoice.ok ? undefined : 'form-error'}>{invoice.ok ? `Next invoice: ${invoice.number}` : invoice.problem}</span>}
        {invoice && credit && ' · '}
        {credit && <span className={credit.ok ? undefined : 'form-error'}>{credit.ok ? `Next credit note: ${credit.number}` : credit.problem}</span>}
      </p>
    </fieldset>
  );
}
