/**
 * A time line's quantity is what is printed, and its price is that quantity times the rate,
 * rounded once. So the quantity is cut to what the invoice can print BEFORE pricing:
 * - 'h:mm' prints whole minutes: the billed time is rounded to the minute (half up);
 * - 'decimal' prints hundredths of an hour: it is rounded to 36 seconds (half up).
 * A reader multiplying the printed hours by the printed rate gets the printed amount to the cent
 * (7:55 at 95.50 is 756.04, never the 756.05 that 7:55:03 would price). Pure.
 */
import type { InvoiceHourStyle } from '../../domain/business-profile.ts';
import { roundDiv, timeAmountMinor } from '../../reports/money.ts';

const MINUTE_MS = 60_000;
const HUNDREDTH_HOUR_MS = 36_000;

/** The unit `style` prints time in, ms. */
function printedUnitMs(style: InvoiceHourStyle): number {
  return style === 'h:mm' ? MINUTE_MS : HUNDREDTH_HOUR_MS;
}

/** `ms` cut to what `style` prints, half up; never negative. */
export function printableMs(ms: number, style: InvoiceHourStyle): number {
  if (ms <= 0) return 0;
  const unit = printedUnitMs(style);
  return Number(roundDiv(BigInt(ms), BigInt(unit))) * unit;
}

/** What `billedMs` (already printable) at `rateMinor` per hour is: rounded once, half away from zero. */
export function priceHours(billedMs: number, rateMinor: number): number {
  return timeAmountMinor(billedMs, rateMinor);
}

/**
 * The quantity as the invoice prints it, without a unit: "7:55" or "7.92". Exact for a printable
 * quantity (the PDF and the editor use this, never a display formatter that rounds on its own:
 * formatDecimalHours goes through minutes and would print 0.01 h as "0.02").
 */
export function printedHours(billedMs: number, style: InvoiceHourStyle): string {
  if (style === 'h:mm') {
    const minutes = Math.round(billedMs / MINUTE_MS);
    return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
  }
  const hundredths = Math.round(billedMs / HUNDREDTH_HOUR_MS);
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/** An item count in thousandths as printed: 1000 → "1", 2500 → "2.5", -1000 → "-1". */
export function printedItems(milli: number): string {
  const sign = milli < 0 ? '-' : '';
  const abs = Math.abs(milli);
  const fraction = String(abs % 1000)
    .padStart(3, '0')
    .replace(/0+$/u, '');
  return `${sign}${Math.floor(abs / 1000)}${fraction === '' ? '' : `.${fraction}`}`;
}

/** `milli / 1000 × unitPriceMinor`, rounded once: the net of an item line. */
export function priceItems(milli: number, unitPriceMinor: number): number {
  return Number(roundDiv(BigInt(milli) * BigInt(unitPriceMinor), 1000n));
}
