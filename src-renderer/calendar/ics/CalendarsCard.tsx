/**
 * Settings → Calendars: import a client's calendar (.ics) as a read-only overlay, see and remove
 * the calendars imported (with undo), convert a coming event into a block, and export blocks,
 * deadlines and due dates as an .ics file.
 */
import { useId, useRef, useState } from 'react';
import { useStore } from '../../app/store.ts';
import { FormError } from '../../app/FormError.tsx';
import { useClock } from '../../app/use-clock.ts';
import { errorMessage } from '../../ui/error-message.ts';
import { countOf, formatDate, formatInstant } from '../../ui/format/index.ts';
import { useRecordUndo } from '../../ui/use-undo.ts';
import { ExportIcsForm } from './ExportIcsForm.tsx';
import { importIcs, type ImportIcsOutcome } from './import-ics.ts';
import { eventSpan, type OverlayCalendar } from './overlay-store.ts';
import { OverlayEventList } from './OverlayEventList.tsx';
import { OVERLAY_WINDOW_WORDS } from './overlay-limits.ts';
import { useOverlayCalendars } from './use-overlay-events.ts';

function ImportOutcome({ outcome }: { outcome: Extract<ImportIcsOutcome, { ok: true }> }) {
  return (
    <div role="status" data-testid="ics-import-outcome">
      <p className="form-ok">
        {outcome.name}: {countOf(outcome.events, 'event')} {outcome.replaced ? 'imported again, replacing the earlier import' : 'imported'}.
      </p>
      {outcome.problems.length > 0 && (
        <ul className="form-error" aria-label="Events left out" data-testid="ics-problems">
          {outcome.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {outcome.notes.length > 0 && (
        <ul className="field-hint" aria-label="How times were read">
          {outcome.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function CalendarsCard() {
  const id = useId();
  const { now, zone } = useClock();
  const calendars = useOverlayCalendars();
  const unreadable = useStore((s) => s.overlayUnreadable);
  const save = useStore((s) => s.saveOverlayCalendar);
  const remove = useStore((s) => s.removeOverlayCalendar);
  const recordUndo = useRecordUndo();
  const [outcome, setOutcome] = useState<ImportIcsOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      // The stored calendars must be known, or a re-import would not find the one it replaces.
      if (useStore.getState().overlayCalendars === null) await useStore.getState().loadOverlayCalendars();
      const result = await importIcs(
        { now: () => Date.now(), zone, newId: () => crypto.randomUUID(), calendars: () => useStore.getState().overlayCalendars ?? [], save },
        file,
      );
      setOutcome(result);
    } catch (e) {
      setOutcome({ ok: false, message: `${file.name} was not imported: ${errorMessage(e)}` });
    } finally {
      setBusy(false);
      // The same file may be chosen again (a re-import after the calendar changed).
      if (input.current) input.current.value = '';
    }
  };

  const removeWithUndo = async (calendar: OverlayCalendar) => {
    setError(null);
    try {
      const removed = await remove(calendar.id);
      if (!removed) return;
      const { id: calendarId, ...value } = removed;
      recordUndo(`Calendar ${removed.name} removed.`, { label: `the removal of ${removed.name}`, undo: () => save(calendarId, value) });
    } catch (e) {
      setError(`${calendar.name} was not removed: ${errorMessage(e)}`);
    }
  };

  const span = (c: OverlayCalendar) => {
    const s = eventSpan(c);
    return s ? `${formatDate(s.from, zone)} – ${formatDate(s.to - 1, zone)}` : 'no events';
  };

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Calendars</h2>
      <p className="muted">
        Import a client's calendar to see its meetings beside your time (read-only, never billed until you convert one into a block). Events from{' '}
        {OVERLAY_WINDOW_WORDS} are kept; re-import the file to refresh it.
      </p>
      <div className="field-group">
        <label htmlFor={`${id}-file`}>Import .ics…</label>
        <input
          ref={input}
          id={`${id}-file`}
          type="file"
          accept=".ics,text/calendar"
          autoComplete="off"
          disabled={busy}
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </div>
      {outcome && (outcome.ok ? <ImportOutcome outcome={outcome} /> : <FormError message={outcome.message} />)}

      {calendars === null ? (
        <p className="muted">Loading…</p>
      ) : calendars.length === 0 ? (
        <p className="muted">No calendars imported.</p>
      ) : (
        <table className="list-table" aria-label="Imported calendars">
          <thead>
            <tr>
              <th scope="col">Calendar</th>
              <th scope="col">Events</th>
              <th scope="col">Dates</th>
              <th scope="col">Imported</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {calendars.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td>{c.events.length.toLocaleString()}</td>
                <td>{span(c)}</td>
                <td>{formatInstant(c.importedAt, zone)}</td>
                <td>
                  <div className="button-row">
                    <button type="button" className="button small" aria-expanded={shown === c.id} onClick={() => setShown(shown === c.id ? null : c.id)}>
                      {shown === c.id ? 'Hide events' : 'Show events'}
                    </button>
                    <button type="button" className="button small" onClick={() => void removeWithUndo(c)} aria-label={`Remove ${c.name}`}>
                      Remove
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {unreadable > 0 && (
        <p className="form-error">
          {countOf(unreadable, 'imported calendar')} could not be read (written by a newer Caravan, or damaged): {unreadable === 1 ? 'it is' : 'they are'} not
          shown.
        </p>
      )}
      <FormError message={error} />
      {calendars?.map((c) => c.id === shown && <OverlayEventList key={c.id} calendar={c} from={now} zone={zone} />)}

      <ExportIcsForm />
    </section>
  );
}
