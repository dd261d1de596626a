/**
 * The values of one time report's cells: wall times ("09:00", "2:00 PM", "14:30:15"), durations
 * ("01:30:00", "1.5", "1,5"), yes/no flags in a few languages, and rates as exact minor units.
 * Each returns null for text it cannot read, and the caller names the row and the column.
 */
import { minorDigits } from '../reports/money.ts';
import { type DecimalMark, decimalToMinor, parseDecimal } from '../cost-import/decimal.ts';

/** A wall-clock time of day. */
export interface ClockTime {
  hour: number;
  minute: number;
  second: number;
}

/** `09:00`, `9:00:15`, `2:00 PM`, `12:30 am`, `14.30` (a dot, as some European exports write). */
export function parseClock(text: string): ClockTime | null {
  const m = /^\s*(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([AaPp]\.?[Mm]\.?)?\s*$/u.exec(text);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = Number(m[3] ?? 0);
  const meridiem = m[4]?.toLowerCase().replaceAll('.', '');
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { hour, minute, second };
}

/** `HH:MM` or `HH:MM:SS` when the seconds are not zero: how a time is shown back to the person. */
export function formatClock(t: ClockTime): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(t.hour)}:${pad(t.minute)}${t.second === 0 ? '' : `:${pad(t.second)}`}`;
}

/** A duration in ms: `h:mm[:ss]` (Toggl, Clockify's "Duration (h)") or decimal hours (`1.5`, Harvest and "Duration (decimal)"). */
export function parseDuration(text: string, mark: DecimalMark): number | null {
  const clock = /^\s*(\d{1,4}):(\d{2})(?::(\d{2}))?\s*$/u.exec(text);
  if (clock) {
    const [h, m, s] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
    return m > 59 || s > 59 ? null : ((h * 60 + m) * 60 + s) * 1000;
  }
  const hours = parseDecimal(text, mark);
  if (!hours || hours.units < 0n) return null;
  // Hours to ms, rounded to the millisecond (3 600 000 ms an hour): exact for any written decimal.
  return decimalToMinor({ units: hours.units * 3_600_000n, scale: hours.scale }, 0);
}

const YES = new Set(['yes', 'y', 'true', '1', 'ja', 'oui', 'sí', 'si', 'sim', 'billable']);
const NO = new Set(['no', 'n', 'false', '0', 'nein', 'non', 'não', 'nao', 'non-billable', '']);

/** A yes/no cell; null when it is neither. An empty cell is no. */
export function parseFlag(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

/** An amount in minor units of `currency` (`85`, `85.50`, `1.234,50`, `€85`); null when unreadable or too large. */
export function parseMoney(text: string, currency: string, mark: DecimalMark): number | null {
  const value = parseDecimal(text, mark);
  return value ? decimalToMinor(value, minorDigits(currency)) : null;
}

/** A currency code in a cell: `EUR`, or Harvest's `Euro - EUR`; null when there is none. */
export function currencyInCell(text: string): string | null {
  const m = /(?:^|[\s-])([A-Z]{3})\s*$/u.exec(text.trim());
  return m?.[1] ?? null;
}
