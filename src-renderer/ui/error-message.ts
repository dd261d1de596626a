/**
 * The text of a thrown value, for a toast, an inline form error or an audit note.
 *
 * `catch` hands us `unknown`: usually an Error (our own, a DOMException, a zod or
 * IndexedDB error), but a rejected promise can carry anything. One function, so every
 * screen words the same value the same way. A value that cannot be made into text
 * (a throwing `toString`) still yields a sentence rather than a second exception.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return 'An unknown error (it could not be shown as text).';
  }
}
