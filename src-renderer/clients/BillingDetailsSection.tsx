/**
 * The client form's "Billing details": who the invoice is addressed to, the VAT number checked
 * against the client's country, business or private person, a territory outside the EU VAT area,
 * and, said in words as the person types, the VAT treatment that follows with their business profile.
 */
import { countryName } from '../domain/countries.ts';
import { Field } from '../ui/Field.tsx';
import type { FieldErrors } from '../ui/field-errors.ts';
import { useBusinessProfile } from '../invoices/profile/use-business-profile.ts';
import { checkVatId } from '../invoices/profile/vat-id.ts';
import {
  BILLING_LABELS as L,
  BILLING_LIMITS,
  type BillingField,
  type BillingFormValues,
  inEu,
  OUTSIDE_VAT_AREA_PLACES,
  vatTreatmentInWords,
} from './billing-form.ts';

export function BillingDetailsSection({
  values,
  country,
  defaultName,
  contactAddress,
  errors,
  fieldId,
  onChange,
}: {
  values: BillingFormValues;
  country: string;
  /** The company, else the name: what the invoice prints when no legal name is typed. */
  defaultName: string;
  contactAddress: string;
  errors: FieldErrors<BillingField>;
  fieldId: (key: BillingField | 'billingOn' | 'outsideVatArea' | 'serviceKind' | 'isBusiness') => string;
  onChange: (patch: Partial<BillingFormValues>, field?: BillingField) => void;
}) {
  const [profile] = useBusinessProfile();
  const places = OUTSIDE_VAT_AREA_PLACES[country];
  const outsideEu = country !== '' && (!inEu(country) || (places !== undefined && values.outsideVatArea));
  const vatHint = (() => {
    if (values.vatId.trim() === '' || country === '' || errors.billingVatId) return country === 'GR' ? 'Greek VAT numbers begin with EL.' : undefined;
    const checked = checkVatId(values.vatId, country);
    return checked.ok ? checked.hint : undefined;
  })();
  const treatment = vatTreatmentInWords(profile.kind === 'ready' ? profile.profile : undefined, values, country);

  const text = (
    key: 'billingLegalName' | 'buyerReference' | 'billingVatId',
    value: string,
    patch: (v: string) => Partial<BillingFormValues>,
    extra: { placeholder?: string; hint?: string } = {},
  ) => (
    // A VAT number typed with spaces is stored without them: no count for it.
    <Field
      id={fieldId(key)}
      label={L[key]}
      error={errors[key]}
      hint={extra.hint}
      length={value.length}
      max={key === 'billingVatId' ? undefined : BILLING_LIMITS[key]}
    >
      {(control) => (
        <input autoComplete="off" {...control} value={value} placeholder={extra.placeholder} onChange={(e) => onChange(patch(e.target.value), key)} />
      )}
    </Field>
  );

  return (
    <fieldset className="billing-details" aria-labelledby={fieldId('billingOn')}>
      <legend id={fieldId('billingOn')}>Billing details</legend>
      <label className="checkbox">
        <input autoComplete="off" type="checkbox" checked={values.on} onChange={(e) => onChange({ on: e.target.checked })} />
        Add billing details (an invoice needs them)
      </label>
      {values.on && (
        <>
          <div className="radio-row" role="radiogroup" aria-label="The client is">
            <label className="radio">
              <input autoComplete="off" type="radio" name={fieldId('isBusiness')} checked={values.isBusiness} onChange={() => onChange({ isBusiness: true })} />
              A business
            </label>
            <label className="radio">
              <input
                autoComplete="off"
                type="radio"
                name={fieldId('isBusiness')}
                checked={!values.isBusiness}
                onChange={() => onChange({ isBusiness: false })}
              />
              A private person
            </label>
          </div>
          <div className="form-grid">
            {text('billingLegalName', values.legalName, (legalName) => ({ legalName }), {
              placeholder: defaultName,
              hint: 'Empty: the company above, else the name, is printed.',
            })}
            {text('billingVatId', values.vatId, (vatId) => ({ vatId }), { hint: vatHint ?? 'With its country prefix. Checked against the client’s country.' })}
            {text('buyerReference', values.buyerReference, (buyerReference) => ({ buyerReference }), {
              hint: 'Printed on every invoice when the client asks for it.',
            })}
          </div>
          <Field
            id={fieldId('billingAddress')}
            label={L.billingAddress}
            error={errors.billingAddress}
            hint={contactAddress.trim() ? 'Empty: the address above is printed.' : undefined}
            length={values.address.length}
            max={BILLING_LIMITS.billingAddress}
          >
            {(control) => (
              <textarea
                autoComplete="off"
                {...control}
                rows={3}
                value={values.address}
                placeholder={contactAddress}
                onChange={(e) => onChange({ address: e.target.value }, 'billingAddress')}
              />
            )}
          </Field>
          {places !== undefined && (
            <label className="checkbox">
              <input
                autoComplete="off"
                type="checkbox"
                id={fieldId('outsideVatArea')}
                checked={values.outsideVatArea}
                onChange={(e) => onChange({ outsideVatArea: e.target.checked })}
              />
              The client is in {places}, outside the EU VAT area
            </label>
          )}
          {!values.isBusiness && outsideEu && (
            <div className="radio-row" role="radiogroup" aria-label="What you sell this client">
              <label className="radio">
                <input
                  autoComplete="off"
                  type="radio"
                  name={fieldId('serviceKind')}
                  checked={values.serviceKind === 'consultancy'}
                  onChange={() => onChange({ serviceKind: 'consultancy' })}
                />
                Consultancy, engineering or data processing
              </label>
              <label className="radio">
                <input
                  autoComplete="off"
                  type="radio"
                  name={fieldId('serviceKind')}
                  checked={values.serviceKind === 'general'}
                  onChange={() => onChange({ serviceKind: 'general' })}
                />
                Other services
              </label>
            </div>
          )}
          <p className={treatment.ok ? 'vat-treatment' : 'vat-treatment warning'} data-testid="vat-treatment" aria-live="polite">
            <strong>VAT{country ? ` for a client in ${countryName(country)}` : ''}:</strong> {treatment.text}
          </p>
        </>
      )}
    </fieldset>
  );
}
