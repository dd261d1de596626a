/** A country picker: names in the person's language, ISO codes as values. */
import { useMemo } from 'react';
import { countriesByName, countryName } from '../../domain/countries.ts';
import type { FieldControlProps } from '../../ui/Field.tsx';

export function CountrySelect({ value, onChange, control }: { value: string; onChange: (code: string) => void; control: FieldControlProps }) {
  const codes = useMemo(() => countriesByName(), []);
  return (
    <select autoComplete="off" {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a country…</option>
      {codes.map((code) => (
        <option key={code} value={code}>
          {countryName(code)}
        </option>
      ))}
    </select>
  );
}
