/** The business profile's fields (see BusinessProfileCard.tsx); the checks are profile-form.ts. */
import { type FormEvent, useId, useMemo, useRef, useState } from 'react';
import { useStore } from '../../app/store.ts';
import { FormError } from '../../app/FormError.tsx';
import { BUSINESS_PROFILE_SETTING, type BusinessProfile, type InvoiceHourStyle } from '../../domain/business-profile.ts';
import { countriesByName, countryName } from '../../domain/countries.ts';
import { currencyOf } from '../../clients/country-defaults.ts';
import { Field } from '../../ui/Field.tsx';
import { type FieldErrors, firstInvalid } from '../../ui/field-errors.ts';
import { errorMessage } from '../../ui/error-message.ts';
import {
  PROFILE_FIELDS,
  PROFILE_LABELS as L,
  PROFILE_LIMITS,
  type ProfileField,
  profileFormValues,
  type ProfileFormValues,
  SMALL_BUSINESS_WORDING,
  toBusinessProfile,
} from './profile-form.ts';
import { SeriesFields } from './SeriesFields.tsx';

const CURRENCY_NAMES = new Intl.DisplayNames(undefined, { type: 'currency' });
const CURRENCIES = (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : ['EUR']).map((code) => ({
  code,
  name: CURRENCY_NAMES.of(code) ?? code,
}));

const HOUR_STYLES: { value: InvoiceHourStyle; label: string }[] = [
  { value: 'h:mm', label: 'Hours and minutes (7:55 h)' },
  { value: 'decimal', label: 'Decimal hours (7.92 h)' },
];

export function BusinessProfileForm({
  initial,
  displayHourStyle,
  onSaved,
}: {
  initial: BusinessProfile | undefined;
  displayHourStyle: InvoiceHourStyle;
  onSaved: () => void;
}) {
  const writeSetting = useStore((s) => s.writeSetting);
  const year = new Date().getFullYear();
  const [values, setValues] = useState<ProfileFormValues>(() => profileFormValues(initial, year, displayHourStyle));
  const [errors, setErrors] = useState<FieldErrors<ProfileField>>({});
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A stored profile's currency was chosen; a new one's follows the country until picked by hand.
  const currencyChosen = useRef(initial !== undefined);
  const id = useId();
  const countries = useMemo(() => countriesByName(), []);
  const fieldId = (key: ProfileField | 'smallBusiness' | 'hourStyle') => `${id}-${key}`;
  const set = <K extends keyof ProfileFormValues>(key: K, value: ProfileFormValues[K]) => {
    setOk(null);
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => (e[key as ProfileField] === undefined ? e : { ...e, [key]: undefined }));
  };
  const setCountry = (country: string) => {
    setOk(null);
    setValues((v) => ({ ...v, country, homeCurrency: currencyChosen.current ? v.homeCurrency : (currencyOf(country) ?? v.homeCurrency) }));
    // The VAT number is checked against the country: a change may settle its message.
    setErrors((e) => ({ ...e, country: undefined, vatId: undefined, homeCurrency: undefined }));
  };
  const setExempt = (on: boolean) => {
    setOk(null);
    // Germany's wording is the law's (§ 19 UStG); elsewhere the person types their own.
    setValues((v) => ({
      ...v,
      smallBusiness: on,
      smallBusinessWording: on && v.smallBusinessWording === '' ? (SMALL_BUSINESS_WORDING[v.country] ?? '') : v.smallBusinessWording,
    }));
    setErrors((e) => ({ ...e, smallBusinessWording: undefined, vatRate: undefined }));
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setOk(null);
    const checked = toBusinessProfile(values, year);
    if (!checked.ok) {
      setErrors(checked.errors);
      setError(null);
      const first = firstInvalid(PROFILE_FIELDS, checked.errors);
      if (first) document.getElementById(fieldId(first))?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await writeSetting(BUSINESS_PROFILE_SETTING, checked.value);
      setError(null);
      setOk('Business profile saved.');
      onSaved();
    } catch (e) {
      setError(`The profile was not saved: ${errorMessage(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const text = (
    key: ProfileField & keyof ProfileFormValues,
    extra: { hint?: string; type?: string; inputMode?: 'decimal' | 'numeric'; className?: string } = {},
  ) => (
    <Field id={fieldId(key)} label={L[key]} error={errors[key]} hint={extra.hint} length={String(values[key]).length} max={PROFILE_LIMITS[key]}>
      {(control) => (
        <input
          autoComplete="off"
          {...control}
          type={extra.type ?? 'text'}
          inputMode={extra.inputMode}
          className={extra.className}
          value={String(values[key])}
          onChange={(e) => set(key, e.target.value)}
        />
      )}
    </Field>
  );
  const where = values.country ? countryName(values.country) : 'your country';

  return (
    <form onSubmit={save} aria-label="Business profile" autoComplete="off" noValidate>
      <div className="form-grid">
        {text('legalName')}
        <Field id={fieldId('country')} label={L.country} error={errors.country}>
          {(control) => (
            <select autoComplete="off" {...control} value={values.country} onChange={(e) => setCountry(e.target.value)}>
              <option value="">Choose…</option>
              {countries.map((code) => (
                <option key={code} value={code}>
                  {countryName(code)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field id={fieldId('address')} label={L.address} error={errors.address} length={values.address.length} max={PROFILE_LIMITS.address}>
        {(control) => <textarea autoComplete="off" {...control} rows={3} value={values.address} onChange={(e) => set('address', e.target.value)} />}
      </Field>
      <div className="form-grid">
        {text('vatId', {
          hint: values.country === 'GR' ? 'Greek VAT numbers begin with EL.' : 'With its country prefix, such as DE123456789. Needed for reverse charge.',
        })}
        {text('taxNumber', { hint: 'Your national tax number, where invoices must show it (Steuernummer, NIF).' })}
        {text('email', { type: 'email' })}
        {text('vatRate', {
          inputMode: 'decimal',
          className: 'short',
          hint: `The rate you charge clients in ${where}. Caravan never guesses a rate: type the one that applies to your services.`,
        })}
      </div>
      <fieldset className="reminder-group">
        <legend>Small-business VAT exemption</legend>
        <label className="checkbox">
          <input
            autoComplete="off"
            type="checkbox"
            id={fieldId('smallBusiness')}
            checked={values.smallBusiness}
            onChange={(e) => setExempt(e.target.checked)}
          />
          I use a small-business exemption and charge no VAT at home
        </label>
        {values.smallBusiness && (
          <Field
            id={fieldId('smallBusinessWording')}
            label={L.smallBusinessWording}
            error={errors.smallBusinessWording}
            hint="Printed on every invoice that charges no VAT because of the exemption, as typed. A business client elsewhere in the EU is still invoiced under reverse charge."
            length={values.smallBusinessWording.length}
            max={PROFILE_LIMITS.smallBusinessWording}
          >
            {(control) => (
              <textarea
                autoComplete="off"
                {...control}
                rows={2}
                value={values.smallBusinessWording}
                onChange={(e) => set('smallBusinessWording', e.target.value)}
              />
            )}
          </Field>
        )}
      </fieldset>
      <div className="form-grid">
        <Field
          id={fieldId('homeCurrency')}
          label={L.homeCurrency}
          error={errors.homeCurrency}
          hint="Your books are kept in it; an invoice in another currency fixes its rate to it."
        >
          {(control) => (
            <select
              autoComplete="off"
              {...control}
              value={values.homeCurrency}
              onChange={(e) => {
                currencyChosen.current = true;
                set('homeCurrency', e.target.value);
              }}
            >
              {!CURRENCIES.some((c) => c.code === values.homeCurrency) && <option value={values.homeCurrency}>{values.homeCurrency || 'Choose…'}</option>}
              {CURRENCIES.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code} · {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('paymentTermsDays', { inputMode: 'numeric', className: 'short', hint: 'Days from the issue date to the due date.' })}
        {text('iban', { hint: 'Spaces are fine; it is stored without them and printed in groups of four.' })}
        {text('bic')}
        {text('accountHolder', { hint: 'Only when the account is in another name than the legal name.' })}
      </div>
      <SeriesFields values={values} errors={errors} fieldId={fieldId} set={set} year={year} />
      <fieldset className="reminder-group">
        <legend>Quantities of time on invoices</legend>
        <div className="radio-row" role="radiogroup" aria-label="Quantities of time on invoices">
          {HOUR_STYLES.map((choice) => (
            <label key={choice.value} className="radio">
              <input
                autoComplete="off"
                type="radio"
                name={fieldId('hourStyle')}
                value={choice.value}
                checked={values.hourStyle === choice.value}
                onChange={() => set('hourStyle', choice.value)}
              />
              {choice.label}
            </label>
          ))}
        </div>
      </fieldset>
      <FormError message={error} />
      {ok && (
        <p className="form-ok" role="status">
          {ok}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy}>
        Save business profile
      </button>
    </form>
  );
}
