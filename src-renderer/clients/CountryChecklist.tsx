/**
 * "Only these countries": the chosen ones first, each removable, then every country by name with
 * a box to tick and a filter to find one by typing. Replaces a Ctrl-click list sorted by code.
 */
import { X } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import { countriesByName, countryName } from '../domain/countries.ts';

export function CountryChecklist({ value, onChange, invalid }: { value: readonly string[]; onChange: (next: string[]) => void; invalid: boolean }) {
  const id = useId();
  const [filter, setFilter] = useState('');
  const all = useMemo(() => countriesByName(), []);
  const needle = filter.trim().toLocaleLowerCase();
  const shown = needle === '' ? all : all.filter((code) => countryName(code).toLocaleLowerCase().includes(needle) || code.toLowerCase() === needle);
  const toggle = (code: string, on: boolean) => onChange(on ? [...value, code] : value.filter((c) => c !== code));
  return (
    <div>
      <p id={`${id}-label`} className="field-hint">
        {value.length === 0 ? 'No country chosen yet: tick each one the data may go to.' : `${value.length} chosen:`}
      </p>
      {value.length > 0 && (
        <ul className="country-chosen" aria-label="Chosen countries">
          {value.map((code) => (
            <li key={code}>
              <button type="button" className="chip" aria-label={`Remove ${countryName(code)}`} onClick={() => toggle(code, false)}>
                {countryName(code)} <X aria-hidden size={12} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        type="search"
        autoComplete="off"
        aria-label="Find a country"
        placeholder="Find a country…"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <div className="country-checklist" aria-label="Allowed countries" aria-describedby={`${id}-label`} aria-invalid={invalid} role="group">
        {shown.length === 0 && <p className="field-hint">No country matches “{filter.trim()}”.</p>}
        {shown.map((code) => (
          <label key={code}>
            <input type="checkbox" autoComplete="off" checked={value.includes(code)} onChange={(e) => toggle(code, e.target.checked)} />
            {countryName(code)}
          </label>
        ))}
      </div>
    </div>
  );
}
