/**
 * The Edit dialog's Day, Start and End fields read into a block range, in the block's own zone.
 * An End at or before Start is an error on End, unless the block starts in the evening and ends
 * early the next morning (overnight.ts), which the dialog then says next to End: a silent 23:30
 * block from "Start 09:30, End 09:00" is what issue 19 found.
 */
import { isPlausiblyOvernight, OVERNIGHT_END_MAX, OVERNIGHT_START_MIN } from './overnight.ts';
import { resolveTyped, type WallAnswers, type WallTimeQuestion, wallKey } from './wall-time-question.ts';
import { addCalendarDays, formatIsoDate, zonedDate, zonedParts } from './zoned-time.ts';

/** Which field an error belongs to, so the dialog can mark it and move focus there. */
export type RangeField = 'date' | 'start' | 'end';

/** A readable range; `endsNextDay` when End is on the day after Day. */
export interface EditedRange {
  ok: true;
  start: number;
  end: number;
  endsNextDay: boolean;
}

/**
 * A refused range: the field to mark and a sentence in the words of its label. With `question`,
 * the field's time falls in a daylight-saving gap or overlap and the person must pick a reading.
 */
export interface RangeFieldError {
  ok: false;
  field: RangeField;
  message: string;
  question?: WallTimeQuestion;
}

const NO_ANSWERS: WallAnswers = new Map();

/** The question, said of the field by its label: "Start: 02:30 does not exist on 29 March…". */
function ask(field: RangeField, label: string, question: WallTimeQuestion): RangeFieldError {
  const text = `${label}: ${question.text}`;
  return { ok: false, field, message: text, question: { ...question, text } };
}

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

function minutesOf(text: string): number | null {
  const t = /^(\d{2}):(\d{2})$/u.exec(text);
  if (!t) return null;
  const [hour, minute] = [Number(t[1]), Number(t[2])];
  return hour < 24 && minute < 60 ? hour * 60 + minute : null;
}

/**
 * Reads `YYYY-MM-DD` and two `HH:MM` in `zone`; see the module comment for End before Start. A
 * time in a daylight-saving gap or overlap is read by `answers` or refused with its question.
 */
export function readEditedRange(
  date: string,
  startText: string,
  endText: string,
  zone: string,
  answers: WallAnswers = NO_ANSWERS,
): EditedRange | RangeFieldError {
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
  const startAt = resolveTyped({ ...day, hour: Math.floor(start / 60), minute: start % 60 }, zone, answers);
  if (!startAt.ok) return ask('start', 'Start', startAt.question);
  const endAt = resolveTyped({ ...endDay, hour: Math.floor(end / 60), minute: end % 60 }, zone, answers);
  if (!endAt.ok) return ask('end', 'End', endAt.question);
  // Possible only across a change: Start in the repeated hour's second pass, End in its first.
  if (endAt.at <= startAt.at) {
    return { ok: false, field: 'end', message: `End: ${endText} is not after Start in real time (the clocks went back in between). Choose a later End.` };
  }
  return { ok: true, start: startAt.at, end: endAt.at, endsNextDay };
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
  answers: WallAnswers = NO_ANSWERS,
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
  // A field left as loaded keeps the stored reading of a repeated hour without asking again.
  const known = new Map(answers);
  for (const at of [block.start, block.end]) {
    const key = wallKey(zonedParts(at, zone), zone);
    if (!known.has(key)) known.set(key, at);
  }
  return readEditedRange(date, startText, endText, zone, known);
}
