/**
 * The one place screens, CSV and documents format what people read: durations, money, dates,
 * sizes and counts, on Intl. Pure functions; the person's hour style (h:mm or decimal) is read by
 * `useHourStyle` (use-hour-style.ts) and passed in.
 */
export * from './dates.ts';
export * from './duration.ts';
export * from './percent.ts';
export * from './plural.ts';
export * from './sizes.ts';
export { formatMoney } from '../../reports/money.ts';
