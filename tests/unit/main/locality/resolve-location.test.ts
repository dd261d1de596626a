import { describe, expect, it } from 'vitest';
import { builtInLocalityData } from '../../../../src-main/locality/locality-data.ts';
import { isIsoCountry } from '../../../../src-preload/contract/places/country-codes.ts';
import { locationOf, resolveLocation } from '../../../../src-main/locality/resolve-location.ts';
import { s3Connection } from '../../../../src-main/sync/s3-endpoints.ts';
import type { Guarantee, TargetLocation } from '../../../../src-preload/contract/target.ts';

type Row = [name: string, target: unknown, expected: { country?: string; zone?: 'EU'; guarantee: Guarantee; description?: RegExp }];

const rows: Row[] = [
  [
    'AWS eu-west-2 is London, GB',
    { provider: 'aws', region: 'eu-west-2' },
    { country: 'GB', guarantee: 'region', description: /^AWS eu-west-2 is London, GB$/ },
  ],
  ['AWS eu-central-2 is Zurich, CH', { provider: 'aws', region: 'eu-central-2' }, { country: 'CH', guarantee: 'region', description: /Zurich, CH/ }],
  ['AWS eu-central-1 is Frankfurt, DE', { provider: 'aws', region: 'eu-central-1' }, { country: 'DE', guarantee: 'region' }],
  [
    'Wasabi eu-central-1 is Amsterdam, NL',
    { provider: 'wasabi', region: 'eu-central-1' },
    { country: 'NL', guarantee: 'region', description: /^Wasabi eu-central-1 is Amsterdam, NL$/ },
  ],
  [
    'Wasabi eu-west-2 is FR (AWS eu-west-2 is GB)',
    { provider: 'wasabi', region: 'eu-west-2' },
    { country: 'FR', guarantee: 'region', description: /FR \(France\)/ },
  ],
  ['AWS eusc-de-east-1 is DE', { provider: 'aws', region: 'eusc-de-east-1' }, { country: 'DE', guarantee: 'region' }],
  ['region codes are trimmed and case-folded', { provider: 'aws', region: ' EU-West-3 ' }, { country: 'FR', guarantee: 'region' }],
  ['Hetzner hel1 is FI', { provider: 'hetzner', region: 'hel1' }, { country: 'FI', guarantee: 'region' }],
  ['Scaleway pl-waw is PL', { provider: 'scaleway', region: 'pl-waw' }, { country: 'PL', guarantee: 'region' }],
  ['Backblaze us-west-002 is US', { provider: 'backblaze', region: 'us-west-002' }, { country: 'US', guarantee: 'region' }],
  [
    'unconfirmed Backblaze eu-central-003 is unknown',
    { provider: 'backblaze', region: 'eu-central-003' },
    { guarantee: 'unknown', description: /not confirmed/ },
  ],
  [
    '... and declared when the user vouches for NL',
    { provider: 'backblaze', region: 'eu-central-003', declaredCountry: 'NL' },
    { country: 'NL', guarantee: 'declared', description: /your declaration/ },
  ],
  [
    '... and unknown when the declaration disagrees',
    { provider: 'backblaze', region: 'eu-central-003', declaredCountry: 'DE' },
    { guarantee: 'unknown', description: /you declared DE/ },
  ],
  [
    'a declaration cannot move a confirmed region',
    { provider: 'aws', region: 'eu-west-2', declaredCountry: 'DE' },
    { country: 'GB', guarantee: 'region', description: /ignored/ },
  ],
  ['an unknown AWS region is unknown', { provider: 'aws', region: 'eu-west-9' }, { guarantee: 'unknown', description: /not in Caravan's region table/ }],
  ['an AWS code at Hetzner is unknown', { provider: 'hetzner', region: 'eu-central-1' }, { guarantee: 'unknown' }],
  ['no region is unknown', { provider: 'scaleway' }, { guarantee: 'unknown', description: /no region/ }],
  ['R2 eu jurisdiction guarantees the EU', { provider: 'r2', r2Jurisdiction: 'eu' }, { zone: 'EU', guarantee: 'jurisdiction' }],
  ['R2 fedramp jurisdiction is US', { provider: 'r2', r2Jurisdiction: 'fedramp' }, { country: 'US', guarantee: 'jurisdiction' }],
  ['R2 us jurisdiction is US', { provider: 'r2', r2Jurisdiction: 'us', r2LocationHint: 'weur' }, { country: 'US', guarantee: 'jurisdiction' }],
  [
    'R2 location hint alone is best effort, no country',
    { provider: 'r2', r2LocationHint: 'weur' },
    { guarantee: 'best-effort', description: /Western Europe.*best effort/ },
  ],
  ['R2 hint plus a declaration is still best effort', { provider: 'r2', r2LocationHint: 'weur', declaredCountry: 'DE' }, { guarantee: 'best-effort' }],
  ['R2 with nothing is unknown', { provider: 'r2' }, { guarantee: 'unknown' }],
  ['R2 unknown jurisdiction is unknown', { provider: 'r2', r2Jurisdiction: 'ch' }, { guarantee: 'unknown' }],
  ['custom S3 with no declaration is unknown', { provider: 'custom-s3', region: 'eu-central-1' }, { guarantee: 'unknown', description: /no declared country/ }],
  ['MinIO declared DE is declared', { provider: 'minio', declaredCountry: 'DE' }, { country: 'DE', guarantee: 'declared', description: /cannot verify/ }],
  ['WebDAV declared AT is declared', { provider: 'webdav', declaredCountry: 'AT' }, { country: 'AT', guarantee: 'declared' }],
  ['a folder without a declaration is unknown', { provider: 'folder' }, { guarantee: 'unknown', description: /Dropbox/ }],
  ['a declaration with a bad code is unreadable', { provider: 'webdav', declaredCountry: 'EL' }, { guarantee: 'unknown', description: /could not be read/ }],
  ['an unknown provider is unreadable', { provider: 'dropbox', region: 'eu' }, { guarantee: 'unknown' }],
  ['null is unreadable', null, { guarantee: 'unknown' }],
  ['extra fields are unreadable', { provider: 'aws', region: 'eu-central-1', trustMe: true }, { guarantee: 'unknown' }],
];

describe('resolveLocation', () => {
  it.each(rows)('%s', (_name, target, expected) => {
    const location = resolveLocation(target);
    expect(location.guarantee).toBe(expected.guarantee);
    expect(location.country).toBe(expected.country);
    expect(location.zone).toBe(expected.zone);
    if (expected.description) expect(location.description).toMatch(expected.description);
  });

  it('resolves every table region to its ISO country with a region guarantee, keyed by (provider, region)', () => {
    const data = builtInLocalityData();
    let count = 0;
    for (const p of data.regions.providers) {
      if (p.id === 'r2') continue;
      for (const r of p.regions) {
        const location = resolveLocation({ provider: p.id, region: r.code } satisfies TargetLocation, data);
        if (r.confidence === 'unconfirmed') {
          expect(location.guarantee).toBe('unknown');
          continue;
        }
        count += 1;
        expect(location).toMatchObject({ country: r.country, guarantee: 'region', provider: p.id, code: r.code });
        expect(isIsoCountry(location.country)).toBe(true);
        expect(location.description).toContain(r.code);
      }
    }
    expect(count).toBe(60);
  });

  it.each([
    ['eu-central-1', 'DE', 'NL'],
    ['eu-central-2', 'CH', 'DE'],
    ['eu-west-1', 'IE', 'GB'],
    ['eu-west-2', 'GB', 'FR'],
    ['eu-west-3', 'FR', 'GB'],
    ['ap-northeast-2', 'KR', 'JP'],
    ['eu-south-1', 'IT', 'IT'],
  ])('keys by (provider, region): %s is %s at AWS and %s at Wasabi', (code, aws, wasabi) => {
    expect(resolveLocation({ provider: 'aws', region: code }).country).toBe(aws);
    expect(resolveLocation({ provider: 'wasabi', region: code }).country).toBe(wasabi);
  });

  it('every table region, through the provider’s own default endpoint, is placed as without one', () => {
    const data = builtInLocalityData();
    for (const p of data.regions.providers) {
      if (p.id === 'r2') continue;
      for (const r of p.regions) {
        const connection = s3Connection(p.id, r.code, undefined);
        if ('problem' in connection) throw new Error(connection.problem);
        expect(resolveLocation({ provider: p.id, region: r.code }, data, connection.endpoint)).toEqual(
          resolveLocation({ provider: p.id, region: r.code }, data),
        );
      }
    }
  });
});

describe('resolveLocation with the endpoint the bytes go to', () => {
  const ACCOUNT = '0123456789abcdef0123456789abcdef';

  it('an "AWS eu-central-1" target with a custom endpoint is not Germany: unknown, and saying why', () => {
    const location = resolveLocation({ provider: 'aws', region: 'eu-central-1' }, builtInLocalityData(), 'http://127.0.0.1:9000');
    expect(location).toMatchObject({ guarantee: 'unknown', provider: 'custom-s3' });
    expect(location.country).toBeUndefined();
    expect(location.description).toBe(
      "AWS eu-central-1 through the custom endpoint 127.0.0.1:9000 is not AWS's own endpoint for eu-central-1, so that says nothing about where the data goes; declare the country it stores data in, or leave the endpoint empty",
    );
  });

  it('a custom endpoint is placed by the person’s declaration only, and says so (a declaration the region would ignore counts here)', () => {
    const location = resolveLocation({ provider: 'aws', region: 'eu-west-2', declaredCountry: 'GB' }, builtInLocalityData(), 'http://127.0.0.1:9000');
    expect(location).toEqual({
      country: 'GB',
      guarantee: 'declared',
      provider: 'custom-s3',
      description: 'AWS eu-west-2 through the custom endpoint 127.0.0.1:9000 is in GB (United Kingdom) by your declaration; Caravan cannot verify it',
    });
    expect(
      resolveLocation({ provider: 'aws', region: 'eu-central-1', declaredCountry: 'US' }, builtInLocalityData(), 'https://s3.eu-central-1.amazonaws.com'),
    ).toMatchObject({ country: 'DE', guarantee: 'region' });
  });

  it('R2 in the "eu" jurisdiction is the EU only at its .eu. endpoint', () => {
    const eu = { provider: 'r2', r2Jurisdiction: 'eu' } as const;
    expect(resolveLocation(eu, builtInLocalityData(), `https://${ACCOUNT}.eu.r2.cloudflarestorage.com`)).toMatchObject({
      zone: 'EU',
      guarantee: 'jurisdiction',
    });
    const plain = resolveLocation(eu, builtInLocalityData(), `https://${ACCOUNT}.r2.cloudflarestorage.com`);
    expect(plain).toMatchObject({ guarantee: 'unknown', provider: 'custom-s3' });
    expect(plain.zone).toBeUndefined();
    expect(plain.description).toMatch(/^Cloudflare R2 jurisdiction eu through the custom endpoint /);
    expect(resolveLocation(eu, builtInLocalityData(), 'http://127.0.0.1:9000')).toMatchObject({ guarantee: 'unknown' });
  });

  it('locationOf reads a configured target’s endpoint', () => {
    expect(locationOf({ location: { provider: 'hetzner', region: 'fsn1' }, endpoint: 'https://fsn1.your-objectstorage.com' })).toMatchObject({
      country: 'DE',
      guarantee: 'region',
    });
    expect(locationOf({ location: { provider: 'hetzner', region: 'fsn1' }, endpoint: 'https://nbg1.your-objectstorage.com' })).toMatchObject({
      guarantee: 'unknown',
    });
    expect(locationOf({ location: { provider: 'webdav', declaredCountry: 'AT' }, endpoint: 'https://dav.example.org' })).toMatchObject({
      country: 'AT',
      guarantee: 'declared',
    });
  });
});
