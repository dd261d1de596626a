/**
 * A provider's region counts only through that provider's own endpoint for it: AWS
 * `s3.<region>.amazonaws.com` (and dualstack, the European Sovereign Cloud's `.amazonaws.eu`, China's
 * `.amazonaws.com.cn`), Wasabi, Hetzner `<location>.your-objectstorage.com`, Scaleway, Backblaze, and
 * R2 `<account>.r2.cloudflarestorage.com` with exactly the jurisdiction's label (`.eu.`). Anything
 * else is a custom endpoint.
 */
import { describe, expect, it } from 'vitest';
import { isCustomEndpoint, isProviderEndpoint } from '../../../../../src-preload/contract/places/provider-endpoints.ts';
import type { TargetLocation } from '../../../../../src-preload/contract/target.ts';

const ACCOUNT = '0123456789abcdef0123456789abcdef';

describe('isProviderEndpoint', () => {
  it.each<[TargetLocation, string]>([
    [{ provider: 'aws', region: 'eu-central-1' }, 'https://s3.eu-central-1.amazonaws.com'],
    [{ provider: 'aws', region: 'eu-central-1' }, 'https://s3.dualstack.eu-central-1.amazonaws.com/'],
    [{ provider: 'aws', region: ' EU-Central-1 ' }, 'https://S3.EU-CENTRAL-1.amazonaws.com'],
    [{ provider: 'aws', region: 'eusc-de-east-1' }, 'https://s3.eusc-de-east-1.amazonaws.eu'],
    [{ provider: 'aws', region: 'cn-north-1' }, 'https://s3.cn-north-1.amazonaws.com.cn'],
    [{ provider: 'wasabi', region: 'eu-central-1' }, 'https://s3.eu-central-1.wasabisys.com'],
    [{ provider: 'hetzner', region: 'fsn1' }, 'https://fsn1.your-objectstorage.com'],
    [{ provider: 'scaleway', region: 'fr-par' }, 'https://s3.fr-par.scw.cloud'],
    [{ provider: 'backblaze', region: 'eu-central-003' }, 'https://s3.eu-central-003.backblazeb2.com'],
    [{ provider: 'r2', r2Jurisdiction: 'eu' }, `https://${ACCOUNT}.eu.r2.cloudflarestorage.com`],
    [{ provider: 'r2', r2Jurisdiction: 'fedramp' }, `https://${ACCOUNT}.fedramp.r2.cloudflarestorage.com`],
    [{ provider: 'r2' }, `https://${ACCOUNT}.r2.cloudflarestorage.com`],
    [{ provider: 'r2', r2LocationHint: 'weur' }, `https://${ACCOUNT}.r2.cloudflarestorage.com`],
  ])('%j at %s is the provider’s own', (location, endpoint) => {
    expect(isProviderEndpoint(location, endpoint)).toBe(true);
    expect(isCustomEndpoint(location, endpoint)).toBe(false);
  });

  it.each<[string, TargetLocation, string]>([
    ['a loopback server named AWS Frankfurt', { provider: 'aws', region: 'eu-central-1' }, 'http://127.0.0.1:9000'],
    ['another region’s AWS endpoint', { provider: 'aws', region: 'eu-central-1' }, 'https://s3.us-east-1.amazonaws.com'],
    ['a look-alike domain', { provider: 'aws', region: 'eu-central-1' }, 'https://s3.eu-central-1.amazonaws.com.evil.example'],
    ['a subdomain of an attacker before the provider’s host', { provider: 'aws', region: 'eu-central-1' }, 'https://evil.s3.eu-central-1.amazonaws.com'],
    ['the right host on another port', { provider: 'aws', region: 'eu-central-1' }, 'https://s3.eu-central-1.amazonaws.com:8443'],
    ['the right host over http', { provider: 'aws', region: 'eu-central-1' }, 'http://s3.eu-central-1.amazonaws.com'],
    ['the right host with a path', { provider: 'aws', region: 'eu-central-1' }, 'https://s3.eu-central-1.amazonaws.com/proxy'],
    ['AWS without a region', { provider: 'aws' }, 'https://s3.eu-central-1.amazonaws.com'],
    ['Wasabi’s endpoint named AWS', { provider: 'aws', region: 'eu-central-1' }, 'https://s3.eu-central-1.wasabisys.com'],
    ['R2 "eu" at a non-.eu. endpoint', { provider: 'r2', r2Jurisdiction: 'eu' }, `https://${ACCOUNT}.r2.cloudflarestorage.com`],
    ['R2 "eu" at a loopback endpoint', { provider: 'r2', r2Jurisdiction: 'eu' }, 'http://127.0.0.1:9000'],
    ['R2 "eu" at the fedramp endpoint', { provider: 'r2', r2Jurisdiction: 'eu' }, `https://${ACCOUNT}.fedramp.r2.cloudflarestorage.com`],
    ['R2 without a jurisdiction at a .eu. endpoint', { provider: 'r2' }, `https://${ACCOUNT}.eu.r2.cloudflarestorage.com`],
    ['R2 with a short account id', { provider: 'r2', r2Jurisdiction: 'eu' }, 'https://abc.eu.r2.cloudflarestorage.com'],
    ['not a URL', { provider: 'hetzner', region: 'fsn1' }, 'fsn1.your-objectstorage.com'],
  ])('%s is a custom endpoint', (_name, location, endpoint) => {
    expect(isProviderEndpoint(location, endpoint)).toBe(false);
    expect(isCustomEndpoint(location, endpoint)).toBe(true);
  });

  it('a self-hosted server is never a provider’s endpoint, and is not "custom" either: its place is declared anyway', () => {
    expect(isProviderEndpoint({ provider: 'minio', declaredCountry: 'DE' }, 'https://minio.example.org')).toBe(false);
    expect(isCustomEndpoint({ provider: 'minio', declaredCountry: 'DE' }, 'https://minio.example.org')).toBe(false);
    expect(isCustomEndpoint({ provider: 'aws', region: 'eu-central-1' }, undefined)).toBe(false);
  });
});
