/**
 * "Convert to block": an imported event as the fields of a new time block, for the block editor
 * to show prefilled. The person still chooses the project (an event does not say whose time it
 * is) and saves; nothing is written here. A meeting in a client's calendar is billable time
 * unless the person says otherwise.
 */
import { MAX_BLOCK_MS, type TimeBlock } from '../../domain/time-block.ts';
import { isTimeZone } from '../../domain/common.ts';
import { fromZoned, zonedDate } from '../../time/zoned-time.ts';
import type { OverlayEvent } from '../overlay-event.ts';

/** What the block editor needs for a new block; `notice` says what was changed to make it one. */
export interface BlockDraft {
  start: number;
  end: number;
  /** The event's own zone when it has one (so "09:00 in Lisbon" stays so), else `zone`. */
  zone: string;
  kind: TimeBlock['kind'];
  billable: boolean;
  note: string;
  notice: string | null;
}

/** The block an event becomes, its times in the event's zone or else `zone` (the display zone). */
export function overlayToBlockDraft(event: OverlayEvent, zone: string): BlockDraft {
  const blockZone = event.zone !== null && isTimeZone(event.zone) ? event.zone : zone;
  const note = event.location === '' ? event.summary : `${event.summary} (${event.location})`;
  const base = { zone: blockZone, kind: 'meeting' as const, billable: true, note };
  if (event.allDay) {
    // An all-day event has no hours to take: the day, 09:00 to 10:00, for the person to set.
    const day = zonedDate(event.start, 'UTC'); // an all-day date is kept at UTC midnight (ics-times.ts)
    const start = fromZoned({ ...day, hour: 9 }, blockZone);
    return { ...base, start, end: fromZoned({ ...day, hour: 10 }, blockZone), notice: 'An all-day event: set the hours you worked.' };
  }
  if (event.end <= event.start)
    return { ...base, start: event.start, end: event.start + 30 * 60_000, notice: 'The event has no length: the block lasts 30 minutes; set its end.' };
  if (event.end - event.start > MAX_BLOCK_MS)
    return {
      ...base,
      start: event.start,
      end: event.start + MAX_BLOCK_MS,
      notice: 'The event lasts longer than a day, the longest a block can be: the block ends a day after it starts.',
    };
  return { ...base, start: event.start, end: event.end, notice: null };
}

/** The draft as the unsaved block the editor opens: no id and no project yet. */
export function draftBlock(draft: BlockDraft): TimeBlock {
  return {
    id: '',
    projectId: '',
    clientId: '',
    start: draft.start,
    end: draft.end,
    zone: draft.zone,
    kind: draft.kind,
    billable: draft.billable,
    billed: false,
    note: draft.note,
    createdAt: 0,
    updatedAt: 0,
  };
}
