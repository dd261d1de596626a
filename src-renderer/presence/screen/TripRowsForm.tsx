/**
 * Trips typed as rows (from, to, country, note): one row to edit a trip, several to enter past
 * travel in bulk. Every row is checked at once and each problem shown beside its field; the ledger
 * then saves all rows or none, and its refusals (an overlap) land on their rows too.
 */
import { type FormEvent, useId, useState } from 'react';
import { FormError } from '../../app/FormError.tsx';
import { Field } from '../../ui/Field.tsx';
import { type FieldErrors, hasErrors } from '../../ui/field-errors.ts';
import { CountrySelect } from './CountrySelect.tsx';
import type { TripDraft, TripField, TripsOutcome } from './presence-backend.ts';
import { checkTripRow, EMPTY_TRIP, isBlankRow, TRIP_LABELS } from './trip-form.ts';

export function TripRowsForm({
  initial,
  bulk,
  submitLabel,
  onSubmit,
  onDone,
}: {
  initial: readonly TripDraft[];
  /** Offer "Add a row" and skip rows left empty. */
  bulk: boolean;
  submitLabel: string;
  onSubmit: (drafts: TripDraft[]) => Promise<TripsOutcome>;
  onDone: () => void;
}) {
  const id = useId();
  const [rows, setRows] = useState<TripDraft[]>(() => [...initial]);
  const [errors, setErrors] = useState<FieldErrors<TripField>[]>([]);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldId = (row: number, f: TripField) => `${id}-${row}-${f}`;
  const set = (row: number, f: TripField, value: string) => setRows((all) => all.map((r, i) => (i === row ? { ...r, [f]: value } : r)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const kept = rows.map((r, i) => ({ r, i })).filter(({ r }) => !bulk || !isBlankRow(r));
    if (kept.length === 0) {
      setFormError('Type at least one trip: From, To and Country.');
      return;
    }
    const found: FieldErrors<TripField>[] = rows.map(() => ({}));
    for (const { r, i } of kept) found[i] = checkTripRow(r);
    setErrors(found);
    const firstBad = found.findIndex((e) => hasErrors(e));
    if (firstBad >= 0) {
      const field = (['from', 'to', 'country', 'note'] as const).find((f) => found[firstBad]?.[f] !== undefined);
      if (field) document.getElementById(fieldId(firstBad, field))?.focus();
      return;
    }
    setBusy(true);
    try {
      const outcome = await onSubmit(kept.map(({ r }) => ({ ...r, country: r.country.toUpperCase() })));
      if (outcome.ok) {
        onDone();
        return;
      }
      // The ledger numbers the rows it was sent; map them back to the rows on screen.
      const back: FieldErrors<TripField>[] = rows.map(() => ({}));
      const loose: string[] = [];
      for (const e of outcome.errors) {
        const screenRow = kept[e.row]?.i;
        if (screenRow === undefined || e.field === null)
          loose.push(kept.length > 1 && screenRow !== undefined ? `Row ${screenRow + 1}: ${e.message}` : e.message);
        else back[screenRow] = { ...back[screenRow], [e.field]: e.message };
      }
      setErrors(back);
      setFormError(loose.length > 0 ? loose.join(' ') : 'Nothing was saved: correct the marked fields.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form autoComplete="off" className="trip-rows" onSubmit={(e) => void submit(e)} noValidate aria-label={bulk ? 'Trips to add' : 'Trip'}>
      {rows.map((row, i) => (
        <fieldset key={i} className="trip-row">
          <legend className={bulk ? undefined : 'visually-hidden'}>{bulk ? `Trip ${i + 1}` : 'Trip'}</legend>
          <Field id={fieldId(i, 'from')} label={TRIP_LABELS.from} error={errors[i]?.from}>
            {(control) => <input autoComplete="off" type="date" {...control} value={row.from} onChange={(e) => set(i, 'from', e.target.value)} />}
          </Field>
          <Field id={fieldId(i, 'to')} label={TRIP_LABELS.to} error={errors[i]?.to}>
            {(control) => <input autoComplete="off" type="date" {...control} value={row.to} onChange={(e) => set(i, 'to', e.target.value)} />}
          </Field>
          <Field id={fieldId(i, 'country')} label={TRIP_LABELS.country} error={errors[i]?.country}>
            {(control) => <CountrySelect control={control} value={row.country} onChange={(code) => set(i, 'country', code)} />}
          </Field>
          <Field id={fieldId(i, 'note')} label={TRIP_LABELS.note} error={errors[i]?.note} length={row.note.length} max={500}>
            {(control) => <input autoComplete="off" type="text" {...control} value={row.note} onChange={(e) => set(i, 'note', e.target.value)} />}
          </Field>
        </fieldset>
      ))}
      <FormError message={formError} />
      <div className="button-row">
        {bulk && (
          <button type="button" className="button" onClick={() => setRows((all) => [...all, EMPTY_TRIP])}>
            Add a row
          </button>
        )}
        <span className="spacer" />
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
