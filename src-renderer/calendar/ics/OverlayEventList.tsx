/**
 * The coming events of one imported calendar, each convertible into a block: the Calendars card's
 * way in to "Convert to block" until the week view draws the overlay (it opens the same dialog).
 */
import { useMemo, useState } from 'react';
import { formatClockTime, formatDay } from '../../ui/format/index.ts';
import type { OverlayEvent } from '../overlay-event.ts';
import { ConvertToBlockDialog } from './ConvertToBlockDialog.tsx';
import { eventsInRange, type OverlayCalendar } from './overlay-store.ts';

/** Events listed at once; the week view shows the rest. */
const SHOWN = 20;

export function OverlayEventList({ calendar, from, zone }: { calendar: OverlayCalendar; from: number; zone: string }) {
  const [converting, setConverting] = useState<OverlayEvent | null>(null);
  const events = useMemo(() => eventsInRange([calendar], from, Number.MAX_SAFE_INTEGER), [calendar, from]);
  const when = (e: OverlayEvent) =>
    e.allDay ? `${formatDay(e.start, 'UTC')}, all day` : `${formatDay(e.start, zone)}, ${formatClockTime(e.start, zone)}–${formatClockTime(e.end, zone)}`;
  return (
    <>
      {events.length === 0 ? (
        <p className="muted">No coming events in {calendar.name}.</p>
      ) : (
        <table className="list-table" aria-label={`Coming events in ${calendar.name}`}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {events.slice(0, SHOWN).map((e) => (
              <tr key={e.key}>
                <td>{when(e)}</td>
                <td>
                  {e.summary}
                  {e.location !== '' && <span className="muted"> · {e.location}</span>}
                </td>
                <td>
                  <button type="button" className="button small" onClick={() => setConverting(e)} aria-label={`Convert ${e.summary}, ${when(e)}, to a block`}>
                    Convert to block
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {events.length > SHOWN && <p className="muted">{events.length - SHOWN} more coming; the week view shows them all.</p>}
      <ConvertToBlockDialog event={converting} zone={zone} onClose={() => setConverting(null)} />
    </>
  );
}
