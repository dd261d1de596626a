/**
 * Create or edit a client. The workflow is save-client.ts: main takes the policy first (a wider
 * one only on the person's yes in main's own dialog), then the vault takes the whole record.
 */
import { type FormEvent, useId, useMemo, useState } from 'react';
import { useStore } from '../app/store.ts';
import { FormError } from '../app/FormError.tsx';
import type { Client } from '../domain/client.ts';
import { countriesByName, countryName } from '../domain/countries.ts';
import { clientFormValues, type ClientFormValues, toClientInput } from './client-form.ts';
import { ResidencyPicker } from './ResidencyPicker.tsx';
import { caravan } from '../ipc/caravan.ts';
import { saveClientWithPolicy } from './save-client.ts';
import { newId } from '../vault/repos/entity-repo.ts';

const ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
const CURRENCIES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : [];

export function ClientForm({ client, onDone }: { client?: Client; onDone: (saved: Client | null) => void }) {
  const saveClient = useStore((s) => s.saveClient);
  const notify = useStore((s) => s.notify);
  const setSyncStatus = useStore((s) => s.setSyncStatus);
  const [values, setValues] = useState<ClientFormValues>(() => clientFormValues(client));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const countries = useMemo(() => countriesByName(), []);
  const set =
    <K extends keyof ClientFormValues>(key: K) =>
    (value: ClientFormValues[K]) =>
      setValues((v) => ({ ...v, [key]: value }));

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
    if (!parsed.ok) return setError(parsed.message);
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

  const field = (key: 'name' | 'company' | 'email' | 'phone', label: string, extra: Record<string, unknown> = {}) => (
    <div className="field-group">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input autoComplete="off" id={`${id}-${key}`} value={values[key]} onChange={(e) => set(key)(e.target.value)} {...extra} />
    </div>
  );

  return (
    <form className="entity-form" onSubmit={submit} noValidate autoComplete="off">
      <div className="form-grid">
        {field('name', 'Name', { autoFocus: true, required: true })}
        {field('company', 'Company (if different)')}
        {field('email', 'Email', { type: 'email', autoComplete: 'off' })}
        {field('phone', 'Phone', { type: 'tel', autoComplete: 'off' })}
        <div className="field-group">
          <label htmlFor={`${id}-country`}>Country</label>
          <select autoComplete="off" id={`${id}-country`} value={values.country} onChange={(e) => set('country')(e.target.value)} required>
            <option value="">Choose…</option>
            {countries.map((code) => (
              <option key={code} value={code}>
                {countryName(code)}
              </option>
            ))}
          </select>
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-zone`}>Time zone</label>
          <input autoComplete="off" id={`${id}-zone`} list={`${id}-zones`} value={values.timeZone} onChange={(e) => set('timeZone')(e.target.value)} />
          <datalist id={`${id}-zones`}>
            {ZONES.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-currency`}>Currency</label>
          <input
            autoComplete="off"
            id={`${id}-currency`}
            list={`${id}-currencies`}
            value={values.currency}
            maxLength={3}
            onChange={(e) => set('currency')(e.target.value.toUpperCase())}
          />
          <datalist id={`${id}-currencies`}>
            {CURRENCIES.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </div>
        <div className="field-group">
          <label htmlFor={`${id}-rate`}>Default hourly rate</label>
          <input autoComplete="off" id={`${id}-rate`} inputMode="decimal" value={values.rate} placeholder="95" onChange={(e) => set('rate')(e.target.value)} />
        </div>
      </div>
      <div className="field-group">
        <label htmlFor={`${id}-address`}>Address</label>
        <textarea autoComplete="off" id={`${id}-address`} rows={2} value={values.address} onChange={(e) => set('address')(e.target.value)} />
      </div>
      <ResidencyPicker value={values.residency} onChange={set('residency')} />
      <div className="field-group">
        <label htmlFor={`${id}-retention`}>Keep data for (months)</label>
        <input
          autoComplete="off"
          id={`${id}-retention`}
          className="short"
          inputMode="numeric"
          value={values.retention}
          placeholder="No limit"
          aria-describedby={`${id}-retention-hint`}
          onChange={(e) => set('retention')(e.target.value)}
        />
        <p id={`${id}-retention-hint`} className="small muted">
          Counted from the client’s last activity (its last edit or last time block). Leave empty for no limit. When the period has passed, Clients asks you to
          review: export, erase or keep. Nothing is deleted automatically.
        </p>
      </div>
      <div className="field-group">
        <label className="checkbox">
          <input autoComplete="off" type="checkbox" checked={values.safeForTravel} onChange={(e) => set('safeForTravel')(e.target.checked)} /> Safe for travel
        </label>
        <p className="small muted">
          In travel mode, clients whose policy excludes the country you are in leave this device and come back from a sync target when the trip ends. Tick this
          to keep this client on the device anyway (for example when the client agreed).
        </p>
      </div>
      <div className="field-group">
        <label htmlFor={`${id}-notes`}>Notes</label>
        <textarea autoComplete="off" id={`${id}-notes`} rows={3} value={values.notes} onChange={(e) => set('notes')(e.target.value)} />
      </div>
      <FormError message={error} />
      <div className="button-row">
        <button type="submit" className="button primary" disabled={busy}>
          {client ? 'Save changes' : 'Create client'}
        </button>
        <button type="button" className="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
