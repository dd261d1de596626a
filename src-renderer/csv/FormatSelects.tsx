/** How a file writes numbers and dates: the two choices every mapping step asks. */
import { useId } from 'react';
import type { DecimalMark } from '../cost-import/decimal.ts';
import type { DateOrder } from '../cost-import/csv-dates.ts';

export function DecimalSelect({ value, onChange }: { value: DecimalMark; onChange: (mark: DecimalMark) => void }) {
  const id = useId();
  return (
    <div className="field-group">
      <label htmlFor={id}>Decimals</label>
      <select id={id} autoComplete="off" value={value} onChange={(e) => onChange(e.target.value as DecimalMark)}>
        <option value=".">Point: 1,234.56</option>
        <option value=",">Comma: 1.234,56</option>
      </select>
    </div>
  );
}

export function DateOrderSelect({ value, onChange }: { value: DateOrder; onChange: (order: DateOrder) => void }) {
  const id = useId();
  return (
    <div className="field-group">
      <label htmlFor={id}>Dates</label>
      <select id={id} autoComplete="off" value={value} onChange={(e) => onChange(e.target.value as DateOrder)}>
        <option value="ymd">Year first: 2026-11-03</option>
        <option value="dmy">Day first: 03.11.2026</option>
        <option value="mdy">Month first: 11/03/2026</option>
      </select>
    </div>
  );
}
