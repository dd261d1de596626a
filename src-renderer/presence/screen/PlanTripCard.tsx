/**
 * "Plan a trip": from, to and country -> whether it keeps within 90/180 with the days already
 * known, the latest exit for that entry, and a button that saves it as a planned trip.
 */
import { type FormEvent, useId, useState } from 'react';
import { FormError } from '../../app/FormError.tsx';
import { Field } from '../../ui/Field.tsx';
import { focusFirstInvalid } from '../../ui/Field.tsx';
import { type FieldErrors, hasErrors } from '../../ui/field-errors.ts';
import { countOf } from '../../ui/format/plural.ts';
import type { SourcedDay } from '../export/accountant-report.ts';
import { CountrySelect } from './CountrySelect.tsx';
import { countryLabel, dayRange, shortDay } from './day-words.ts';
import type { TripDraft, TripField, TripsOutcome } from './presence-backend.ts';
import { type PlanAnswer, planTrip } from './presence-view.ts';
import { checkTripRow, EMPTY_TRIP } from './trip-form.ts';

const ORDER: readonly TripField[] = ['from', 'to', 'country'];

function answerText(answer: PlanAnswer, draft: TripDraft, today: string): string {
  switch (answer.kind) {
    case 'outside':
      return `${countryLabel(answer.country)} is outside the Schengen area: this trip does not use Schengen days.`;
    case 'fits':
      return `Fits: on ${shortDay(draft.to, today)} you will have used ${countOf(answer.usedOnLastDay, 'day')}, ${answer.leftOnLastDay} left. Entering on ${shortDay(draft.from, today)}, the latest exit is ${shortDay(answer.latestExit, today)}.`;
    case 'too-long':
      return answer.latestExit === null
        ? `Does not fit: no Schengen day is left on ${shortDay(draft.from, today)}.`
        : `Does not fit: ${countOf(answer.overBy, 'day')} too long. Entering on ${shortDay(draft.from, today)}, the latest exit is ${shortDay(answer.latestExit, today)}.`;
  }
}

export function PlanTripCard({ days, today, save }: { days: readonly SourcedDay[]; today: string; save: (draft: TripDraft) => Promise<TripsOutcome> }) {
  const id = useId();
  const [draft, setDraft] = useState<TripDraft>(EMPTY_TRIP);
  const [errors, setErrors] = useState<FieldErrors<TripField>>({});
  const [answer, setAnswer] = useState<{ draft: TripDraft; text: string; fits: boolean } | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const fieldId = (f: TripField) => `${id}-${f}`;
  const set = (f: TripField, value: string) => {
    setDraft((d) => ({ ...d, [f]: value }));
    setAnswer(null);
    setSaved(null);
  };

  const check = (event: FormEvent) => {
    event.preventDefault();
    const found = checkTripRow(draft);
    setErrors(found);
    setSaveError(null);
    if (hasErrors(found)) {
      focusFirstInvalid(ORDER, found, fieldId);
      return;
    }
    const result = planTrip(days, draft);
    setAnswer({ draft, text: answerText(result, draft, today), fits: result.kind !== 'too-long' });
  };

  const keep = async () => {
    if (answer === null) return;
    const outcome = await save(answer.draft);
    if (outcome.ok) {
      setSaved(`Saved: ${countryLabel(answer.draft.country)}, ${dayRange(answer.draft.from, answer.draft.to, today)}.`);
      setAnswer(null);
      setDraft(EMPTY_TRIP);
    } else setSaveError(outcome.errors.map((e) => e.message).join(' '));
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Plan a trip</h2>
      <form autoComplete="off" className="presence-plan" onSubmit={check} noValidate>
        <Field id={fieldId('from')} label="From" error={errors.from}>
          {(control) => <input autoComplete="off" type="date" {...control} value={draft.from} onChange={(e) => set('from', e.target.value)} />}
        </Field>
        <Field id={fieldId('to')} label="To" error={errors.to}>
          {(control) => <input autoComplete="off" type="date" {...control} value={draft.to} onChange={(e) => set('to', e.target.value)} />}
        </Field>
        <Field id={fieldId('country')} label="Country" error={errors.country}>
          {(control) => <CountrySelect control={control} value={draft.country} onChange={(code) => set('country', code)} />}
        </Field>
        <div className="presence-plan-actions">
          <button type="submit" className="button">
            Check
          </button>
        </div>
      </form>
      {answer !== null && (
        <div role="status" data-testid="plan-answer">
          <p className={answer.fits ? undefined : 'warn'}>{answer.text}</p>
          <button type="button" className="button" onClick={() => void keep()}>
            Save as a planned trip
          </button>
        </div>
      )}
      {saved !== null && (
        <p className="form-ok" role="status">
          {saved}
        </p>
      )}
      <FormError message={saveError} />
    </section>
  );
}
