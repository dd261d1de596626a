/**
 * The end of an entity form: what went wrong saving (if anything), the primary submit button and
 * Cancel. One piece so every form says a failure in the same place and keeps the same order.
 */
import { FormError } from '../app/FormError.tsx';

export function FormButtons({ submit, failure, busy = false, onCancel }: { submit: string; failure: string | null; busy?: boolean; onCancel: () => void }) {
  return (
    <>
      <FormError message={failure} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={busy}>
          {submit}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
