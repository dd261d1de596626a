/**
 * What follows from a client's country: its time zones (from the browser's own ICU data, through
 * Intl.Locale) and its currency (country-to-currency, ISO 3166 → ISO 4217). The form fills the
 * time zone and currency from the country until the person picks them by hand.
 */
import countryToCurrency from 'country-to-currency';
import { isTimeZone } from '../domain/common.ts';

/**
 * The zone of the capital where ICU lists a few for a country and one of them is where nearly
 * everyone is (Berlin, not Büsingen; Lisbon, not the Azores). Countries spanning a continent (the
 * US, Canada, Brazil, Australia, Mexico) have none: the person chooses. Kosovo is not in ICU's
 * region data; it keeps Central European time.
 */
const MAIN_ZONE: Readonly<Record<string, string>> = {
  AR: 'America/Argentina/Buenos_Aires',
  CL: 'America/Santiago',
  CY: 'Asia/Nicosia',
  DE: 'Europe/Berlin',
  EC: 'America/Guayaquil',
  ES: 'Europe/Madrid',
  NZ: 'Pacific/Auckland',
  PT: 'Europe/Lisbon',
  UA: 'Europe/Kiev',
  XK: 'Europe/Belgrade',
};

/** ICU's zones for a region, or none where the runtime does not say (older engines). */
export function zonesOf(country: string): string[] {
  if (!/^[A-Z]{2}$/u.test(country)) return [];
  if (country === 'XK') return [MAIN_ZONE['XK'] ?? ''];
  try {
    const locale = new Intl.Locale(`und-${country}`) as Intl.Locale & { getTimeZones?: () => string[]; timeZones?: string[] };
    const zones = locale.getTimeZones?.() ?? locale.timeZones ?? [];
    return zones.filter(isTimeZone);
  } catch {
    return [];
  }
}

/** The currency a country uses, when one is listed (Kosovo: EUR; Antarctica: none). */
export function currencyOf(country: string): string | undefined {
  return (countryToCurrency as Record<string, string | undefined>)[country];
}

export interface CountryFollowers {
  timeZone: string;
  currency: string;
}

/**
 * The time zone and currency after the country changes to `country`: what the person chose by
 * hand stays; otherwise the zone is this device's when it is one of the country's, the country's
 * only or main zone, or empty (the person chooses among several, e.g. the US); the
 * currency is the country's.
 */
export function followCountry(
  country: string,
  current: CountryFollowers,
  chosen: { timeZone: boolean; currency: boolean },
  localZone: string,
): CountryFollowers {
  const zones = zonesOf(country);
  let timeZone = current.timeZone;
  if (!chosen.timeZone && zones.length > 0 && !zones.includes(current.timeZone)) {
    const main = MAIN_ZONE[country];
    timeZone = zones.includes(localZone) ? localZone : zones.length === 1 ? (zones[0] ?? '') : main && zones.includes(main) ? main : '';
  }
  const currency = chosen.currency ? current.currency : (currencyOf(country) ?? current.currency);
  return { timeZone, currency };
}
