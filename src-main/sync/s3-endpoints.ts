/**
 * Default S3 endpoints of the providers Caravan knows, from (provider,
 * region), and the addressing style each expects. The person may always type
 * an endpoint instead (a Cloudflare R2 bucket needs one: it carries the
 * account id). Where data lives is not decided here: the locality guard
 * resolves that from the region tables; this only says where to connect.
 */
import type { ProviderId } from '../../src-preload/contract/target.ts';

export interface S3Connection {
  endpoint: string;
  /** The region the SDK signs requests for. */
  region: string;
  pathStyle: boolean;
}

const REGION = /^[a-z0-9-]{2,40}$/;

function byRegion(provider: ProviderId, region: string): string | null {
  switch (provider) {
    case 'aws':
      // The European Sovereign Cloud is its own partition with its own domain.
      return region.startsWith('eusc-') ? `https://s3.${region}.amazonaws.eu` : `https://s3.${region}.amazonaws.com`;
    case 'hetzner':
      return `https://${region}.your-objectstorage.com`;
    case 'scaleway':
      return `https://s3.${region}.scw.cloud`;
    case 'wasabi':
      return `https://s3.${region}.wasabisys.com`;
    case 'backblaze':
      return `https://s3.${region}.backblazeb2.com`;
    default:
      return null;
  }
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
  if (provider === 'r2') return { problem: 'A Cloudflare R2 target needs its endpoint (https://<account id>.r2.cloudflarestorage.com, or .eu. for the EU jurisdiction).' };
  if (selfHosted) return { problem: 'A self-hosted S3 target needs its endpoint URL.' };
  if (!region || !REGION.test(region)) return { problem: 'Choose the bucket’s region.' };
  const url = byRegion(provider, region);
  return url ? { endpoint: url, region, pathStyle: false } : { problem: `Caravan has no default endpoint for ${provider}; enter it.` };
}
