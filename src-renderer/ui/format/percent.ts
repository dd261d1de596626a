/**
 * Percentages for people: "45 %", "1,250 %", "0 %". The number is Intl's (grouping and digits of
 * the locale); the sign keeps the space before it everywhere, as Caravan's screens and documents
 * have always written it, so a share reads the same on the project screen, in the weekly update and
 * in a kill switch's warning.
 *
 * `rounding`: `round` for how far a budget is used (the project screen and the weekly update must
 * agree); `floor` where a figure must not claim a threshold before it is reached (a kill switch
 * says 100 % only once it trips; progress says 100 % only when done).
 */

export type PercentRounding = 'round' | 'floor';

const cache = new Map<string, Intl.NumberFormat>();

/** `ratio` (0.45) as "45 %". */
export function formatPercent(ratio: number, rounding: PercentRounding = 'round', locale?: string): string {
  const key = locale ?? '';
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    cache.set(key, format);
  }
  // Floor on the float itself: a ratio just below 1 (a switch not yet tripped) must read 99 %, not 100 %.
  const hundredths = ratio * 100;
  return `${format.format(rounding === 'floor' ? Math.floor(hundredths) : Math.round(hundredths))} %`;
}
