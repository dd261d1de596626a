import { describe, expect, it } from 'vitest';
import zonesJson from '../../../../src-preload/contract/places/data/zones.json';
import regionsJson from '../../../../src-preload/contract/places/data/regions.json';
import { COUNTRY_CODES, ISO_COUNTRY_CODES, isCountryCode, isIsoCountry } from '../../../../src-preload/contract/places/country-codes.ts';
import {
  adequacyFor,
  applyLocalityUpdate,
  builtInLocalityData,
  countryName,
  parseLocalityData,
  zoneMembers,
} from '../../../../src-main/locality/locality-data.ts';

const data = builtInLocalityData();
const clone = <T>(value: T): T => structuredClone(value);

describe('ISO 3166-1 list', () => {
  it('holds the 249 assigned codes and none of the look-alikes', () => {
    expect(ISO_COUNTRY_CODES.size).toBe(249);
    for (const bad of ['EL', 'UK', 'EU', 'XK', 'de', 'DEU', '']) expect(isIsoCountry(bad)).toBe(false);
  });

  it('adds XK (Kosovo, user-assigned) to what Caravan accepts, and nothing else', () => {
    expect(COUNTRY_CODES).toHaveLength(250);
    expect(COUNTRY_CODES.filter((c) => !isIsoCountry(c))).toEqual(['XK']);
    expect(isCountryCode('XK')).toBe(true);
    for (const bad of ['EL', 'UK', 'EU', 'ZZ', 'xk', '']) expect(isCountryCode(bad)).toBe(false);
  });
});

describe('built-in data', () => {
  it('validates through parseLocalityData', () => {
    expect(parseLocalityData(zonesJson).ok).toBe(true);
    expect(parseLocalityData(regionsJson).ok).toBe(true);
    expect(parseLocalityData(JSON.stringify(zonesJson)).ok).toBe(true);
  });

  it('has the 27 EU members with GR (not EL) and the EEA adds IS LI NO', () => {
    const eu = zoneMembers(data, 'EU');
    const eea = zoneMembers(data, 'EEA');
    expect(eu.size).toBe(27);
    expect(eu.has('GR')).toBe(true);
    expect(eea.size).toBe(30);
    for (const c of ['IS', 'LI', 'NO']) expect([eu.has(c), eea.has(c)]).toEqual([false, true]);
  });

  it('keeps unconfirmed outermost regions out of the EU zone, and FO and GL out of it', () => {
    const eu = zoneMembers(data, 'EU');
    for (const c of ['GP', 'MQ', 'GF', 'RE', 'YT', 'MF']) {
      const t = data.zones.territories.find((x) => x.code === c);
      expect(t).toMatchObject({ inEU: true, confidence: 'unconfirmed' });
      expect(eu.has(c)).toBe(false);
    }
    for (const c of ['FO', 'GL']) expect(data.zones.territories.find((x) => x.code === c)?.inEU).toBe(false);
  });

  it.each([
    ['AD', 'full'],
    ['AR', 'full'],
    ['FO', 'full'],
    ['GG', 'full'],
    ['IL', 'full'],
    ['IM', 'full'],
    ['JE', 'full'],
    ['NZ', 'full'],
    ['CH', 'full'],
    ['UY', 'full'],
    ['KR', 'full'],
    ['GB', 'full'],
    ['BR', 'full'],
    ['CA', 'conditional'],
    ['JP', 'conditional'],
    ['US', 'conditional'],
  ])('lists %s with %s adequacy', (country, scope) => {
    expect(adequacyFor(data, country)?.scope).toBe(scope);
  });

  it('records the UK end date and the US scope', () => {
    expect(adequacyFor(data, 'GB')?.validUntil).toBe('2031-12-27');
    const us = adequacyFor(data, 'US');
    expect(us?.scope === 'conditional' && us.scopeText).toMatch(/Data Privacy Framework/);
    expect(data.zones.adequacy).toHaveLength(16);
  });

  it('gives every zone member, adequacy country and territory a valid ISO code', () => {
    const codes = [
      ...data.zones.zones.EU.members,
      ...data.zones.zones.EEA.members,
      ...data.zones.adequacy.map((a) => a.country),
      ...data.zones.territories.flatMap((t) => [t.code, t.partOf]),
    ];
    expect(codes.length).toBeGreaterThan(40);
    for (const c of codes) expect(isIsoCountry(c), c).toBe(true);
  });

  it('gives every region and jurisdiction a valid ISO country, and no location hint a country', () => {
    let regions = 0;
    for (const p of data.regions.providers) {
      expect(p.source).toBeTruthy();
      expect(p.asOf).toMatch(/^\d{4}-\d{2}/);
      for (const r of p.regions) {
        regions += 1;
        expect(isIsoCountry(r.country), `${p.id} ${r.code}`).toBe(true);
      }
      for (const j of p.jurisdictions ?? []) expect(j.country === undefined ? j.zone === 'EU' : isIsoCountry(j.country)).toBe(true);
      for (const h of p.locationHints ?? []) expect(h).not.toHaveProperty('country');
    }
    expect(regions).toBe(37 + 16 + 3 + 3 + 5);
  });

  it('marks the unconfirmed Backblaze regions and only those', () => {
    const b2 = data.regions.providers.find((p) => p.id === 'backblaze');
    const unconfirmed = b2?.regions.filter((r) => r.confidence === 'unconfirmed').map((r) => r.code);
    expect(unconfirmed).toEqual(['eu-central-003', 'us-east-005', 'ca-east-006', 'us-west-004']);
    const others = data.regions.providers.filter((p) => p.id !== 'backblaze').flatMap((p) => p.regions);
    expect(others.every((r) => r.confidence === 'confirmed')).toBe(true);
  });
});

type Mutation = [name: string, file: 'zones' | 'regions', mutate: (f: any) => unknown, code: string, issue?: RegExp]; // eslint-disable-line @typescript-eslint/no-explicit-any

const rejections: Mutation[] = [
  ['no asOf', 'zones', (f) => void delete f.asOf, 'invalid-data', /^asOf/],
  ['no sources', 'regions', (f) => void delete f.sources, 'invalid-data', /^sources/],
  ['empty sources', 'zones', (f) => void (f.sources = []), 'invalid-data', /at least one source/],
  ['a zone without source', 'zones', (f) => void delete f.zones.EU.source, 'invalid-data', /zones\.EU\.source/],
  ['a provider without asOf', 'regions', (f) => void delete f.providers[0].asOf, 'invalid-data', /providers\.0\.asOf/],
  ['a dangling source reference', 'regions', (f) => void (f.providers[1].source = 'nowhere'), 'invalid-data', /"nowhere" is not listed/],
  ['Greece as EL', 'zones', (f) => void (f.zones.EU.members[11] = 'EL'), 'invalid-data', /use GR/],
  ['UK instead of GB', 'regions', (f) => void (f.providers[0].regions[6].country = 'UK'), 'invalid-data', /use GB/],
  ['a lower-case code', 'zones', (f) => void (f.zones.EEA.members[0] = 'is'), 'invalid-data', /is not a country Caravan knows/],
  ['a made-up code', 'zones', (f) => void (f.adequacy[0].country = 'QQ'), 'invalid-data', /adequacy\.0\.country/],
  ['a duplicate member', 'zones', (f) => void f.zones.EEA.members.push('DE'), 'invalid-data', /DE appears twice/],
  ['an EEA country with adequacy', 'zones', (f) => void (f.adequacy[0].country = 'NO'), 'invalid-data', /is in the EEA/],
  ['a conditional decision without scope', 'zones', (f) => void delete f.adequacy.at(-1).scopeText, 'invalid-data', /scopeText/],
  ['a duplicate region', 'regions', (f) => void f.providers[0].regions.push({ code: 'us-east-1', country: 'US' }), 'invalid-data', /appears twice/],
  ['a location hint with a country', 'regions', (f) => void (f.providers.at(-1).locationHints[0].country = 'US'), 'invalid-data', /country/],
  ['a jurisdiction with country and zone', 'regions', (f) => void (f.providers.at(-1).jurisdictions[0].country = 'DE'), 'invalid-data', /exactly one/],
  ['an unknown key', 'zones', (f) => void (f.zones.EU.member = []), 'invalid-data', /Unrecognized key/],
  ['an impossible date', 'zones', (f) => void (f.asOf = '2026-02-30'), 'invalid-data', /real calendar date/],
  ['an http source', 'zones', (f) => void (f.sources[0].url = 'http://example.org'), 'invalid-data', /sources\.0\.url/],
  ['a newer schema version', 'zones', (f) => void (f.schemaVersion = 2), 'unsupported-version'],
  ['no schema version', 'regions', (f) => void delete f.schemaVersion, 'unsupported-version'],
  ['an unknown kind', 'zones', (f) => void (f.kind = 'caravan.other'), 'unknown-kind'],
];

describe('parseLocalityData rejects', () => {
  it.each(rejections)('%s', (_name, which, mutate, code, issue) => {
    const file = clone(which === 'zones' ? zonesJson : regionsJson);
    mutate(file);
    const result = parseLocalityData(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message.length).toBeGreaterThan(20);
    if (issue)
      expect(
        result.error.issues.some((i) => issue.test(i)),
        result.error.issues.join('\n'),
      ).toBe(true);
  });

  it.each([['not json {'], [null], [[]], [42]])('non-objects (%j)', (input) => {
    const result = parseLocalityData(input);
    expect(result.ok).toBe(false);
  });
});

describe('applyLocalityUpdate', () => {
  it('takes a newer regions file and refuses an older zones file', () => {
    const newer = clone(regionsJson);
    newer.asOf = '2027-01-15';
    newer.providers[2]?.regions.push({ code: 'hel2', country: 'FI' } as never);
    const parsed = parseLocalityData(newer);
    if (!parsed.ok) throw new Error(parsed.error.issues.join('\n'));
    const updated = applyLocalityUpdate(data, parsed.file);
    expect(updated.ok && updated.data.regions.asOf).toBe('2027-01-15');
    expect(updated.ok && updated.data.zones).toBe(data.zones);

    const older = clone(zonesJson);
    older.asOf = '2026-10-31';
    const parsedOld = parseLocalityData(older);
    if (!parsedOld.ok) throw new Error('older file should parse');
    const refused = applyLocalityUpdate(data, parsedOld.file);
    expect(refused.ok ? null : refused.error.code).toBe('older-than-current');
  });
});

describe('countryName', () => {
  it.each([
    ['GB', 'United Kingdom'],
    ['DE', 'Germany'],
    ['CH', 'Switzerland'],
    ['ZZZ', 'ZZZ'],
  ])('%s -> %s', (code, name) => {
    expect(countryName(code)).toBe(name);
  });
});
