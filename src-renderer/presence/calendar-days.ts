/**
 * Calendar days as whole numbers: day counting (windows of 180 days, tax years) is arithmetic on
 * dates, never on instants, so daylight saving and zones cannot shift a day. A day number is days
 * since 1970-01-01 in the proleptic Gregorian calendar.
 */

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of `'YYYY-MM-DD'`; a RangeError naming the text for anything else (2026-02-30 too). */
export function dayNumber(day: string): number {
  const match = ISO_DAY.exec(day);
  if (match) {
    const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, date);
    const back = new Date(ms);
    if (back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === date) return ms / DAY_MS;
  }
  throw new RangeError(`"${day}" is not a calendar day written as YYYY-MM-DD.`);
}

/** `'YYYY-MM-DD'` of a day number. */
export function dayText(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}
