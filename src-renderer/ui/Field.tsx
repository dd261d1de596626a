/**
 * One labelled form field with its error and hint: the input gets `aria-invalid` and is described
 * by both, and a length-limited field counts its characters as the person nears the limit (the
 * vault refuses more; the input does not cut a paste short without saying so).
 */
import type { ReactNode } from 'react';
import { type FieldErrors, firstInvalid } from './field-errors.ts';

export interface FieldControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

const NUMBER = new Intl.NumberFormat();

export function Field({
  id,
  label,
  error,
  hint,
  length,
  max,
  children,
}: {
  id: string;
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  /** The value's length and its limit: the count shows from 80 % of the limit. */
  length?: number;
  max?: number | undefined;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const counting = length !== undefined && max !== undefined && length >= max * 0.8;
  const described = [error ? `${id}-error` : null, hint ? `${id}-hint` : null, counting ? `${id}-count` : null].filter((d) => d !== null).join(' ');
  return (
    <div className={error ? 'field-group invalid' : 'field-group'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error !== undefined, ...(described ? { 'aria-describedby': described } : {}) })}
      {counting && (
        <p id={`${id}-count`} className={length > max ? 'field-count form-error' : 'field-count field-hint'}>
          {NUMBER.format(length)} / {NUMBER.format(max)} characters
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * Puts the cursor on the first invalid field in `order` (ids from `idOf`), so the person starts
 * there; call it with the errors just found, before they render (the field exists already).
 */
export function focusFirstInvalid<K extends string>(order: readonly K[], errors: FieldErrors<K>, idOf: (key: K) => string): void {
  const first = firstInvalid(order, errors);
  if (first !== undefined) document.getElementById(idOf(first))?.focus();
}
