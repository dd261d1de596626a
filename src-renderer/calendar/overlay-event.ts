/**
 * An event from an imported calendar (a client's meetings, read from an `.ics` file): shown on the
 * week as a read-only overlay, never billed until the person converts it into a time block.
 * The ICS import (calendar/ics/) produces these; the week view (calendar/week/) draws them.
 */
export interface OverlayEvent {
  /** Stable across re-imports of the same file: the ICS UID, plus the recurrence id of an occurrence. */
  key: string;
  /** The calendar (imported file) it came from, for "hide this calendar" and removal. */
  calendarId: string;
  summary: string;
  location: string;
  /** UTC epoch ms, inclusive. */
  start: number;
  /** UTC epoch ms, exclusive. An event without an end lasts as ICS says (DURATION, or one day/zero). */
  end: number;
  /** The IANA zone the event was written in (TZID), or null for UTC / floating times. */
  zone: string | null;
  /** A DATE (not DATE-TIME) event: shown in the all-day row, not on the time grid; `start`/`end` are UTC midnights of its days. */
  allDay: boolean;
}
