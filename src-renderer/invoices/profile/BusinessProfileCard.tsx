/**
 * Settings → Business profile: who sells, for every invoice's seller block, its VAT and payment
 * details and its number series. Stored as the workspace setting `business.profile` through
 * `writeSetting`; every invalid field is said at once and focus goes to the first; on a refusal
 * nothing is written.
 */
import { useId } from 'react';
import { useHourStyle } from '../../ui/format/use-hour-style.ts';
import { useBusinessProfile } from './use-business-profile.ts';
import { BusinessProfileForm } from './BusinessProfileForm.tsx';

export function BusinessProfileCard() {
  const id = useId();
  const [state, reload] = useBusinessProfile();
  const display = useHourStyle();
  return (
    <section className="card business-profile" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Business profile</h2>
      <p className="field-hint">Who you are on your invoices: the seller, your VAT number, where clients pay, and how invoices are numbered.</p>
      {state.kind === 'loading' ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          {state.kind === 'unreadable' && (
            <p className="form-error" role="alert">
              {state.message} Saving here replaces it.
            </p>
          )}
          <BusinessProfileForm
            initial={state.kind === 'ready' ? state.profile : undefined}
            displayHourStyle={display === 'decimal' ? 'decimal' : 'h:mm'}
            onSaved={reload}
          />
        </>
      )}
    </section>
  );
}
