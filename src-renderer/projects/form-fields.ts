/**
 * What the playbook's forms share beyond ui/Field.tsx and ui/field-errors.ts (which mark every
 * invalid field at once, in words of its label, and focus the first): decimals typed with a point
 * or a comma, and a failure the form could not foresee put in a sentence, so a schema path or
 * validator text never reaches the screen.
 */
import { RepoError } from '../vault/repos/errors.ts';
import { errorMessage } from '../ui/error-message.ts';

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
