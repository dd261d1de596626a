/**
 * Which S3 endpoints are a provider's own for a region, known once for both processes: main
 * resolves a target's location with it (`src-main/locality/resolve-location.ts`: the region counts
 * only through the provider's own endpoint; any other endpoint is a custom one, placed only by the
 * person's declaration), and the add-target form uses it to ask for that declaration. The bytes go
 * where the endpoint points, so a region name next to another endpoint says nothing about where
 * they end up.
 */
import type { ProviderId, TargetLocation } from '../target.ts';

/** A region code as the providers write them. */
export const REGION_CODE = /^[a-z0-9-]{2,40}$/;

/** Providers whose place comes from Caravan's region tables (with their own endpoints). */
export const TABLE_PROVIDERS: readonly ProviderId[] = ['aws', 'wasabi', 'hetzner', 'scaleway', 'backblaze', 'r2'];

/** AWS partitions have their own domains: the European Sovereign Cloud and China. */
function awsDomain(region: string): string {
  return region.startsWith('eusc-') ? 'amazonaws.eu' : region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/**
 * The hosts a provider serves a region's S3 API from, the first being its default (the SDK builds
 * virtual-hosted bucket names on them). Empty for R2 (per account) and self-hosted servers.
 */
export function providerHosts(provider: ProviderId, region: string): string[] {
  switch (provider) {
    case 'aws':
      return [`s3.${region}.${awsDomain(region)}`, `s3.dualstack.${region}.${awsDomain(region)}`];
    case 'wasabi':
      return [`s3.${region}.wasabisys.com`];
    case 'hetzner':
      return [`${region}.your-objectstorage.com`];
    case 'scaleway':
      return [`s3.${region}.scw.cloud`];
    case 'backblaze':
      return [`s3.${region}.backblazeb2.com`];
    default:
      return [];
  }
}

/** `<32 hex account>.r2.cloudflarestorage.com`, or with a jurisdiction: `<account>.eu.r2.cloudflarestorage.com`. */
const R2_HOST = /^[0-9a-f]{32}(?:\.([a-z0-9-]{1,20}))?\.r2\.cloudflarestorage\.com$/;

/**
 * Whether `endpoint` is the provider's own endpoint for the location's region (for R2: an account
 * endpoint of exactly the location's jurisdiction, `.eu.` for `eu`, none without one). Only https
 * on the default port, with no path, qualifies. False for self-hosted providers.
 */
export function isProviderEndpoint(location: TargetLocation, endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.port !== '' || url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== ''))
    return false;
  const host = url.hostname.toLowerCase();
  if (location.provider === 'r2') {
    const match = R2_HOST.exec(host);
    const jurisdiction = location.r2Jurisdiction?.trim().toLowerCase() || undefined;
    return match !== null && match[1] === jurisdiction;
  }
  const region = location.region?.trim().toLowerCase() ?? '';
  return REGION_CODE.test(region) && providerHosts(location.provider, region).includes(host);
}

/** Whether a target with this endpoint is reached through a custom endpoint (one only the person's declaration places). */
export function isCustomEndpoint(location: TargetLocation, endpoint: string | undefined): boolean {
  return TABLE_PROVIDERS.includes(location.provider) && endpoint !== undefined && !isProviderEndpoint(location, endpoint);
}
