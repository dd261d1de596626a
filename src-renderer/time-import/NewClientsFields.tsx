/**
 * The clients an import creates, asked once each: country, time zone and currency, preset from the
 * import's zone and the client's first rate. Residency starts "device only", as for a client made
 * by hand; the Clients screen changes it.
 */
import { countriesByName, countryName } from '../domain/countries.ts';
import type { NewClientChoice, NewClientPlan } from './plan.ts';

const ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

interface Props {
  clients: readonly NewClientPlan[];
  onChange: (key: string, choice: NewClientChoice) => void;
}

export function NewClientsFields({ clients, onChange }: Props) {
  if (clients.length === 0) return null;
  const countries = countriesByName();
  return (
    <fieldset className="entity-form">
      <legend>
        {clients.length} new {clients.length === 1 ? 'client' : 'clients'}
      </legend>
      {clients.map((c) => {
        const choice = { country: c.country, timeZone: c.timeZone, currency: c.currency };
        return (
          <div key={c.key} className="form-grid" role="group" aria-label={`New client ${c.name}`}>
            <p className="field-group">
              <strong>{c.name}</strong>
            </p>
            <label className="field-group">
              Country of {c.name}
              <select autoComplete="off" value={c.country} onChange={(e) => onChange(c.key, { ...choice, country: e.target.value })}>
                {countries.map((code) => (
                  <option key={code} value={code}>
                    {countryName(code)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field-group">
              Time zone of {c.name}
              <select autoComplete="off" value={c.timeZone} onChange={(e) => onChange(c.key, { ...choice, timeZone: e.target.value })}>
                {(ZONES.includes(c.timeZone) ? ZONES : [c.timeZone, ...ZONES]).map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            </label>
            <label className="field-group">
              Currency of {c.name}
              <input
                autoComplete="off"
                maxLength={3}
                value={c.currency}
                onChange={(e) => onChange(c.key, { ...choice, currency: e.target.value.toUpperCase() })}
              />
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
