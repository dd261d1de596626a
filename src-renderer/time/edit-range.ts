/**
 * The Edit dialog's Day, Start and End fields read into a block range, in the block's own zone.
 * An End at or before Start is an error on End, unless the block starts in the evening and ends
 * early the next morning (overnight.ts), which the dialog then says next to End: a silent 23:30
 * block from "Start 09:30, End 09:00" is what issue 19 found.
 */
import { isPlausiblyOvernight, OVERNIGHT_END_MAX, OVERNIGHT_START_MIN } from './overnight.ts';
import { addCalendarDays, formatIsoDate, fromZoned, zonedDate, zonedParts } from './zoned-time.ts';

/** Which field an error belongs to, so the dialog can mark it and move focus there. */
export type RangeField = 'date' | 'start' | 'end';

/** A readable range; `endsNextDay` when End is on the day after Day. */
export interface EditedRange {
  ok: true;
  start: number;
  end: number;
  endsNextDay: boolean;
}

/** A refused range: the field to mark and a sentence in the words of its label. */
export interface RangeFieldError {
  ok: false;
  field: RangeField;
  message: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

function minutesOf(text: string): number | null {
  const t = /^(\d{2}):(\d{2})$/u.exec(text);
  if (!t) return null;
  const [hour, minute] = [Number(t[1]), Number(t[2])];
  return hour < 24 && minute < 60 ? hour * 60 + minute : null;
}

/** Reads `YYYY-MM-DD` and two `HH:MM` in `zone`; see the module comment for End before Start. */
export function readEditedRange(date: string, startText: string, endText: string, zone: string): EditedRange | RangeFieldError {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  if (!d) return { ok: false, field: 'date', message: 'Day: choose the day the block was on.' };
  const start = minutesOf(startText);
  if (start === null) return { ok: false, field: 'start', message: 'Start: enter a time as HH:MM, such as 09:30.' };
  const end = minutesOf(endText);
  if (end === null) return { ok: false, field: 'end', message: 'End: enter a time as HH:MM, such as 11:00.' };
  if (end === start) return { ok: false, field: 'end', message: `End: ${endText} is the same as Start; a block needs some time. Enter a later End.` };
  const endsNextDay = end < start;
  if (endsNextDay && !isPlausiblyOvernight(start, end)) {
    return {
      ok: false,
      field: 'end',
      message: `End: ${endText} is before Start (${startText}). Enter an End after ${startText}, such as ${hhmm(Math.min(start + 60, 23 * 60 + 59))}. Only a block starting from ${hhmm(OVERNIGHT_START_MIN)} and ending by ${hhmm(OVERNIGHT_END_MAX)} runs past midnight.`,
    };
  }
  const day = { year: Number(d[1]), month: Number(d[2]), day: Number(d[3]) };
  const endDay = endsNextDay ? addCalendarDays(day, 1) : day;
  return {
    ok: true,
    start: fromZoned({ ...day, hour: Math.floor(start / 60), minute: start % 60 }, zone),
    end: fromZoned({ ...endDay, hour: Math.floor(end / 60), minute: end % 60 }, zone),
    endsNextDay,
  };
}

/**
 * The Edit dialog's range: the stored instants while the day and times read as they were loaded,
 * else what the fields say. A block the timer or typed entry made (past midnight outside the
 * evening rule, or in a repeated DST hour) thus saves a new note or kind unchanged.
 */
export function rangeOrStored(
  block: { start: number; end: number; zone: string },
  date: string,
  startText: string,
  endText: string,
): EditedRange | RangeFieldError {
  const { zone } = block;
  const shown = (at: number) => {
    const p = zonedParts(at, zone);
    return `${pad(p.hour)}:${pad(p.minute)}`;
  };
  const day = (at: number) => formatIsoDate(zonedDate(at, zone));
  if (date === day(block.start) && startText === shown(block.start) && endText === shown(block.end)) {
    return { ok: true, start: block.start, end: block.end, endsNextDay: day(block.end) !== day(block.start) };
  }
  return readEditedRange(date, startText, endText, zone);
}
