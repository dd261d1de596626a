/**
 * The ledger, a month at a time: one row per day with its countries and where each came from.
 * Hints (travel mode, blocks, device) are drawn dashed and say "hint" until confirmed; a conflict
 * between sources is flagged in words. A day can be edited or its correction cleared, and the hints
 * of a range confirmed at once. Every control is a button or a field, so the keyboard reaches all.
 */
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { FormError } from '../../app/FormError.tsx';
import type { PresenceStay } from '../../domain/presence.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { formatCalendarDay } from '../../ui/format/dates.ts';
import { countOf } from '../../ui/format/plural.ts';
import { dayNumber, dayText } from '../calendar-days.ts';
import { countryLabel, SOURCE_BADGES } from './day-words.ts';
import { DayEditor } from './DayEditor.tsx';
import type { LedgerDayView, WriteOutcome } from './presence-backend.ts';

const MONTH = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** First and last day of the month holding `day`. */
export function monthOf(day: string): { first: string; last: string } {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const first = `${day.slice(0, 7)}-01`;
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { first, last: dayText(dayNumber(next) - 1) };
}

/** Days in [from, to] with a hint not yet confirmed. */
export function hintDays(days: readonly LedgerDayView[], from: string, to: string): string[] {
  return days.filter((d) => d.day >= from && d.day <= to && !d.corrected && d.countries.some((c) => !c.confirmed)).map((d) => d.day);
}

export interface LedgerActions {
  setDay: (day: string, stays: PresenceStay[], note: string) => Promise<WriteOutcome>;
  clearDay: (day: string) => Promise<void>;
  confirmHints: (days: string[]) => Promise<number>;
  changed: () => void;
  told: (message: string, error?: boolean) => void;
}

function Countries({ day }: { day: LedgerDayView }) {
  if (day.countries.length === 0) return <span className="muted">{day.corrected ? 'Nowhere that counts (your word)' : 'Nothing known'}</span>;
  return (
    <ul className="presence-countries">
      {day.countries.map((c) => (
        <li key={`${c.country}-${c.source}`} className={c.confirmed ? 'presence-country' : 'presence-country hint'}>
          {countryLabel(c.country)}
          {c.midnight && <span className="presence-source">day ended here</span>}{' '}
          <span className={`presence-source source-${c.source}`}>{SOURCE_BADGES[c.source]}</span>
          {!c.confirmed && <span className="presence-hint-word">hint</span>}
        </li>
      ))}
    </ul>
  );
}

export function LedgerMonth({ days, today, actions }: { days: readonly LedgerDayView[]; today: string; actions: LedgerActions }) {
  const id = useId();
  const [month, setMonth] = useState(() => monthOf(today));
  const [editing, setEditing] = useState<LedgerDayView | null>(null);
  const loadedFirst = days[0]?.day ?? today;
  const loadedLast = days.at(-1)?.day ?? today;
  const shown = useMemo(() => days.filter((d) => d.day >= month.first && d.day <= month.last), [days, month]);
  const [range, setRange] = useState<{ from: string; to: string }>(() => ({ from: monthOf(today).first, to: today }));
  const [rangeError, setRangeError] = useState<string | null>(null);
  const move = (delta: -1 | 1) => setMonth((m) => monthOf(dayText(delta < 0 ? dayNumber(m.first) - 1 : dayNumber(m.last) + 1)));
  const pending = hintDays(days, range.from, range.to);

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (range.from === '' || range.to === '') return setRangeError('From and To: choose both days');
    if (range.to < range.from) return setRangeError('To: must not be before From');
    setRangeError(null);
    if (pending.length === 0) return actions.told('No hints to confirm between those days.');
    const written = await actions.confirmHints(pending);
    actions.changed();
    actions.told(`Confirmed the hints of ${countOf(written, 'day')}.`);
  };

  const clear = async (day: string) => {
    await actions.clearDay(day);
    actions.changed();
    actions.told(`Cleared your correction of ${formatCalendarDay(day)}: trips and hints apply again.`);
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <div className="section-header">
        <h2 id={`${id}-title`}>Ledger</h2>
        <div className="field-row">
          <button type="button" className="icon-button" aria-label="Previous month" disabled={month.first <= loadedFirst} onClick={() => move(-1)}>
            <ChevronLeft aria-hidden size={16} />
          </button>
          <span aria-live="polite" data-testid="ledger-month">
            {MONTH.format(Date.UTC(Number(month.first.slice(0, 4)), Number(month.first.slice(5, 7)) - 1, 15))}
          </span>
          <button type="button" className="icon-button" aria-label="Next month" disabled={month.last >= loadedLast} onClick={() => move(1)}>
            <ChevronRight aria-hidden size={16} />
          </button>
        </div>
      </div>
      <form autoComplete="off" className="field-row presence-confirm" onSubmit={(e) => void confirm(e)} noValidate aria-label="Confirm hints">
        <Field id={`${id}-from`} label="From">
          {(control) => (
            <input autoComplete="off" type="date" {...control} value={range.from} onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))} />
          )}
        </Field>
        <Field id={`${id}-to`} label="To">
          {(control) => (
            <input autoComplete="off" type="date" {...control} value={range.to} onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))} />
          )}
        </Field>
        <button type="submit" className="button">
          Confirm these hints ({pending.length})
        </button>
      </form>
      <FormError message={rangeError} />
      <table className="list-table presence-ledger">
        <caption className="visually-hidden">Days of the month, with their countries and sources</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Countries</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((d) => (
            <tr key={d.day} data-testid="ledger-day" data-day={d.day} className={d.day === today ? 'presence-today-row' : undefined}>
              <th scope="row">{formatCalendarDay(d.day)}</th>
              <td>
                <Countries day={d} />
                {d.conflict !== null && <p className="warn presence-conflict">⚠ {d.conflict}</p>}
                {d.note !== '' && <p className="muted presence-note">{d.note}</p>}
              </td>
              <td className="row-actions">
                <button type="button" className="button" aria-label={`Edit ${formatCalendarDay(d.day)}`} onClick={() => setEditing(d)}>
                  Edit
                </button>
                {d.corrected && (
                  <button type="button" className="button" aria-label={`Clear the correction of ${formatCalendarDay(d.day)}`} onClick={() => void clear(d.day)}>
                    Clear
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Dialog title={editing === null ? 'Edit day' : `Edit ${formatCalendarDay(editing.day)}`} open={editing !== null} onClose={() => setEditing(null)}>
        {editing !== null && (
          <DayEditor
            day={editing}
            title={`Edit ${formatCalendarDay(editing.day)}`}
            onSave={async (stays, note) => {
              const outcome = await actions.setDay(editing.day, stays, note);
              if (outcome.ok) actions.changed();
              return outcome;
            }}
            onDone={() => setEditing(null)}
          />
        )}
      </Dialog>
    </section>
  );
}
