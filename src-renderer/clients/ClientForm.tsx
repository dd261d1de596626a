/**
 * Create or edit a client. The workflow is save-client.ts: main takes the policy first (a wider
 * one only on the person's yes in main's own dialog), then the vault takes the whole record.
 */
import { type FormEvent, useId, useMemo, useRef, useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import type { Client } from '../domain/client.ts';
import { countriesByName, countryName } from '../domain/countries.ts';
import { CLIENT_FIELDS, CLIENT_LIMITS, type ClientField, clientFormValues, type ClientFormValues, localZone, toClientInput } from './client-form.ts';
import { followCountry, zonesOf } from './country-defaults.ts';
import { Field } from '../ui/Field.tsx';
import { type FieldErrors, firstInvalid } from '../ui/field-errors.ts';
import { ResidencyPicker } from './ResidencyPicker.tsx';
import { BillingDetailsSection } from './BillingDetailsSection.tsx';
import { defaultLegalName, type BillingField, type BillingFormValues } from './billing-form.ts';
import { caravan } from '../ipc/caravan.ts';
import { saveClientWithPolicy } from './save-client.ts';
import { newId } from '../vault/repos/entity-repo.ts';
import { RecordHistoryButton } from '../history/RecordHistoryButton.tsx';

const ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
const CURRENCY_NAMES = new Intl.DisplayNames(undefined, { type: 'currency' });
/** Every currency ICU knows, by code, with its name ("EUR · Euro"). */
const CURRENCIES = (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : ['EUR']).map((code) => ({
  code,
  name: CURRENCY_NAMES.of(code) ?? code,
}));

export function ClientForm({ client, onDone }: { client?: Client; onDone: (saved: Client | null) => void }) {
  const saveClient = useStore((s) => s.saveClient);
  const notify = useStore((s) => s.notify);
  const setSyncStatus = useStore((s) => s.setSyncStatus);
  const [values, setValues] = useState<ClientFormValues>(() => clientFormValues(client));
  const [errors, setErrors] = useState<FieldErrors<ClientField>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A saved client's zone and currency were chosen; a new one's follow its country until picked by hand.
  const chosen = useRef({ timeZone: client !== undefined, currency: client !== undefined });
  const id = useId();
  const countries = useMemo(() => countriesByName(), []);
  const countryZones = useMemo(() => zonesOf(values.country), [values.country]);
  const fieldId = (key: ClientField) => `${id}-${key}`;
  const set =
    <K extends keyof ClientFormValues>(key: K) =>
    (value: ClientFormValues[K]) => {
      setValues((v) => ({ ...v, [key]: value }));
      // The field's message goes once the person changes it; the others stay until the next save.
      setErrors((e) => (e[key as ClientField] === undefined ? e : { ...e, [key]: undefined }));
    };
  const setBilling = (patch: Partial<BillingFormValues>, field?: BillingField) => {
    setValues((v) => ({ ...v, billing: { ...v.billing, ...patch } }));
    if (field) setErrors((e) => (e[field] === undefined ? e : { ...e, [field]: undefined }));
  };
  const setCountry = (country: string) => {
    setValues((v) => ({ ...v, country, ...followCountry(country, v, chosen.current, localZone()) }));
    // The client's VAT number is checked against the country: a change may settle its message.
    setErrors((e) => ({ ...e, country: undefined, timeZone: undefined, currency: undefined, billingVatId: undefined }));
  };

  /** Deletes a client's objects from targets its policy no longer allows (each deletion audited by main). */
  const removeCopies = async (saved: Client, targetIds: readonly string[]) => {
    const results = await Promise.all(targetIds.map((t) => caravan().sync.deletePartition(t, saved.id)));
    const failed = results.filter((r) => !r.ok);
    if (failed.length === 0) notify(`${saved.name}’s copies were deleted from ${targetIds.length} target(s).`);
    else
      notify(`Some copies of ${saved.name} could not be deleted: ${failed[0] && !failed[0].ok ? failed[0].error.message : ''} Try again from Sync.`, {
        tone: 'error',
      });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = toClientInput(values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setError(null);
      // Every field is marked at once; focus goes to the first, so the person starts there.
      const first = firstInvalid(CLIENT_FIELDS, parsed.errors);
      if (first) document.getElementById(fieldId(first))?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    const guardOpen = useStore.getState().guardOpen;
    const outcome = await saveClientWithPolicy({ saveClient, newId, guardOpen, locality: caravan().locality }, client, parsed.input);
    if (outcome.kind !== 'saved') {
      setError(outcome.message);
      setBusy(false);
      return;
    }
    const { saved, heldOnDisallowed: targets } = outcome;
    // Main has this policy in force now: no wider one waits for this client any more.
    const waiting = useStore.getState().sync.policiesAwaiting;
    if (outcome.inForce && waiting.some((a) => a.clientId === saved.id)) setSyncStatus({ policiesAwaiting: waiting.filter((a) => a.clientId !== saved.id) });
    if (!outcome.inForce)
      notify(
        `${saved.name} was saved. The locality guard is not open, so nothing of any client is synced now; it takes this policy when it opens, and a wider one waits for your yes there.`,
      );
    if (targets.length > 0) {
      notify(`${targets.length} sync target(s) hold data of ${saved.name} that the new policy no longer allows; Caravan sends nothing more there.`, {
        tone: 'error',
        action: { label: 'Remove copies', run: () => void removeCopies(saved, targets) },
      });
    }
    onDone(saved);
  };

  const text = (key: 'name' | 'company' | 'email' | 'phone', label: string, extra: Record<string, unknown> = {}) => (
    <Field id={fieldId(key)} label={label} error={errors[key]} length={values[key].length} max={CLIENT_LIMITS[key]}>
      {(control) => <input autoComplete="off" {...control} value={values[key]} onChange={(e) => set(key)(e.target.value)} {...extra} />}
    </Field>
  );
  const otherZones = ZONES.filter((z) => !countryZones.includes(z));

  return (
    <form className="entity-form" onSubmit={submit} noValidate autoComplete="off">
      <div className="form-grid">
        {text('name', 'Name', { autoFocus: true, required: true })}
        {text('company', 'Company (if different)')}
        {text('email', 'Email', { type: 'email' })}
        {text('phone', 'Phone', { type: 'tel' })}
        <Field id={fieldId('country')} label="Country" error={errors.country}>
          {(control) => (
            <select autoComplete="off" {...control} value={values.country} onChange={(e) => setCountry(e.target.value)} required>
              <option value="">Choose…</option>
              {countries.map((code) => (
                <option key={code} value={code}>
                  {countryName(code)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={fieldId('timeZone')} label="Time zone" error={errors.timeZone}>
          {(control) => (
            <select
              autoComplete="off"
              {...control}
              value={values.timeZone}
              onChange={(e) => {
                chosen.current.timeZone = true;
                set('timeZone')(e.target.value);
              }}
            >
              <option value="">Choose…</option>
              {/* A zone kept from before that this runtime no longer lists stays choosable. */}
              {values.timeZone !== '' && !ZONES.includes(values.timeZone) && !countryZones.includes(values.timeZone) && (
                <option value={values.timeZone}>{values.timeZone}</option>
              )}
              {countryZones.length > 0 && (
                <optgroup label={countryName(values.country)}>
                  {countryZones.map((z) => (
                    <option key={z} value={z}>
                      {z.replaceAll('_', ' ')}
                    </option>
                  ))}
                </optgroup>
              )}
              <optgroup label="All time zones">
                {otherZones.map((z) => (
                  <option key={z} value={z}>
                    {z.replaceAll('_', ' ')}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        </Field>
        <Field id={fieldId('currency')} label="Currency" error={errors.currency}>
          {(control) => (
            <select
              autoComplete="off"
              {...control}
              value={values.currency}
              onChange={(e) => {
                chosen.current.currency = true;
                set('currency')(e.target.value);
              }}
            >
              {!CURRENCIES.some((c) => c.code === values.currency) && <option value={values.currency}>{values.currency || 'Choose…'}</option>}
              {CURRENCIES.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code} · {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={fieldId('rate')} label={`Default hourly rate (${values.currency || 'currency'})`} error={errors.rate}>
          {(control) => (
            <input autoComplete="off" {...control} inputMode="decimal" value={values.rate} placeholder="95" onChange={(e) => set('rate')(e.target.value)} />
          )}
        </Field>
      </div>
      <Field id={fieldId('address')} label="Address" error={errors.address} length={values.address.length} max={CLIENT_LIMITS.address}>
        {(control) => <textarea autoComplete="off" {...control} rows={2} value={values.address} onChange={(e) => set('address')(e.target.value)} />}
      </Field>
      <ResidencyPicker id={fieldId('residency')} value={values.residency} onChange={set('residency')} error={errors.residency} />
      <Field
        id={fieldId('retention')}
        label="Keep data for (months)"
        error={errors.retention}
        hint="Counted from the client’s last activity (its last edit or last time block). Leave empty for no limit. When the period has passed, Clients asks you to review: export, erase or keep. Nothing is deleted automatically."
      >
        {(control) => (
          <input
            autoComplete="off"
            {...control}
            className="retention"
            inputMode="numeric"
            value={values.retention}
            placeholder="No limit"
            onChange={(e) => set('retention')(e.target.value)}
          />
        )}
      </Field>
      <div className="field-group">
        <label className="checkbox">
          <input autoComplete="off" type="checkbox" checked={values.safeForTravel} onChange={(e) => set('safeForTravel')(e.target.checked)} /> Safe for travel
        </label>
        <p className="small muted">
          In travel mode, clients whose policy excludes the country you are in leave this device and come back from a sync target when the trip ends. Tick this
          to keep this client on the device anyway (for example when the client agreed).
        </p>
      </div>
      <BillingDetailsSection
        values={values.billing}
        country={values.country}
        defaultName={defaultLegalName(values)}
        contactAddress={values.address}
        errors={errors}
        fieldId={(key) => fieldId(key as ClientField)}
        onChange={setBilling}
      />
      <Field id={fieldId('notes')} label="Notes" error={errors.notes} length={values.notes.length} max={CLIENT_LIMITS.notes}>
        {(control) => <textarea autoComplete="off" {...control} rows={3} value={values.notes} onChange={(e) => set('notes')(e.target.value)} />}
      </Field>
      <FormError message={error} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={busy}>
          {client ? 'Save changes' : 'Create client'}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
        {client && <RecordHistoryButton partition={`client:${client.id}`} table="clients" id={client.id} title={`History of ${client.name}`} />}
      </div>
    </form>
  );
}
