/**
 * Default S3 endpoints of the providers Caravan knows, from (provider,
 * region), and the addressing style each expects. The person may type an
 * endpoint instead; only the provider's own for the region lets the region
 * tables place the data (`contract/places/provider-endpoints.ts`), any other
 * is a custom endpoint placed by the person's declaration. A Cloudflare R2
 * bucket always needs one: it carries the account id and the jurisdiction.
 */
import { providerHosts, REGION_CODE as REGION } from '../../src-preload/contract/places/provider-endpoints.ts';
import type { ProviderId } from '../../src-preload/contract/target.ts';

export interface S3Connection {
  endpoint: string;
  /** The region the SDK signs requests for. */
  region: string;
  pathStyle: boolean;
}

function byRegion(provider: ProviderId, region: string): string | null {
  const host = providerHosts(provider, region)[0];
  return host ? `https://${host}` : null;
}

/**
 * Where to connect for a target. Returns a message instead when the settings
 * are not enough (no region for AWS, no endpoint for R2 or a self-hosted server).
 */
export function s3Connection(provider: ProviderId, region: string | undefined, endpoint: string | undefined): S3Connection | { problem: string } {
  const selfHosted = provider === 'minio' || provider === 'custom-s3';
  if (endpoint) {
    // Self-hosted servers and R2 are reached by path; the big providers by virtual host.
    return { endpoint, region: provider === 'r2' ? 'auto' : region && REGION.test(region) ? region : 'us-east-1', pathStyle: selfHosted };
  }
  if (provider === 'r2')
    return { problem: 'A Cloudflare R2 target needs its endpoint (https://<account id>.r2.cloudflarestorage.com, or .eu. for the EU jurisdiction).' };
  if (selfHosted) return { problem: 'A self-hosted S3 target needs its endpoint URL.' };
  if (!region || !REGION.test(region)) return { problem: 'Choose the bucket’s region.' };
  const url = byRegion(provider, region);
  return url ? { endpoint: url, region, pathStyle: false } : { problem: `Caravan has no default endpoint for ${provider}; enter it.` };
}
