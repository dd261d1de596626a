/** One field of a mapping step: a select of the file's headers, with an optional "none" or "fixed" choice. */
import { useId } from 'react';

/** The value of a select with no column chosen. */
export const NO_COLUMN = '';
/** The value of the "one value for the whole file" choice. */
export const FIXED_VALUE = '\u0000fixed';

interface Props {
  label: string;
  headers: readonly string[];
  value: string;
  onChange: (value: string) => void;
  /** Text of the empty choice when the field is optional ("None"); absent: "Choose a column". */
  none?: string;
  /** Text of a "one value for the whole file" choice, when the field offers one. */
  fixed?: string;
}

export function ColumnSelect({ label, headers, value, onChange, none, fixed }: Props) {
  const id = useId();
  return (
    <div className="field-group">
      <label htmlFor={id}>{label}</label>
      <select id={id} autoComplete="off" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value={NO_COLUMN}>{none ?? 'Choose a column'}</option>
        {fixed !== undefined && <option value={FIXED_VALUE}>{fixed}</option>}
        {headers.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </select>
    </div>
  );
}
