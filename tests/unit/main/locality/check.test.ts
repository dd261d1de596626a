import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditReasonSchema } from '../../../../src-main/locality/audit-reason.ts';
import { check, type CheckResult } from '../../../../src-main/locality/check.ts';
import { builtInLocalityData } from '../../../../src-main/locality/locality-data.ts';
import { resolveLocation } from '../../../../src-main/locality/resolve-location.ts';
import type { Operation } from '../../../../src-main/locality/policy.ts';
import type { ResidencyPolicy } from '../../../../src-preload/contract/residency.ts';
import type { TargetLocation } from '../../../../src-preload/contract/target.ts';

const NOW = Date.UTC(2026, 10, 15);
const ctx = { now: NOW };

const EU27 = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE'.split(' ');
const EEA = [...EU27, 'IS', 'LI', 'NO'];
const FULL_ADEQUACY = 'AD AR FO GG IL IM JE NZ CH UY KR GB BR'.split(' ');

const attest = (country: string) => ({ country, basis: `EU-US DPF certification of the provider (${country})`, recordedAt: NOW - 1000 });
const EU: ResidencyPolicy = { kind: 'zone', zone: 'EU' };
const EEA_ZONE: ResidencyPolicy = { kind: 'zone', zone: 'EEA' };
const ADQ: ResidencyPolicy = { kind: 'zone', zone: 'EEA+adequacy' };
const ADQ_US: ResidencyPolicy = { kind: 'zone', zone: 'EEA+adequacy', attestations: [attest('US')] };
const EU_US: ResidencyPolicy = { kind: 'zone', zone: 'EU', attestations: [attest('US')] };
const DE_US: ResidencyPolicy = { kind: 'countries', countries: ['DE', 'US'] };
const DE_US_ATT: ResidencyPolicy = { kind: 'countries', countries: ['DE', 'US'], attestations: [attest('US')] };
const DE_ONLY_US_ATT: ResidencyPolicy = { kind: 'countries', countries: ['DE'], attestations: [attest('US')] };
const DEVICE: ResidencyPolicy = { kind: 'device-only' };

const aws = (region: string): TargetLocation => ({ provider: 'aws', region });
const wasabi = (region: string): TargetLocation => ({ provider: 'wasabi', region });

type Expect = { allowed: boolean; code: CheckResult['code']; reason?: RegExp };
type Row = [name: string, policy: unknown, target: TargetLocation, expected: Expect];

const rows: Row[] = [
  [
    'AWS eu-west-2 (GB) is denied for the EU',
    EU,
    aws('eu-west-2'),
    { allowed: false, code: 'outside-policy', reason: /^Sync upload blocked: client Acme requires the EU; AWS eu-west-2 is London, GB, outside the EU\.$/ },
  ],
  [
    'AWS eu-west-2 (GB) is denied for the EEA',
    EEA_ZONE,
    aws('eu-west-2'),
    { allowed: false, code: 'outside-policy', reason: /requires the EEA; AWS eu-west-2 is London, GB/ },
  ],
  ['AWS eu-west-2 (GB) is allowed for EEA+adequacy', ADQ, aws('eu-west-2'), { allowed: true, code: 'within-policy', reason: /allowed: .*London, GB/ }],
  ['AWS eu-central-2 (CH) is denied for the EU', EU, aws('eu-central-2'), { allowed: false, code: 'outside-policy', reason: /Zurich, CH/ }],
  ['AWS eu-central-2 (CH) is denied for the EEA', EEA_ZONE, aws('eu-central-2'), { allowed: false, code: 'outside-policy' }],
  ['AWS eu-central-2 (CH) is allowed for EEA+adequacy', ADQ, aws('eu-central-2'), { allowed: true, code: 'within-policy' }],
  ['Wasabi eu-central-1 (NL) is allowed for the EU', EU, wasabi('eu-central-1'), { allowed: true, code: 'within-policy', reason: /Amsterdam, NL/ }],
  ['Wasabi eu-west-2 (FR) is allowed for the EU', EU, wasabi('eu-west-2'), { allowed: true, code: 'within-policy' }],
  ['... while AWS eu-west-2 (GB) is not', EU, aws('eu-west-2'), { allowed: false, code: 'outside-policy' }],
  ['Wasabi eu-west-1 (GB) is denied for the EU', EU, wasabi('eu-west-1'), { allowed: false, code: 'outside-policy' }],
  ['AWS eusc-de-east-1 is DE, allowed for the EU', EU, aws('eusc-de-east-1'), { allowed: true, code: 'within-policy', reason: /Germany, DE/ }],
  ['an unknown AWS region code is denied', EEA_ZONE, aws('eu-west-9'), { allowed: false, code: 'unknown-location', reason: /not in Caravan's region table/ }],
  [
    'an R2 location hint is not a guarantee',
    EU,
    { provider: 'r2', r2LocationHint: 'weur' },
    { allowed: false, code: 'best-effort-location', reason: /best effort/ },
  ],
  ['an R2 bucket without jurisdiction is denied', ADQ, { provider: 'r2' }, { allowed: false, code: 'unknown-location' }],
  ['the R2 eu jurisdiction is allowed for the EU', EU, { provider: 'r2', r2Jurisdiction: 'eu' }, { allowed: true, code: 'within-policy' }],
  ['the R2 eu jurisdiction is allowed for EEA+adequacy', ADQ, { provider: 'r2', r2Jurisdiction: 'eu' }, { allowed: true, code: 'within-policy' }],
  [
    'the R2 eu jurisdiction is denied for a DE-only list',
    { kind: 'countries', countries: ['DE'] },
    { provider: 'r2', r2Jurisdiction: 'eu' },
    { allowed: false, code: 'outside-policy', reason: /not every EU country/ },
  ],
  [
    'the R2 eu jurisdiction is allowed for a list of all EU countries',
    { kind: 'countries', countries: EU27 },
    { provider: 'r2', r2Jurisdiction: 'eu' },
    { allowed: true, code: 'within-policy' },
  ],
  ['the R2 fedramp jurisdiction needs an attestation', ADQ, { provider: 'r2', r2Jurisdiction: 'fedramp' }, { allowed: false, code: 'needs-attestation' }],
  [
    'the US without attestation is denied under EEA+adequacy',
    ADQ,
    aws('us-east-1'),
    { allowed: false, code: 'needs-attestation', reason: /Data Privacy Framework.*record an attestation for US/ },
  ],
  [
    'the US with attestation is allowed under EEA+adequacy',
    ADQ_US,
    aws('us-east-1'),
    { allowed: true, code: 'within-policy-attested', reason: /attestation: "EU-US DPF certification of the provider \(US\)"\.$/ },
  ],
  ['the US is never allowed for the EU, attestation or not', EU_US, aws('us-east-1'), { allowed: false, code: 'outside-policy' }],
  ['the US on a list without attestation is denied', DE_US, aws('us-west-2'), { allowed: false, code: 'needs-attestation' }],
  ['the US on a list with attestation is allowed', DE_US_ATT, aws('us-west-2'), { allowed: true, code: 'within-policy-attested' }],
  [
    'an attestation does not add the US to a list',
    DE_ONLY_US_ATT,
    aws('us-west-2'),
    { allowed: false, code: 'outside-policy', reason: /not on the client's list/ },
  ],
  ['a US attestation does not cover Canada', ADQ_US, aws('ca-central-1'), { allowed: false, code: 'needs-attestation', reason: /PIPEDA/ }],
  [
    'Japan with its own attestation is allowed',
    { ...ADQ, attestations: [attest('JP')] },
    aws('ap-northeast-1'),
    { allowed: true, code: 'within-policy-attested' },
  ],
  ['Brazil (newest decision) is allowed for EEA+adequacy', ADQ, aws('sa-east-1'), { allowed: true, code: 'within-policy' }],
  ['the UAE has no decision', ADQ, aws('me-central-1'), { allowed: false, code: 'outside-policy', reason: /no EU adequacy decision/ }],
  [
    "a listed non-adequate country is the client's call",
    { kind: 'countries', countries: ['AE'] },
    aws('me-central-1'),
    { allowed: true, code: 'within-policy' },
  ],
  ['a custom endpoint with no declared country is denied', EU, { provider: 'custom-s3', region: 'eu-central-1' }, { allowed: false, code: 'unknown-location' }],
  ['a folder with no declared country is denied', EEA_ZONE, { provider: 'folder' }, { allowed: false, code: 'unknown-location', reason: /declare/ }],
  [
    'a declared DE endpoint is allowed, on the declaration',
    EU,
    { provider: 'custom-s3', declaredCountry: 'DE' },
    { allowed: true, code: 'within-policy-declared', reason: /allowed on your declaration: .*cannot verify/ },
  ],
  ['a declared GB WebDAV server is denied for the EU', EU, { provider: 'webdav', declaredCountry: 'GB' }, { allowed: false, code: 'outside-policy' }],
  ['a declared US folder still needs an attestation', DE_US, { provider: 'folder', declaredCountry: 'US' }, { allowed: false, code: 'needs-attestation' }],
  ['unconfirmed Backblaze eu-central-003 is denied', EU, { provider: 'backblaze', region: 'eu-central-003' }, { allowed: false, code: 'unknown-location' }],
  [
    '... and allowed once the user declares NL',
    EU,
    { provider: 'backblaze', region: 'eu-central-003', declaredCountry: 'NL' },
    { allowed: true, code: 'within-policy-declared' },
  ],
  ['Hetzner hel1 (FI) is allowed for the EEA', EEA_ZONE, { provider: 'hetzner', region: 'hel1' }, { allowed: true, code: 'within-policy' }],
  [
    'device-only denies an EU region',
    DEVICE,
    aws('eu-central-1'),
    { allowed: false, code: 'device-only', reason: /device-only, so its data never leaves this device/ },
  ],
  ['device-only denies a declared folder', DEVICE, { provider: 'folder', declaredCountry: 'DE' }, { allowed: false, code: 'device-only' }],
  ['device-only denies the R2 eu jurisdiction', DEVICE, { provider: 'r2', r2Jurisdiction: 'eu' }, { allowed: false, code: 'device-only' }],
];

function expectDecision(result: CheckResult, expected: Expect): void {
  expect({ allowed: result.allowed, code: result.code }).toEqual({ allowed: expected.allowed, code: expected.code });
  if (expected.reason) expect(result.reason).toMatch(expected.reason);
  expect(result.reason).not.toMatch(/undefined|\[object/);
  // The audit half must be loggable as is: ids and codes only.
  expect(auditReasonSchema.safeParse(result.audit).success).toBe(true);
  expect(JSON.stringify(result.audit)).not.toContain('Acme');
}

describe('check over targets', () => {
  it.each(rows)('%s', (_name, policy, target, expected) => {
    expectDecision(check(policy, resolveLocation(target), 'sync-upload', 'Acme', ctx), expected);
  });

  it.each<Operation>(['sync-upload', 'bundle-export', 'bundle-import', 'request'])('device-only denies %s, and the reason names the operation', (op) => {
    const result = check(DEVICE, resolveLocation({ provider: 'webdav', declaredCountry: 'DE' }), op, 'Acme', ctx);
    expect(result.allowed).toBe(false);
    expect(result.reason).toMatch(
      { 'sync-upload': /^Sync upload/, 'bundle-export': /^Bundle export/, 'bundle-import': /^Bundle import/, request: /^Request/ }[op],
    );
  });

  it('drops an adequacy decision after its end date (GB ends 2031-12-27)', () => {
    const london = resolveLocation(aws('eu-west-2'));
    expect(check(ADQ, london, 'request', 'Acme', { now: Date.UTC(2031, 11, 27, 23) }).allowed).toBe(true);
    const after = check(ADQ, london, 'request', 'Acme', { now: Date.UTC(2031, 11, 28) });
    expect(after).toMatchObject({ allowed: false, code: 'outside-policy' });
    expect(after.reason).toMatch(/not in force/);
  });
});

describe('check over the whole region table', () => {
  const data = builtInLocalityData();
  const regions = data.regions.providers.flatMap((p) => p.regions.filter((r) => r.confidence === 'confirmed').map((r) => ({ provider: p.id, ...r })));
  const zones: [ResidencyPolicy, readonly string[]][] = [
    [EU, EU27],
    [EEA_ZONE, EEA],
    [ADQ, [...EEA, ...FULL_ADEQUACY]],
  ];
  it.each(zones)('%j allows exactly the regions in its countries', (policy, allowedCountries) => {
    expect(regions.length).toBe(60);
    for (const r of regions) {
      const result = check(policy, resolveLocation({ provider: r.provider, region: r.code }, data), 'sync-upload', 'Acme', { data, now: NOW });
      expect(result.allowed, `${r.provider} ${r.code} (${r.country})`).toBe(allowedCountries.includes(r.country));
    }
  });
});

describe('check refuses what it does not understand', () => {
  const frankfurt = resolveLocation(aws('eu-central-1'));
  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'EU'],
    ['an empty object', {}],
    ['an unknown zone', { kind: 'zone', zone: 'Europe' }],
    ['an empty country list', { kind: 'countries', countries: [] }],
    ['EL for Greece', { kind: 'countries', countries: ['EL'] }],
    ['an extra field', { kind: 'zone', zone: 'EU', override: true }],
    ['device-only with a zone', { kind: 'device-only', zone: 'EU' }],
    ['an attestation without basis', { kind: 'zone', zone: 'EEA+adequacy', attestations: [{ country: 'US', basis: ' ', recordedAt: 1 }] }],
  ])('a malformed policy (%s) is denied', (_name, policy) => {
    const result = check(policy, frankfurt, 'sync-upload', 'Acme', ctx);
    expect(result).toMatchObject({ allowed: false, code: 'invalid-policy' });
    expect(result.reason).toMatch(/client Acme has no readable residency policy/);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a region guarantee with no country', { guarantee: 'region', description: 'somewhere' }],
    ['a made-up guarantee', { country: 'DE', guarantee: 'promised', description: 'x' }],
    ['a country and a zone', { country: 'DE', zone: 'EU', guarantee: 'jurisdiction', description: 'x' }],
    ['a zone on a region', { zone: 'EU', guarantee: 'region', description: 'x' }],
    ['a bad country', { country: 'EL', guarantee: 'region', description: 'x' }],
  ])('a malformed location (%s) is denied', (_name, location) => {
    expect(check(EU, location, 'sync-upload', 'Acme', ctx)).toMatchObject({ allowed: false, code: 'invalid-location' });
  });

  it.each([['upload'], [undefined], [42]])('an unknown operation (%j) is denied', (op) => {
    expect(check(EU, frankfurt, op, 'Acme', ctx)).toMatchObject({ allowed: false, code: 'invalid-operation' });
  });

  it('denies instead of throwing on a hostile input', () => {
    const hostile = new Proxy(
      {},
      {
        get: () => {
          throw new Error('boom');
        },
        has: () => {
          throw new Error('boom');
        },
        ownKeys: () => {
          throw new Error('boom');
        },
      },
    );
    expect(check(hostile, frankfurt, 'sync-upload', 'Acme', ctx)).toMatchObject({ allowed: false });
    expect(check(EU, hostile, 'sync-upload', 'Acme', ctx)).toMatchObject({ allowed: false });
  });

  it('names an unlabelled client "this client"', () => {
    expect(check(DEVICE, frankfurt, 'request', undefined, ctx).reason).toMatch(/this client is device-only/);
  });

  it('never throws, and allows only a readable policy with a guaranteed or declared location', () => {
    const policy = fc.oneof(fc.anything(), fc.constantFrom<unknown>(EU, EEA_ZONE, ADQ, ADQ_US, DE_US_ATT, DEVICE));
    const location = fc.oneof(
      fc.anything(),
      fc.record(
        {
          country: fc.option(fc.constantFrom('DE', 'GB', 'US', 'EL', 'CN'), { nil: undefined }),
          zone: fc.option(fc.constant('EU'), { nil: undefined }),
          guarantee: fc.constantFrom('jurisdiction', 'region', 'declared', 'best-effort', 'unknown', 'sure'),
          description: fc.string({ minLength: 1 }),
        },
        { requiredKeys: ['guarantee', 'description'] },
      ),
    );
    fc.assert(
      fc.property(policy, location, fc.constantFrom<unknown>('sync-upload', 'bundle-export', 'request', 'other'), (p, l, op) => {
        const result = check(p, l, op, 'Acme', ctx);
        expect(typeof result.reason).toBe('string');
        if (result.allowed) {
          const g = (l as { guarantee: string }).guarantee;
          expect(['jurisdiction', 'region', 'declared']).toContain(g);
          expect((p as ResidencyPolicy).kind).not.toBe('device-only');
        }
      }),
      { numRuns: 500 },
    );
  });
});
