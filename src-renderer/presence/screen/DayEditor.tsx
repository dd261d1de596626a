/** Edit one day of the ledger: its countries in travel order, where the day ended, a note. Saved as the person's correction. */
import { type FormEvent, useId, useState } from 'react';
import { FormError } from '../../app/FormError.tsx';
import { MAX_COUNTRIES_PER_DAY, type PresenceStay } from '../../domain/presence.ts';
import { Field } from '../../ui/Field.tsx';
import { countryLabel } from './day-words.ts';
import type { LedgerDayView, WriteOutcome } from './presence-backend.ts';
import { CountrySelect } from './CountrySelect.tsx';

interface Row {
  country: string;
  midnight: boolean;
}

/** The rows' problem in words, or null: a country twice, a row without one. */
export function checkStays(rows: readonly Row[]): string | null {
  if (rows.some((r) => r.country === '')) return 'Country: choose a country on every row, or remove the row';
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.country)) return `Country: ${countryLabel(r.country)} is named twice`;
    seen.add(r.country);
  }
  return null;
}

export function DayEditor({
  day,
  title,
  onSave,
  onDone,
}: {
  day: LedgerDayView;
  title: string;
  onSave: (stays: PresenceStay[], note: string) => Promise<WriteOutcome>;
  onDone: () => void;
}) {
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() =>
    day.countries.length > 0 ? day.countries.map((c) => ({ country: c.country, midnight: c.midnight })) : [{ country: '', midnight: false }],
  );
  const [note, setNote] = useState(day.note);
  const [error, setError] = useState<string | null>(null);
  const set = (i: number, patch: Partial<Row>) =>
    setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : patch.midnight === true ? { ...r, midnight: false } : r)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = checkStays(rows);
    if (problem !== null) {
      setError(problem);
      return;
    }
    const outcome = await onSave(
      rows.map((r) => ({ country: r.country, ...(r.midnight ? { midnight: true } : {}) })),
      note,
    );
    if (outcome.ok) onDone();
    else setError(outcome.message);
  };

  return (
    <form autoComplete="off" onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
      <p className="muted">
        Where you were on this day, in the order you travelled. Mark where the day ended for countries that count by midnight. No country at all means the day
        counts nowhere.
      </p>
      {rows.map((row, i) => (
        <div key={i} className="field-row presence-stay">
          <Field id={`${id}-c${i}`} label={`Country ${i + 1}`}>
            {(control) => <CountrySelect control={control} value={row.country} onChange={(code) => set(i, { country: code })} />}
          </Field>
          <label className="checkbox">
            <input autoComplete="off" type="radio" name={`${id}-midnight`} checked={row.midnight} onChange={() => set(i, { midnight: true })} /> Day ended here
            <span className="visually-hidden"> (country {i + 1})</span>
          </label>
          <button type="button" className="button" aria-label={`Remove country ${i + 1}`} onClick={() => setRows((all) => all.filter((_, j) => j !== i))}>
            Remove
          </button>
        </div>
      ))}
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={rows.length >= MAX_COUNTRIES_PER_DAY}
          onClick={() => setRows((all) => [...all, { country: '', midnight: false }])}
        >
          Add a country
        </button>
        <button
          type="button"
          className="button"
          disabled={!rows.some((r) => r.midnight)}
          onClick={() => setRows((all) => all.map((r) => ({ ...r, midnight: false })))}
        >
          Ended: not known
        </button>
      </div>
      <Field id={`${id}-note`} label="Note" length={note.length} max={500}>
        {(control) => <input autoComplete="off" type="text" {...control} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <FormError message={error} />
      <div className="button-row">
        <span className="spacer" />
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button primary">
          Save day
        </button>
      </div>
    </form>
  );
}
