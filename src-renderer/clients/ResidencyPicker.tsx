/**
 * Where a client's data may go: device only, a zone, or a list of countries. The locality guard
 * in main enforces it on every upload and export; this picker only records the choice.
 */
import { useId } from 'react';
import type { Residency } from '../domain/client.ts';
import { COUNTRY_CODES, countryName } from '../domain/countries.ts';

const ZONES = [
  { zone: 'EU', label: 'EU', hint: 'The 27 member states of the European Union.' },
  { zone: 'EEA', label: 'EEA', hint: 'The EU plus Iceland, Liechtenstein and Norway.' },
  { zone: 'EEA+adequacy', label: 'EEA and adequacy countries', hint: 'The EEA plus countries with an EU adequacy decision (e.g. Switzerland, UK, Japan).' },
] as const;

/** A person-readable summary ("EEA", "Germany, Austria", "This device only"). */
export function describeResidency(residency: Residency): string {
  switch (residency.kind) {
    case 'device-only':
      return 'This device only';
    case 'zone':
      return ZONES.find((z) => z.zone === residency.zone)?.label ?? residency.zone;
    case 'countries':
      return residency.countries.map(countryName).join(', ');
  }
}

export function ResidencyPicker({ value, onChange }: { value: Residency; onChange: (next: Residency) => void }) {
  const name = useId();
  const choice = value.kind === 'zone' ? value.zone : value.kind;
  const countries = value.kind === 'countries' ? value.countries : [];
  return (
    <fieldset className="residency">
      <legend>Where this client’s data may be stored and synced</legend>
      <div className="radio-option">
        <label className="radio">
          <input type="radio" name={name} aria-describedby={`${name}-device`} checked={choice === 'device-only'} onChange={() => onChange({ kind: 'device-only' })} />
          This device only
        </label>
        <span id={`${name}-device`} className="field-hint">
          Never synced or exported.
        </span>
      </div>
      {ZONES.map((z) => (
        <div className="radio-option" key={z.zone}>
          <label className="radio">
            <input type="radio" name={name} aria-describedby={`${name}-${z.zone}`} checked={choice === z.zone} onChange={() => onChange({ kind: 'zone', zone: z.zone })} />
            {z.label}
          </label>
          <span id={`${name}-${z.zone}`} className="field-hint">
            {z.hint}
          </span>
        </div>
      ))}
      <label className="radio">
        <input
          type="radio"
          name={name}
          checked={choice === 'countries'}
          onChange={() => onChange({ kind: 'countries', countries: countries.length > 0 ? countries : ['DE'] })}
        />
        <span>Only these countries</span>
      </label>
      {value.kind === 'countries' && (
        <select
          multiple
          aria-label="Allowed countries"
          className="country-list"
          value={[...countries]}
          onChange={(event) => {
            const picked = Array.from(event.target.selectedOptions, (o) => o.value);
            if (picked.length > 0) onChange({ kind: 'countries', countries: picked });
          }}
        >
          {COUNTRY_CODES.map((code) => (
            <option key={code} value={code}>
              {countryName(code)}
            </option>
          ))}
        </select>
      )}
    </fieldset>
  );
}
