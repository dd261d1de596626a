/** What the invoice editor reads from typed text and dates. Pure. */

/** The longest line description the vault keeps (domain/invoice.ts). */
export const DESCRIPTION_MAX = 500;

/** A typed quantity ("2", "1.5") in thousandths, or null. */
export function parseQuantity(text: string): number | null {
  const match = /^\s*(\d{1,9})(?:[.,](\d{1,3}))?\s*$/u.exec(text);
  if (match === null) return null;
  const milli = Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
  return milli > 0 ? milli : null;
}

/** A typed VAT rate in percent ("7", "5.5") in basis points, or null. */
export function parseRatePercent(text: string): number | null {
  const match = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/u.exec(text);
  if (match === null) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

/** First and last day of the month before `today` ('YYYY-MM-DD'), and of this month. */
export function monthPeriods(today: string): { last: { from: string; to: string }; current: { from: string; to: string } } {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  const py = month === 1 ? year - 1 : year;
  const pm = month === 1 ? 12 : month - 1;
  return {
    last: { from: `${py}-${pad(pm)}-01`, to: `${py}-${pad(pm)}-${pad(lastDay(py, pm))}` },
    current: { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(lastDay(year, month))}` },
  };
}
