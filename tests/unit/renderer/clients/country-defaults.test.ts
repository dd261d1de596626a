/** The client form's time zone and currency follow the country until the person picks them. */
import { describe, expect, it } from 'vitest';
import { currencyOf, followCountry, zonesOf } from '../../../../src-renderer/clients/country-defaults.ts';

const untouched = { timeZone: false, currency: false };

describe('country defaults', () => {
  it('knows a country’s zones and currency', () => {
    expect(zonesOf('US')).toContain('America/New_York');
    expect(zonesOf('PT')).toEqual(expect.arrayContaining(['Europe/Lisbon', 'Atlantic/Azores']));
    expect(zonesOf('XK')).toEqual(['Europe/Belgrade']);
    expect(zonesOf('de')).toEqual([]);
    expect(currencyOf('US')).toBe('USD');
    expect(currencyOf('XK')).toBe('EUR');
    expect(currencyOf('CH')).toBe('CHF');
  });

  it('choosing the United States leaves Lisbon and the euro behind: the zone waits for a choice among the US zones, the currency is USD', () => {
    expect(followCountry('US', { timeZone: 'Europe/Lisbon', currency: 'EUR' }, untouched, 'Europe/Lisbon')).toEqual({ timeZone: '', currency: 'USD' });
  });

  it('keeps this device’s zone when it is one of the country’s, else takes the only or the main one', () => {
    expect(followCountry('US', { timeZone: 'Europe/Lisbon', currency: 'EUR' }, untouched, 'America/Chicago')).toEqual({
      timeZone: 'America/Chicago',
      currency: 'USD',
    });
    expect(followCountry('FR', { timeZone: 'Europe/Lisbon', currency: 'EUR' }, untouched, 'UTC')).toEqual({ timeZone: 'Europe/Paris', currency: 'EUR' });
    expect(followCountry('DE', { timeZone: 'UTC', currency: 'USD' }, untouched, 'UTC')).toEqual({ timeZone: 'Europe/Berlin', currency: 'EUR' });
  });

  it('what the person picked by hand stays', () => {
    expect(followCountry('US', { timeZone: 'Europe/Lisbon', currency: 'EUR' }, { timeZone: true, currency: true }, 'UTC')).toEqual({
      timeZone: 'Europe/Lisbon',
      currency: 'EUR',
    });
  });
});
