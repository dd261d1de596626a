/**
 * A typed time that names no instant (a daylight-saving gap) or two (an overlap) is asked about,
 * never guessed: "02:30 does not exist on 29 March in Berlin (clocks went forward at 02:00). Use
 * 01:59 CET or 03:30 CEST?". The person's answers are kept by what was typed (zone, day, time), so
 * a field typed again asks again only if the new text is ambiguous too, and nothing is saved until
 * every ambiguous time has an answer.
 */
import { zoneAbbreviation, offsetLabel, zoneCity } from './zone-names.ts';
import {
  type CalendarDate,
  formatIsoDate,
  formatZonedTime,
  resolveWallTime,
  type WallResolution,
  type WallTime,
  zonedDate,
  zoneOffsetMs,
} from './zoned-time.ts';

/** One reading of an ambiguous time: the words on its button and the instant it stands for. */
export interface WallChoice {
  readonly label: string;
  readonly at: number;
}

/** The question to show, and the key its answer is kept under. */
export interface WallTimeQuestion {
  readonly key: string;
  readonly kind: 'gap' | 'overlap';
  readonly text: string;
  readonly choices: readonly [WallChoice, WallChoice];
}

/** Answers so far: question key -> the instant chosen. */
export type WallAnswers = ReadonlyMap<string, number>;

/** The instant a typed wall time stands for, or the question to ask first. */
export type TypedInstant = { ok: true; at: number } | { ok: false; question: WallTimeQuestion };

const MINUTE_MS = 60_000;
const pad = (n: number) => String(n).padStart(2, '0');
const dayWords = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });

/** "29 March": the day in words, in the language of the sentences it lands in. */
function dayInWords(date: CalendarDate): string {
  return dayWords.format(Date.UTC(date.year, date.month - 1, date.day, 12));
}

/** What the answer to a wall time in `zone` is kept under. */
export function wallKey(wall: WallTime, zone: string): string {
  return `${zone}|${formatIsoDate(wall)}T${pad(wall.hour ?? 0)}:${pad(wall.minute ?? 0)}`;
}

/** "01:59 CET", with the day when it is not the typed one ("23:59 UTC−4, 5 September"). */
function choiceTime(at: number, zone: string, typedDay: CalendarDate): string {
  const day = zonedDate(at, zone);
  const sameDay = formatIsoDate(day) === formatIsoDate(typedDay);
  return `${formatZonedTime(at, zone)} ${zoneAbbreviation(at, zone)}${sameDay ? '' : `, ${dayInWords(day)}`}`;
}

/** "CEST, UTC+2"; just "UTC+10:30" where the zone has no abbreviation of its own. */
function offsetWords(at: number, zone: string): string {
  const abbreviation = zoneAbbreviation(at, zone);
  const offset = offsetLabel(at, zone);
  return abbreviation === offset ? offset : `${abbreviation}, ${offset}`;
}

/**
 * The question for `wall` in `zone`, or null when it names exactly one instant.
 * Throws RangeError for a wall time outside the calendar, as resolveWallTime does.
 */
export function wallTimeQuestion(wall: WallTime, zone: string): WallTimeQuestion | null {
  const r = resolveWallTime(wall, zone);
  return r.kind === 'ok' ? null : questionFor(wall, zone, r);
}

function questionFor(wall: WallTime, zone: string, r: Exclude<WallResolution, { kind: 'ok' }>): WallTimeQuestion {
  const typed = `${pad(wall.hour ?? 0)}:${pad(wall.minute ?? 0)}`;
  const where = `on ${dayInWords(wall)} in ${zoneCity(zone)}`;
  const key = wallKey(wall, zone);
  if (r.kind === 'gap') {
    // The old offset's reading of the jump: "02:00" when Berlin's clocks go from 02:00 to 03:00.
    const jump = r.before + MINUTE_MS;
    const jumpWall = new Date(jump + zoneOffsetMs(r.before, zone));
    const jumpText = `${pad(jumpWall.getUTCHours())}:${pad(jumpWall.getUTCMinutes())}`;
    const before = { label: choiceTime(r.before, zone, wall), at: r.before };
    const after = { label: choiceTime(r.after, zone, wall), at: r.after };
    return {
      key,
      kind: 'gap',
      text: `${typed} does not exist ${where} (clocks went forward at ${jumpText}). Use ${before.label} or ${after.label}?`,
      choices: [before, after],
    };
  }
  const first = { label: `The first (${offsetWords(r.earlier, zone)})`, at: r.earlier };
  const second = { label: `The second (${offsetWords(r.later, zone)})`, at: r.later };
  return {
    key,
    kind: 'overlap',
    text: `${typed} happens twice ${where}. ${first.label} or the second (${offsetWords(r.later, zone)})?`,
    choices: [first, second],
  };
}

/** The instant `wall` stands for in `zone`: the one it names, or the answer given, or a question. */
export function resolveTyped(wall: WallTime, zone: string, answers: WallAnswers): TypedInstant {
  const r = resolveWallTime(wall, zone);
  if (r.kind === 'ok') return { ok: true, at: r.at };
  const question = questionFor(wall, zone, r);
  const answer = answers.get(question.key);
  // Only one of the two readings counts: an answer kept from another day's question is ignored.
  if (answer !== undefined && question.choices.some((c) => c.at === answer)) return { ok: true, at: answer };
  return { ok: false, question };
}
