/**
 * The number the next invoice (or credit note) of a series would take, for the profile's preview
 * ("Next invoice: RE-2026-0001"). Pure. Numbers are `<prefix><year>-<sequence>`, the sequence at
 * least four digits; the register may already hold numbers of the series, read from their text
 * only (whatever else an entry says), so a preview never offers a number that is taken. A
 * `continueFrom` for the year (a count begun in another tool) starts the year there unless the
 * register is already past it. Issuing takes its number from the register itself; this is a preview.
 */
import type { NumberSeries } from '../../domain/business-profile.ts';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** The highest sequence among `numbers` of `prefix` in `year`; 0 when none. */
export function highestSequence(numbers: Iterable<string>, prefix: string, year: number): number {
  const pattern = new RegExp(`^${escape(prefix)}${String(year).padStart(4, '0')}-(\\d{1,15})$`, 'u');
  let highest = 0;
  for (const number of numbers) {
    const match = pattern.exec(number.trim());
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return highest;
}

/** The number the next document of `series` in `year` takes, given the numbers already in the register. */
export function nextNumberPreview(series: NumberSeries, year: number, numbers: Iterable<string>): string {
  const fromRegister = highestSequence(numbers, series.prefix, year) + 1;
  const continued = series.continueFrom?.year === year ? series.continueFrom.next : 1;
  const sequence = Math.max(fromRegister, continued);
  return `${series.prefix}${String(year).padStart(4, '0')}-${String(sequence).padStart(4, '0')}`;
}
