/**
 * Reads a time entry the way people type it ("9:30-11", "yesterday 14:00 45m", "1h30 invoices")
 * into a UTC range. Wall times are read in the caller's zone through zoned-time.ts; refusals are
 * values with a sentence that says what to type instead, never exceptions.
 *
 * Grammar: `[day] (range | start duration | duration) [description]`, where
 * - day: today, yesterday, tomorrow, a weekday name (the most recent one, today included), or YYYY-MM-DD;
 * - range: `9:30-11`, `9.30 to 11`, `2-3pm`, `14h-15h30`, `0930-1100`, `14:00-now`;
 * - start duration: `14:00 45m`, `14:00 for 45m`, `14:00+45m`;
 * - duration alone: `1h30`, `90 min`, `1,5h`, ending now.
 */
import { MAX_BLOCK_MS } from '../domain/time-block.ts';
import { isPlausiblyOvernight, reversedRangeMessage } from './overnight.ts';
import { resolveTyped, type WallAnswers, type WallTimeQuestion } from './wall-time-question.ts';
import { addCalendarDays, type CalendarDate, fromZoned, isCalendarDate, weekdayOf, zonedDate } from './zoned-time.ts';

/**
 * Where and when the entry is typed; `defaultDate` is any instant of the day the user is looking
 * at; `answers` are the person's choices for times in a daylight-saving gap or overlap.
 */
export interface EntryContext {
  now: number;
  zone: string;
  defaultDate?: number;
  answers?: WallAnswers;
}

/** Why an entry was refused, so the UI can pick where to point (the time field, the date). */
export type EntryErrorCode =
  | 'empty'
  /** Not recognisable as a time, or more than one time spec. */
  | 'unreadable'
  /** Recognised but impossible: 25:00, 9:75, 13pm, a zero duration. */
  | 'invalid-time'
  /** A YYYY-MM-DD that is not on the calendar. */
  | 'invalid-date'
  /** A start with neither end nor duration. */
  | 'missing-end'
  /** A day with no time, or a day with only a duration (which would end now, not on that day). */
  | 'missing-time'
  /** Ends at or before its start. */
  | 'empty-range'
  /** Ends before it starts on the clock and is not an evening running past midnight (see overnight.ts). */
  | 'reversed-range'
  /** Longer than {@link MAX_BLOCK_MS}. */
  | 'too-long'
  /** A time in a daylight-saving gap or overlap that the person has not yet said how to read: see `question`. */
  | 'ambiguous-time';

/** A readable entry. `future` is set when it ends more than a minute after `now`: allowed, for planning, but worth a warning. */
export interface ParsedEntry {
  ok: true;
  /** UTC epoch ms, inclusive. */
  start: number;
  /** UTC epoch ms, exclusive. */
  end: number;
  /** Whatever followed the time, trimmed; empty when nothing did. */
  description: string;
  future: boolean;
  /** The range was typed with its end before its start and runs past midnight ("22:00-01:00"); the preview says so. */
  endsNextDay: boolean;
}

/** A refused entry, with a message to show as is; an `ambiguous-time` one carries the question to ask. */
export interface EntryError {
  ok: false;
  code: EntryErrorCode;
  message: string;
  question?: WallTimeQuestion;
}

/** What {@link parseTimeEntry} returns: check `ok` before reading the range. */
export type EntryParseResult = ParsedEntry | EntryError;

/** How far past `now` an entry may end before it counts as `future` (clock skew, rounding to minutes). */
export const FUTURE_SLACK_MS = 60_000;

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
const HINT = 'Try 9:30-11, 1h30 or yesterday 14:00 45m.';

// Every token ends where no letter or digit follows, so "11x" or "9amazing" are not half-read.
const END = String.raw`(?![\p{L}\d])`;
const WEEKDAY_WORDS = 'monday|mon|tuesday|tues|tue|wednesday|weds|wed|thursday|thurs|thur|thu|friday|fri|saturday|sat|sunday|sun';
const DAY_RE = new RegExp(String.raw`(?:(today|yesterday|yday|tomorrow)|(${WEEKDAY_WORDS})|(\d{4})-(\d{2})-(\d{2}))\.?${END}(?:[\s,]+(?:at\s+)?|$)`, 'iuy');
const TIME_RE = new RegExp(String.raw`(?:(\d{2})(\d{2})|(\d{1,2})(?:[:.](\d{2})|h(\d{2})?)?)(?:\s*([ap])\.?m\.?|([ap]))?${END}`, 'iuy');
const DURATION_RE = new RegExp(
  String.raw`(?:(\d+(?:[.,]\d+)?)\s*(?:hours?|hrs?|h)(?:\s*(\d+)\s*(?:minutes?|mins?|m)${END}|(\d{1,2})${END})?|(\d+)\s*(?:minutes?|mins?|m))${END}`,
  'iuy',
);
const RANGE_SEP_RE = /\s*(?:[-‐‑–—~]|to|till|until)\s*/iuy;
const START_DURATION_SEP_RE = /\s*\+\s*|\s+for\s+|\s+/iuy;
const NOW_RE = new RegExp(String.raw`now${END}`, 'iuy');
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

interface TimeToken {
  text: string;
  hour: number;
  minute: number;
  meridiem: 'a' | 'p' | undefined;
  /** Written as "09" or "0930": a 24-hour reading, so "09:00-05:00" is not taken as 9 to 17. */
  padded: boolean;
}

type Spec =
  | { kind: 'range'; start: TimeToken; end: TimeToken | 'now' }
  | { kind: 'start-duration'; start: TimeToken; minutes: number }
  | { kind: 'duration'; minutes: number }
  | { kind: 'start-only'; start: TimeToken };

/**
 * Reads a typed time entry into a block range. A duration alone ends at `now` (so it is never in
 * the future); a start and a duration lasts that many real minutes, even across a DST change; a
 * range whose end is not after its start on the clock ends the next day only when it starts in the
 * evening and ends early in the morning ("22:00-01:00"); "13:00-12:00" is refused as reversed.
 */
export function parseTimeEntry(text: string, context: EntryContext): EntryParseResult {
  const input = text.replace(/\s+/gu, ' ').trim();
  if (input === '') return fail('empty', `Type a time. ${HINT}`);
  let pos = 0;
  let day: CalendarDate | undefined;
  const dayMatch = match(DAY_RE, input, 0);
  if (dayMatch !== undefined) {
    const resolved = resolveDay(dayMatch, context);
    if (!resolved.ok) return resolved;
    day = resolved.day;
    pos = dayMatch.index + dayMatch[0].length;
    const dayText = input.slice(0, pos).replace(/[\s,]+(?:at\s*)?$/iu, '');
    if (pos >= input.length) return fail('missing-time', `"${dayText}" needs a time, such as ${dayText} 9-11 or ${dayText} 14:00 45m.`);
  }
  const read = readSpec(input, pos);
  if (read === undefined) return unreadable(input, pos);
  const { spec } = read;
  const rest = input.slice(read.end);
  const specText = input.slice(pos, read.end);
  if (spec.kind === 'start-only') {
    if (rest !== '' && !rest.startsWith(' ')) return unreadable(input, pos);
    const invalid = checkTime(spec.start, 'start');
    if (invalid !== undefined) return invalid;
    const t = spec.start.text;
    return fail('missing-end', `"${t}" has a start but no end. Add an end time or a duration, such as ${t} 45m.`);
  }
  if (rest !== '' && !/^[\s,;:]/u.test(rest)) return unreadable(input, pos);
  const description = rest.replace(/^[\s,;:–—-]+/u, '').trim();
  if (looksLikeTime(description)) {
    return fail('unreadable', `"${input}" gives more than one time or duration. Keep one, such as 9-11 or 9:00 2h.`);
  }
  const range = toRange(spec, specText, day, context);
  if (!range.ok) return range;
  const { start, end, endsNextDay } = range;
  if (end <= start) return fail('empty-range', `"${specText}" does not end after it starts. Give an end time after the start.`);
  if (end - start > MAX_BLOCK_MS) return fail('too-long', `"${specText}" is longer than 24 hours. Enter one block per day.`);
  return { ok: true, start, end, description, future: end > context.now + FUTURE_SLACK_MS, endsNextDay };
}

function readSpec(input: string, pos: number): { spec: Spec; end: number } | undefined {
  const start = readTime(input, pos);
  if (start !== undefined) {
    const sep = match(RANGE_SEP_RE, input, start.end);
    if (sep !== undefined) {
      const at = sep.index + sep[0].length;
      const now = match(NOW_RE, input, at);
      if (now !== undefined) return { spec: { kind: 'range', start: start.token, end: 'now' }, end: at + now[0].length };
      const end = readTime(input, at);
      if (end !== undefined) return { spec: { kind: 'range', start: start.token, end: end.token }, end: end.end };
    }
  }
  // Before start+duration, so that "1h 30m" is ninety minutes rather than 01:00 for 30 minutes.
  const alone = readDuration(input, pos);
  if (alone !== undefined) return { spec: { kind: 'duration', minutes: alone.minutes }, end: alone.end };
  if (start === undefined) return undefined;
  const sep = match(START_DURATION_SEP_RE, input, start.end);
  const duration = sep === undefined ? undefined : readDuration(input, sep.index + sep[0].length);
  if (duration !== undefined) return { spec: { kind: 'start-duration', start: start.token, minutes: duration.minutes }, end: duration.end };
  return { spec: { kind: 'start-only', start: start.token }, end: start.end };
}

function readTime(input: string, pos: number): { token: TimeToken; end: number } | undefined {
  const m = match(TIME_RE, input, pos);
  if (m === undefined) return undefined;
  const [text, hh4, mm4, h, mDot, mH, merSpaced, merTight] = m;
  const hourText = hh4 ?? h ?? '';
  const meridiem = (merSpaced ?? merTight)?.toLowerCase();
  const token: TimeToken = {
    text: text.trim(),
    hour: Number(hourText),
    minute: Number(mm4 ?? mDot ?? mH ?? 0),
    meridiem: meridiem === 'a' || meridiem === 'p' ? meridiem : undefined,
    padded: hh4 !== undefined || hourText.startsWith('0'),
  };
  return { token, end: pos + text.length };
}

/** Minutes, or NaN when the text is shaped like a duration but is not one ("1.5h30"). */
function readDuration(input: string, pos: number): { minutes: number; end: number } | undefined {
  const m = match(DURATION_RE, input, pos);
  if (m === undefined) return undefined;
  const [text, hours, unitMinutes, bareMinutes, onlyMinutes] = m;
  const extra = unitMinutes ?? bareMinutes;
  const h = Number((hours ?? '0').replace(',', '.'));
  const fractional = !Number.isInteger(h);
  const minutes = fractional && extra !== undefined ? Number.NaN : Math.round(h * 60) + Number(extra ?? onlyMinutes ?? 0);
  return { minutes, end: pos + text.length };
}

function resolveDay(m: RegExpExecArray, context: EntryContext): { ok: true; day: CalendarDate } | EntryError {
  const [text, relative, weekday, y, mo, d] = m;
  const today = zonedDate(context.now, context.zone);
  if (relative !== undefined) {
    const word = relative.toLowerCase();
    const shift = word === 'today' ? 0 : word === 'tomorrow' ? 1 : -1;
    return { ok: true, day: addCalendarDays(today, shift) };
  }
  if (weekday !== undefined) {
    const target = WEEKDAYS.indexOf(weekday.slice(0, 3).toLowerCase()) + 1;
    return { ok: true, day: addCalendarDays(today, -((weekdayOf(today) - target + 7) % 7)) };
  }
  const date = { year: Number(y), month: Number(mo), day: Number(d) };
  if (!isCalendarDate(date)) return fail('invalid-date', `"${text.trim()}" is not a date on the calendar. Dates are written YYYY-MM-DD, such as 2026-11-20.`);
  return { ok: true, day: date };
}

function toRange(
  spec: Exclude<Spec, { kind: 'start-only' }>,
  specText: string,
  day: CalendarDate | undefined,
  context: EntryContext,
): { ok: true; start: number; end: number; endsNextDay: boolean } | EntryError {
  const { now, zone } = context;
  if (spec.kind === 'duration' || spec.kind === 'start-duration') {
    if (!(spec.minutes > 0)) {
      const reason = Number.isNaN(spec.minutes) ? 'mixes decimal hours with minutes' : 'is no time at all';
      return fail('invalid-time', `"${specText}" ${reason}. Give a duration such as 45m, 1h30 or 1.5h.`);
    }
    if (spec.minutes * MINUTE_MS > MAX_BLOCK_MS) return fail('too-long', `"${specText}" is longer than 24 hours. Enter one block per day.`);
  }
  if (spec.kind === 'duration') {
    if (day !== undefined) return fail('missing-time', `"${specText}" needs a start time on that day, such as 14:00 ${specText}.`);
    return { ok: true, start: now - spec.minutes * MINUTE_MS, end: now, endsNextDay: false };
  }
  const invalid = checkTime(spec.start, 'start');
  if (invalid !== undefined) return invalid;
  const baseDay = day ?? zonedDate(context.defaultDate ?? now, zone);
  const answers = context.answers ?? NO_ANSWERS;
  if (spec.kind === 'start-duration') {
    const start = typedAt(baseDay, to24(spec.start), zone, answers);
    if (!start.ok) return start;
    return { ok: true, start: start.at, end: start.at + spec.minutes * MINUTE_MS, endsNextDay: false };
  }
  if (spec.end === 'now') {
    const startMinutes = to24(spec.start);
    // Without a day, "23:00-now" typed after midnight means yesterday's 23:00.
    let startDay = day ?? zonedDate(now, zone);
    if (day === undefined && atMinutes(startDay, startMinutes, zone) > now) startDay = addCalendarDays(startDay, -1);
    const start = typedAt(startDay, startMinutes, zone, answers);
    if (!start.ok) return start;
    return { ok: true, start: start.at, end: now, endsNextDay: false };
  }
  const endInvalid = checkTime(spec.end, 'end');
  if (endInvalid !== undefined) return endInvalid;
  const [startMinutes, endMinutes] = readRange(spec.start, spec.end);
  if (startMinutes === endMinutes) return fail('empty-range', `"${specText}" starts and ends at the same time. Give an end time after the start.`);
  // Past midnight (24:00 itself ends the same day): only an evening into the early morning is read so.
  const endsNextDay = endMinutes > DAY_MINUTES;
  if (endsNextDay && !isPlausiblyOvernight(startMinutes, endMinutes - DAY_MINUTES)) {
    return fail('reversed-range', reversedRangeMessage(`"${specText}"`, `${spec.end.text}-${spec.start.text}`));
  }
  const start = typedAt(baseDay, startMinutes, zone, answers);
  if (!start.ok) return start;
  const end = typedAt(baseDay, endMinutes, zone, answers);
  if (!end.ok) return end;
  return { ok: true, start: start.at, end: end.at, endsNextDay };
}

/**
 * Picks a reading of a range's hours. Where am/pm is missing on one side, or on both and the end
 * looks like a 12-hour clock ("9-5"), every reading is tried and the shortest block wins: "2-3pm"
 * is 14-15, "11-1pm" is 11-13, "9am-1" is 9-13, "9-5" is 9-17, "22:00-01:00" crosses midnight.
 * Returns minutes from the start day's midnight; an end of 1440 or more is on the next day.
 */
function readRange(start: TimeToken, end: TimeToken): [number, number] {
  // "9-9" as typed is a slip, not 9 to 21.
  if (to24(start) === to24(end)) return [to24(start), to24(start)];
  const starts = readings(start, end.meridiem);
  let ends = readings(end, start.meridiem);
  if (start.meridiem === undefined && end.meridiem === undefined) {
    ends = [to24(end)];
    if (start.hour <= 12 && end.hour >= 1 && end.hour <= 11 && !end.padded) ends.push(to24(end) + 12 * 60);
  }
  let best: [number, number] = [to24(start), to24(end)];
  let bestLength = Infinity;
  for (const s of starts) {
    for (const e of ends) {
      if (e === s) continue;
      // 24:00 (1440) ends the same day; any other end at or before the start is on the next.
      const length = e > s ? e - s : e - s + DAY_MINUTES;
      if (length < bestLength) [best, bestLength] = [[s, s + length], length];
    }
  }
  return best;
}

/** Minutes after midnight for each am/pm reading of a token that lacks one; as typed otherwise. */
function readings(token: TimeToken, otherMeridiem: 'a' | 'p' | undefined): number[] {
  if (token.meridiem !== undefined || otherMeridiem === undefined || token.hour < 1 || token.hour > 12) return [to24(token)];
  return [to24({ ...token, meridiem: 'a' }), to24({ ...token, meridiem: 'p' })];
}

function to24(token: Pick<TimeToken, 'hour' | 'minute' | 'meridiem'>): number {
  const hour = token.meridiem === undefined ? token.hour : (token.hour % 12) + (token.meridiem === 'p' ? 12 : 0);
  return hour * 60 + token.minute;
}

function checkTime(token: TimeToken, role: 'start' | 'end'): EntryError | undefined {
  const { text, hour, minute, meridiem } = token;
  if (minute > 59) return fail('invalid-time', `"${text}" is not a time of day: minutes go from 00 to 59.`);
  if (meridiem !== undefined && (hour < 1 || hour > 12)) return fail('invalid-time', `"${text}" is not a time of day: with am or pm, hours go from 1 to 12.`);
  if (hour === 24 && minute === 0 && meridiem === undefined) {
    return role === 'end' ? undefined : fail('invalid-time', `A block cannot start at 24:00. Start it at 0:00 of the next day.`);
  }
  if (hour > 23) return fail('invalid-time', `"${text}" is not a time of day: hours go from 0 to 23.`);
  return undefined;
}

const NO_ANSWERS: WallAnswers = new Map();

/** A typed time on `day` (minutes may run into the next day) as an instant, or the DST question to ask. */
function typedAt(day: CalendarDate, minutes: number, zone: string, answers: WallAnswers): { ok: true; at: number } | EntryError {
  const date = addCalendarDays(day, Math.floor(minutes / DAY_MINUTES));
  const m = minutes % DAY_MINUTES;
  const typed = resolveTyped({ ...date, hour: Math.floor(m / 60), minute: m % 60 }, zone, answers);
  return typed.ok ? typed : { ok: false, code: 'ambiguous-time', message: typed.question.text, question: typed.question };
}

/** A wall time as an instant without asking, for choosing between days ("23:00-now" after midnight). */
function atMinutes(day: CalendarDate, minutes: number, zone: string): number {
  const date = addCalendarDays(day, Math.floor(minutes / DAY_MINUTES));
  const m = minutes % DAY_MINUTES;
  return fromZoned({ ...date, hour: Math.floor(m / 60), minute: m % 60 }, zone);
}

/** True for a description that is really a second time ("9-11 30m"), not words ("9-11 3 calls"). */
function looksLikeTime(description: string): boolean {
  if (/^\d+$/u.test(description) || match(DURATION_RE, description, 0) !== undefined) return true;
  const time = readTime(description, 0);
  return time !== undefined && /[:.h]|[ap]/iu.test(time.token.text.replace(/^\d+/u, ''));
}

function unreadable(input: string, pos: number): EntryError {
  const word = input.slice(pos).split(' ')[0] ?? '';
  const shown = word.length > 24 ? `${word.slice(0, 23)}…` : word;
  return fail('unreadable', `Could not read "${shown}". ${HINT}`);
}

function match(re: RegExp, input: string, pos: number): RegExpExecArray | undefined {
  re.lastIndex = pos;
  return re.exec(input) ?? undefined;
}

function fail(code: EntryErrorCode, message: string): EntryError {
  return { ok: false, code, message };
}
