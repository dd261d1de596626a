/**
 * The European Central Bank's euro reference rates, from a CSV file the person downloaded and
 * imports (Caravan never fetches them). Both files the ECB publishes read:
 * - `eurofxref.csv`, one day: `Date, USD, JPY, …` then `4 December 2026, 1.0512, 161.02, …`;
 * - `eurofxref-hist.csv`, every day: `Date,USD,JPY,…` then `2026-12-04,1.0512,161.02,…`.
 * Cells may be `N/A` or empty (a currency not quoted that day); lines end with a trailing comma.
 * Rates are units of the currency per euro, kept as the ECB wrote them.
 */
import Papa from 'papaparse';
import { dayNumber } from '../presence/calendar-days.ts';
import { crossRate } from './exchange-rate.ts';

export interface EcbRates {
  /** Day ('YYYY-MM-DD') → currency → units per euro, as written. Days in ascending order. */
  days: Map<string, Map<string, string>>;
}

export type EcbParse = { ok: true; rates: EcbRates } | { ok: false; problem: string };

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** 'YYYY-MM-DD' of "2026-12-04" or "4 December 2026" when it is a calendar day; null otherwise. */
function ecbDay(text: string): string | null {
  let day: string | null = null;
  if (/^\d{4}-\d{2}-\d{2}$/u.test(text)) day = text;
  const long = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/u.exec(text);
  const month = long ? MONTHS.indexOf(long[2]!.toLowerCase()) : -1;
  if (long && month >= 0) day = `${long[3]}-${String(month + 1).padStart(2, '0')}-${long[1]!.padStart(2, '0')}`;
  if (day === null) return null;
  try {
    dayNumber(day);
    return day;
  } catch {
    return null;
  }
}

export function parseEcbCsv(text: string): EcbParse {
  // papaparse, like every CSV Caravan reads (csv/read-csv.ts): a quoted cell or a CRLF is its business.
  const lines = Papa.parse<string[]>(text.replace(/^\uFEFF/u, ''), { skipEmptyLines: 'greedy' }).data;
  const header = lines[0]?.map((c) => c.trim());
  if (!header || header[0] !== 'Date' || header.length < 2) {
    return { ok: false, problem: 'This is not a euro reference-rate file from the ECB: its first line should start with "Date, USD, JPY".' };
  }
  const entries: [string, Map<string, string>][] = [];
  for (const [i, line] of lines.slice(1).entries()) {
    const cells = line.map((c) => c.trim());
    const day = ecbDay(cells[0] ?? '');
    if (day === null) return { ok: false, problem: `Line ${i + 2} of the rate file does not start with a date ("${(cells[0] ?? '').slice(0, 40)}").` };
    const rates = new Map<string, string>();
    header.slice(1).forEach((currency, c) => {
      const cell = cells[c + 1] ?? '';
      if (/^[A-Z]{3}$/u.test(currency) && /^\d+(\.\d+)?$/u.test(cell) && Number(cell) > 0) rates.set(currency, cell);
    });
    entries.push([day, rates]);
  }
  if (entries.length === 0) return { ok: false, problem: 'The rate file has no days in it.' };
  entries.sort(([a], [b]) => a.localeCompare(b));
  return { ok: true, rates: { days: new Map(entries) } };
}

export type RateLookup = { ok: true; rate: string; asOf: string } | { ok: false; problem: string };

/**
 * How far back a rate may come from: the ECB publishes none at weekends and on TARGET holidays (at
 * Easter, Thursday's rate serves until Tuesday); an older one means the currency stopped being
 * quoted or the file is out of date.
 */
export const MAX_RATE_AGE_DAYS = 7;

/**
 * One `from` in `to` on `day`, from the latest ECB day on or before it that quotes both, within
 * {@link MAX_RATE_AGE_DAYS}. Currency codes are read in any case.
 */
export function referenceRateOn(rates: EcbRates, day: string, fromCode: string, toCode: string): RateLookup {
  const from = fromCode.toUpperCase();
  const to = toCode.toUpperCase();
  if (from === to) return { ok: true, rate: '1', asOf: day };
  let found: { day: string; fromRate: string; toRate: string } | undefined;
  for (const [d, row] of rates.days) {
    if (d > day) break;
    const fromRate = from === 'EUR' ? '1' : row.get(from);
    const toRate = to === 'EUR' ? '1' : row.get(to);
    if (fromRate !== undefined && toRate !== undefined) found = { day: d, fromRate, toRate };
  }
  if (!found)
    return { ok: false, problem: `The imported rate file has no rate for ${from} in ${to} on or before ${day}. Import a newer file, or type the rate.` };
  if (dayNumber(day) - dayNumber(found.day) > MAX_RATE_AGE_DAYS) {
    return {
      ok: false,
      problem: `The newest rate for ${from} in ${to} in the imported file is from ${found.day}, too long before ${day}. Import a newer file, or type the rate.`,
    };
  }
  return { ok: true, rate: crossRate(found.fromRate, found.toRate), asOf: found.day };
}
