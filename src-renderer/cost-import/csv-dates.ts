/**
 * Days from the dates billing files write. A cost is booked on the day the provider writes, as
 * written: AWS's `2026-11-03T00:00:00Z` is 3 November (AWS bills in UTC), Google's
 * `2026-11-03T00:00:00-08:00` is 3 November too (Google bills in Pacific time), never shifted to
 * the person's zone, so a re-import always lands on the same day and the same key.
 */

/** How a day-first or month-first date is ordered; ISO dates are read whatever this says. */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` when the parts name a real day of the Gregorian calendar. */
function day(year: number, month: number, date: number): string | null {
  if (year < 1970 || year > 2200 || month < 1 || month > 12 || date < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return date > last ? null : `${year}-${pad(month)}-${pad(date)}`;
}

/** The day of an ISO date or date-time, as written (`2026-11-03`, `2026-11-03T08:00:00Z`, `2026-11-03 08:00`). */
export function isoDay(text: string): string | null {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ]|\s*$)/u.exec(text);
  return m ? day(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** The UTC day of a Unix time in seconds (OpenAI's `start_time`), or null. */
export function unixDay(text: string): string | null {
  if (!/^\s*\d{9,11}\s*$/u.test(text)) return null;
  const d = new Date(Number(text) * 1000);
  return day(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/**
 * The day of a date as a person's file writes it: ISO always; otherwise three numbers separated by
 * `.`, `/` or `-` in the order given (`03.11.2026` day-first, `11/03/2026` month-first), or a month
 * name (`Nov 3, 2026`, `3 Nov 2026`). A time after the date is ignored.
 */
export function dayInOrder(text: string, order: DateOrder): string | null {
  const iso = isoDay(text);
  if (iso) return iso;
  const named = /^\s*(?:([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})|(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4}))\b/u.exec(text);
  if (named) {
    const month = MONTHS.indexOf((named[1] ?? named[5] ?? '').toLowerCase()) + 1;
    return month === 0 ? null : day(Number(named[3] ?? named[6]), month, Number(named[2] ?? named[4]));
  }
  const m = /^\s*(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})(?:$|[T ,])/u.exec(text);
  if (!m) return null;
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if ((m[1] ?? '').length === 4) return day(a, b, c);
  if ((m[3] ?? '').length !== 4) return null;
  return order === 'mdy' ? day(c, a, b) : day(c, b, a);
}
