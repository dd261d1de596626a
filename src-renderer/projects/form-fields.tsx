/**
 * Field-level errors for the playbook's forms: every invalid field is marked at once, each message
 * sits under its field in words of its label, and focus moves to the first one. A failure the form
 * could not foresee is put in a sentence too: a schema path or validator text never reaches the screen.
 */
import { type RefObject, useEffect } from 'react';
import { RepoError } from '../vault/repos/errors.ts';
import { errorMessage } from '../ui/error-message.ts';

/** Messages by field name; a field without one is valid. */
export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;

/** The message under a field, tied to it by `aria-describedby` (see {@link invalidProps}). */
export function FieldMessage({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} className="form-error">
      {message}
    </p>
  );
}

/** Marks an input invalid and points it at its message. */
export function invalidProps(id: string, message: string | undefined): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return message ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};
}

/** Moves focus to the first invalid field whenever a new set of errors is shown. */
export function useFocusFirstInvalid(errors: FieldErrors, form: RefObject<HTMLFormElement | null>): void {
  useEffect(() => {
    if (Object.values(errors).some(Boolean)) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors, form]);
}

/** A decimal typed with a point or a comma: undefined when empty, NaN when it is not a number. */
export function parseDecimal(text: string): number | undefined {
  const clean = text.trim();
  if (clean === '') return undefined;
  return /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(clean) ? Number(clean.replace(',', '.')) : Number.NaN;
}

/** A save that failed after the form's own checks, in words: `what` is "the experiment", "the expense"... */
export function saveFailure(error: unknown, what: string): string {
  if (error instanceof RepoError && error.code === 'invalid-input')
    return `Caravan could not save ${what}: one of its values is not accepted. Check the fields and try again.`;
  return errorMessage(error);
}
