/**
 * The keyboard's way into empty time: one focusable slot on the grid (Tab reaches it before the
 * blocks). Up/Down move it by half an hour, Left/Right by a day, Home/End to the day's first and
 * last hour; Enter opens the editor for a new one-hour block there. Its name says where it is.
 */
import type { CSSProperties } from 'react';
import { fromZoned } from '../../time/zoned-time.ts';
import { formatClockTime } from '../../ui/format/dates.ts';
import type { WeekDay } from './week-days.ts';
import { type Range, slotRange } from './week-edits.ts';
import { shortWeekday } from './week-labels.ts';

export interface Slot {
  /** Index of the day in the week. */
  day: number;
  /** Wall minute of the slot's start (a multiple of 30). */
  minute: number;
}

const STEP = 30;
const LAST = 23 * 60;

export function SlotCursor({
  days,
  slot,
  zone,
  snap,
  onMove,
  onCreate,
  style,
}: {
  days: readonly WeekDay[];
  slot: Slot;
  zone: string;
  snap: number;
  onMove: (slot: Slot) => void;
  onCreate: (range: Range) => void;
  style: CSSProperties;
}) {
  const day = days[slot.day];
  if (!day) return null;
  const at = fromZoned({ ...day.date, hour: Math.floor(slot.minute / 60), minute: slot.minute % 60 }, zone);
  const label = `Empty time, ${shortWeekday(at, zone)} ${formatClockTime(at, zone)}. Enter creates a block here; arrow keys move.`;
  return (
    <div
      role="button"
      tabIndex={0}
      className="week-slot"
      data-slot-cursor=""
      style={style}
      aria-label={label}
      title={label}
      onKeyDown={(event) => {
        const moves: Record<string, Slot> = {
          ArrowUp: { ...slot, minute: Math.max(0, slot.minute - STEP) },
          ArrowDown: { ...slot, minute: Math.min(LAST, slot.minute + STEP) },
          ArrowLeft: { ...slot, day: Math.max(0, slot.day - 1) },
          ArrowRight: { ...slot, day: Math.min(days.length - 1, slot.day + 1) },
          Home: { ...slot, minute: 0 },
          End: { ...slot, minute: LAST },
        };
        const next = event.altKey || event.ctrlKey || event.metaKey ? undefined : moves[event.key];
        if (next) {
          event.preventDefault();
          onMove(next);
        } else if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onCreate(slotRange(day.date, slot.minute, slot.minute + 60, zone, snap));
        }
      }}
      ref={(element) => {
        // Keep the moved cursor in view while it has focus.
        if (element && document.activeElement === element) element.scrollIntoView({ block: 'nearest' });
      }}
    />
  );
}
