/**
 * Where a long action stands under a form: what it is doing, what it did, or what went wrong
 * (announced to screen readers). Renders only the parts that have a message.
 */
import { FormError } from './FormError.tsx';

export function ActionStatus({ busy = null, done = null, error = null }: { busy?: string | null; done?: string | null; error?: string | null }) {
  return (
    <>
      {busy && (
        <p className="muted" role="status">
          {busy}
        </p>
      )}
      {done && (
        <p className="form-ok" role="status">
          {done}
        </p>
      )}
      <FormError message={error} />
    </>
  );
}
