/**
 * Errors a person can act on: one message per field, in the words of the field's label, for every
 * invalid field at once. A form's validator returns `FieldErrors`; the form marks each field and
 * moves focus to the first. `issueInWords` turns a schema's refusal into such a message, so no
 * schema path ("defaultRateMinor") or validator wording ("Too small: expected number to be >=0")
 * ever reaches the screen.
 */
import type { z } from 'zod';

/** A message per field key; a key without a message is valid. */
export type FieldErrors<K extends string = string> = Partial<Record<K, string>>;

export type Checked<T, K extends string> = { ok: true; value: T } | { ok: false; errors: FieldErrors<K> };

/** The first field in form order that has an error: where focus goes on submit. */
export function firstInvalid<K extends string>(order: readonly K[], errors: FieldErrors<K>): K | undefined {
  return order.find((key) => errors[key] !== undefined);
}

/** Whether any field has an error. */
export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some((m) => m !== undefined);
}

const NUMBER = new Intl.NumberFormat('en');

/** A refinement's own message when it is already words ("is not a currency Caravan knows"), after the label. */
function custom(label: string, message: string): string {
  const clean = message.trim().replace(/\.$/u, '');
  // A predicate reads on from the label ("Currency is not…"); a sentence of its own follows a colon.
  return /^(?:is|are|must|needs?|has|have|cannot|can|should|does|do|only)\b/u.test(clean) ? `${label} ${clean}.` : `${label}: ${clean}.`;
}

/**
 * One issue as a sentence starting with the field's label. Written for the issue kinds zod
 * produces on the app's schemas: lengths, bounds, formats, choices, and the app's own refinements.
 */
export function issueInWords(issue: z.core.$ZodIssue, label: string): string {
  switch (issue.code) {
    case 'too_big': {
      const max = NUMBER.format(Number(issue.maximum));
      if (issue.origin === 'string') return `${label}: at most ${max} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `${label}: at most ${max} entries.`;
      return `${label}: at most ${max}.`;
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? `${label} is required.` : `${label}: at least ${NUMBER.format(min)} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return min <= 1 ? `${label}: choose at least one.` : `${label}: choose at least ${min}.`;
      if (min === 0) return `${label} cannot be negative.`;
      return `${label}: at least ${NUMBER.format(min)}.`;
    }
    case 'invalid_type':
      // zod keeps no input on the issue unless asked; its default message says what it received.
      return /received undefined/u.test(issue.message) ? `${label} is required.` : `${label} is not valid here.`;
    case 'invalid_format':
      if (issue.format === 'email') return `${label}: enter an email address such as name@example.com.`;
      // A regex's own message is the app's words ("must be a three-letter currency code such as "EUR"").
      return issue.format === 'regex' && issue.message && !/^Invalid/u.test(issue.message)
        ? custom(label, issue.message)
        : `${label} is not in a form Caravan can read.`;
    case 'invalid_value':
    case 'invalid_union':
      return `${label}: choose one of the options.`;
    case 'not_multiple_of':
      return `${label}: use whole units.`;
    case 'custom':
      return custom(label, issue.message);
    default:
      return `${label} is not valid.`;
  }
}

/**
 * Every issue of a schema's refusal as field errors: `labels` maps a path ("contact.email", or
 * its first segment) to the field's key and label; an issue on a path the form does not show goes
 * under `fallback`. The first issue per field is kept.
 */
export function issuesAsFieldErrors<K extends string>(
  error: z.ZodError,
  labels: Readonly<Record<string, { field: K; label: string }>>,
  fallback: { field: K; label: string },
): FieldErrors<K> {
  const errors: FieldErrors<K> = {};
  for (const issue of error.issues) {
    // The nested path first ("contact.email"), then its head ("contact").
    const full = issue.path.map(String).join('.');
    const head = String(issue.path[0] ?? '');
    const target = labels[full] ?? labels[head] ?? fallback;
    errors[target.field] ??= issueInWords(issue, target.label);
  }
  return errors;
}
