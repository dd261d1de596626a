import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPLAY_ZONE, describeDisplayZone, displayZoneOf, homeZoneOf, parseDisplayZone } from '../../../../src-renderer/time/display-zone.ts';
import { formatRange, zoneSuffix } from '../../../../src-renderer/time/format.ts';
import { offsetLabel, zoneAbbreviation, zoneCity } from '../../../../src-renderer/time/zone-names.ts';

const block = { zone: 'Europe/Lisbon', clientId: 'c1' };
const clientZone = (id: string) => (id === 'c1' ? 'America/New_York' : undefined);

describe('display zone choice', () => {
  it('reads what was stored, falling back field by field', () => {
    expect(parseDisplayZone({ mode: 'client', homeZone: 'Europe/Berlin' })).toEqual({ mode: 'client', homeZone: 'Europe/Berlin' });
    expect(parseDisplayZone({ mode: 'somewhere', homeZone: 'Mars/Olympus' })).toEqual(DEFAULT_DISPLAY_ZONE);
    expect(parseDisplayZone(undefined)).toEqual(DEFAULT_DISPLAY_ZONE);
    expect(parseDisplayZone({ mode: 'block' })).toEqual({ mode: 'block', homeZone: null });
  });

  it('shows a block in the home zone, its own, or its client’s (its own when the client is unknown)', () => {
    const home = homeZoneOf({ mode: 'home', homeZone: null }, 'Asia/Kolkata');
    expect(home).toBe('Asia/Kolkata');
    expect(displayZoneOf(block, { mode: 'home', homeZone: null }, home, clientZone)).toBe('Asia/Kolkata');
    expect(displayZoneOf(block, { mode: 'block', homeZone: null }, home, clientZone)).toBe('Europe/Lisbon');
    expect(displayZoneOf(block, { mode: 'client', homeZone: null }, home, clientZone)).toBe('America/New_York');
    expect(displayZoneOf({ ...block, clientId: 'gone' }, { mode: 'client', homeZone: null }, home, clientZone)).toBe('Europe/Lisbon');
    expect(homeZoneOf({ mode: 'block', homeZone: 'Europe/Berlin' }, 'Asia/Kolkata')).toBe('Europe/Berlin');
  });

  it('says in the header how times are shown', () => {
    expect(describeDisplayZone({ mode: 'home', homeZone: null }, 'Europe/Berlin')).toBe('Times shown in Europe/Berlin');
    expect(describeDisplayZone({ mode: 'block', homeZone: null }, 'Europe/Berlin')).toBe('Times shown where each block was logged (named when not Berlin)');
  });
});

describe('times in another zone than the header’s carry their city', () => {
  it('names the zone only when it differs', () => {
    const start = Date.parse('2026-11-20T09:00:00Z');
    expect(zoneSuffix('Europe/Lisbon', 'Europe/Berlin')).toBe(' Lisbon');
    expect(zoneSuffix('Europe/Berlin', 'Europe/Berlin')).toBe('');
    expect(formatRange(start, start + 90 * 60_000, 'Europe/Lisbon', 'Europe/Berlin')).toBe(
      `${formatRange(start, start + 90 * 60_000, 'Europe/Lisbon')} Lisbon`,
    );
    expect(formatRange(start, start + 90 * 60_000, 'Europe/Berlin', 'Europe/Berlin')).not.toMatch(/Berlin/u);
    expect(zoneCity('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
  });

  it('names offsets and abbreviations as people read them', () => {
    const july = Date.parse('2026-07-01T12:00:00Z');
    expect([offsetLabel(july, 'Asia/Kolkata'), offsetLabel(july, 'America/New_York'), offsetLabel(july, 'UTC')]).toEqual(['UTC+5:30', 'UTC−4', 'UTC']);
    expect([zoneAbbreviation(july, 'Europe/Berlin'), zoneAbbreviation(july, 'America/New_York'), zoneAbbreviation(july, 'Australia/Lord_Howe')]).toEqual([
      'CEST',
      'EDT',
      'UTC+10:30',
    ]);
  });
});
