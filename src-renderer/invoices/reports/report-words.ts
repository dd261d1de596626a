/**
 * How the invoice reports name what they show: months, quarters, VAT treatments and how late an
 * invoice is, in English words with the locale's numbers. Storage and CSV keep the ISO forms
 * ("2026-11", "2026-Q4", "reverse-charge"); these are for the screen only.
 */
import type { VatTreatment } from '../vat-treatment.ts';

const monthFormats = new Map<string, Intl.DateTimeFormat>();
const rateFormats = new Map<string, Intl.NumberFormat>();

/** "Nov 2026" for "2026-11". */
export function monthLabel(month: string, locale?: string): string {
  let format = monthFormats.get(locale ?? '');
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    monthFormats.set(locale ?? '', format);
  }
  return format.format(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 15));
}

/** "Q4 2026" for "2026-Q4". */
export function quarterLabel(quarter: string): string {
  return `${quarter.slice(5)} ${quarter.slice(0, 4)}`;
}

/** "19 %", "5.5 %" for basis points (1900, 550). */
export function rateLabel(rateBp: number, locale?: string): string {
  let format = rateFormats.get(locale ?? '');
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    rateFormats.set(locale ?? '', format);
  }
  return `${format.format(rateBp / 100)} %`;
}

/** "Domestic 19 %", "Reverse charge", … */
export function treatmentLabel(treatment: VatTreatment['kind'], rateBp: number, locale?: string): string {
  switch (treatment) {
    case 'domestic':
      return `Domestic ${rateLabel(rateBp, locale)}`;
    case 'reverse-charge':
      return 'Reverse charge';
    case 'outside-scope':
      return 'Outside the scope of EU VAT';
    case 'small-business':
      return 'Small-business exemption';
  }
}

/** "26 days overdue", "Due today", "Due in 3 days". */
export function overdueWords(daysOverdue: number): string {
  const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  if (daysOverdue > 0) return `${days(daysOverdue)} overdue`;
  if (daysOverdue === 0) return 'Due today';
  return `Due in ${days(-daysOverdue)}`;
}
