/**
 * Where a client's data may go: device only, a zone, or a list of countries. The locality guard
 * in main enforces it on every upload and export; this picker only records the choice.
 */
import { useId } from 'react';
import type { Attestation, ResidencyPolicy } from '../../src-preload/contract/residency.ts';
import { conditionalAdequacyCountries, shippedZones, type ZoneId } from '../../src-preload/contract/places/zones.ts';
import { countryName } from '../domain/countries.ts';
import { CountryChecklist } from './CountryChecklist.tsx';

const ZONES: readonly { zone: ZoneId; label: string; hint: string }[] = [
  { zone: 'EU', label: 'EU', hint: 'The 27 member states of the European Union.' },
  { zone: 'EEA', label: 'EEA', hint: 'The EU plus Iceland, Liechtenstein and Norway.' },
  { zone: 'EEA+adequacy', label: 'EEA and adequacy countries', hint: 'The EEA plus countries with an EU adequacy decision (e.g. Switzerland, UK, Japan).' },
];

/** A person-readable summary ("EEA", "Germany, Austria", "This device only"). */
export function describeResidency(residency: ResidencyPolicy): string {
  switch (residency.kind) {
    case 'device-only':
      return 'This device only';
    case 'zone':
      return ZONES.find((z) => z.zone === residency.zone)?.label ?? residency.zone;
    case 'countries':
      return residency.countries.map(countryName).join(', ');
  }
}

/**
 * Countries whose EU adequacy decision is conditional (US, CA, JP as of the shipped data), from the
 * shipped zones file. Main's guard decides from the data in use, so an attestation for a country
 * that is not conditional there simply has no effect.
 */
const CONDITIONAL: readonly string[] = conditionalAdequacyCountries(shippedZones());

function conditionalIn(value: ResidencyPolicy): string[] {
  if (value.kind === 'zone') return value.zone === 'EEA+adequacy' ? [...CONDITIONAL] : [];
  if (value.kind === 'countries') return value.countries.filter((c) => CONDITIONAL.includes(c));
  return [];
}

function withAttestations(value: ResidencyPolicy, attestations: Attestation[]): ResidencyPolicy {
  if (value.kind === 'device-only') return value;
  const { attestations: _old, ...rest } = value;
  return attestations.length > 0 ? { ...rest, attestations } : rest;
}

/** `value` with the attestation for `country` set to `basis` (recorded now), or withdrawn when empty. */
function withBasis(value: ResidencyPolicy, country: string, basis: string): ResidencyPolicy {
  if (value.kind === 'device-only') return value;
  const current = value.attestations ?? [];
  const others = current.filter((a) => a.country !== country);
  const existing = current.find((a) => a.country === country);
  const next = basis.trim() === '' ? others : [...others, { country, basis, recordedAt: existing?.recordedAt ?? Date.now() }];
  return withAttestations(
    value,
    next.sort((a, b) => a.country.localeCompare(b.country)),
  );
}

/** What was checked for each conditional country; an empty basis withdraws the attestation. */
function Attestations({ value, onChange }: { value: ResidencyPolicy; onChange: (next: ResidencyPolicy) => void }) {
  const countries = conditionalIn(value);
  const id = useId();
  if (countries.length === 0 || value.kind === 'device-only') return null;
  const current = value.attestations ?? [];
  const setBasis = (country: string, basis: string) => onChange(withBasis(value, country, basis));
  return (
    <div className="attestations">
      <p className="field-hint">
        The EU adequacy decision for these countries covers only some recipients. Data goes there only if you record what you checked (for example “the provider
        is certified under the EU-US Data Privacy Framework”).
      </p>
      {countries.map((country) => (
        <div className="field-group" key={country}>
          <label htmlFor={`${id}-${country}`}>Attestation for {countryName(country)}</label>
          <input
            autoComplete="off"
            id={`${id}-${country}`}
            value={current.find((a) => a.country === country)?.basis ?? ''}
            placeholder="Leave empty: no data goes there"
            onChange={(e) => setBasis(country, e.target.value)}
          />
        </div>
      ))}
    </div>
  );
}

/** `id` goes on the fieldset, so a form can move focus to it; `error` is said under it. */
export function ResidencyPicker({
  id,
  value,
  onChange,
  error,
}: {
  id?: string;
  value: ResidencyPolicy;
  onChange: (next: ResidencyPolicy) => void;
  error?: string | undefined;
}) {
  const name = useId();
  const choice = value.kind === 'zone' ? value.zone : value.kind;
  const countries = value.kind === 'countries' ? value.countries : [];
  return (
    <fieldset className="residency" id={id} tabIndex={-1} aria-invalid={error !== undefined} aria-describedby={error ? `${name}-error` : undefined}>
      <legend>Where this client’s data may be stored and synced</legend>
      <div className="radio-option">
        <label className="radio">
          <input
            autoComplete="off"
            type="radio"
            name={name}
            aria-describedby={`${name}-device`}
            checked={choice === 'device-only'}
            onChange={() => onChange({ kind: 'device-only' })}
          />
          This device only
        </label>
        <span id={`${name}-device`} className="field-hint">
          Never synced or exported.
        </span>
      </div>
      {ZONES.map((z) => (
        <div className="radio-option" key={z.zone}>
          <label className="radio">
            <input
              autoComplete="off"
              type="radio"
              name={name}
              aria-describedby={`${name}-${z.zone}`}
              checked={choice === z.zone}
              onChange={() => onChange({ kind: 'zone', zone: z.zone })}
            />
            {z.label}
          </label>
          <span id={`${name}-${z.zone}`} className="field-hint">
            {z.hint}
          </span>
        </div>
      ))}
      <label className="radio">
        <input autoComplete="off" type="radio" name={name} checked={choice === 'countries'} onChange={() => onChange({ kind: 'countries', countries })} />
        <span>Only these countries</span>
      </label>
      {value.kind === 'countries' && (
        <CountryChecklist
          value={countries}
          invalid={error !== undefined}
          onChange={(picked) => {
            // Attestations follow their country: dropping the US from the list drops its attestation.
            const kept = (value.attestations ?? []).filter((a) => picked.includes(a.country));
            onChange({ kind: 'countries', countries: picked, ...(kept.length > 0 ? { attestations: kept } : {}) });
          }}
        />
      )}
      <Attestations value={value} onChange={onChange} />
      {error && (
        <p id={`${name}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
