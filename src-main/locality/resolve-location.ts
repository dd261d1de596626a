/**
 * Where a target keeps data, from (provider, region) and the region tables.
 * The key is always the pair: Wasabi eu-central-1 is Amsterdam, AWS
 * eu-central-1 is Frankfurt, and an `eu-` prefix proves nothing. Anything the
 * tables cannot place comes back as `unknown`, which the check denies.
 *
 * The location is where the bytes go, and they go to the endpoint: a
 * provider's region counts only with that provider's own endpoint for it
 * (`contract/places/provider-endpoints.ts`). Any other endpoint is a custom one, placed only by
 * the person's declaration, like a self-hosted server.
 */
import type { TableProviderId } from '../../src-preload/contract/places/data-schema.ts';
import { isCustomEndpoint } from '../../src-preload/contract/places/provider-endpoints.ts';
import { builtInLocalityData, countryName, providerTable, type LocalityData } from './locality-data.ts';
import { PROVIDER_NAMES, type Location } from './policy.ts';
import { targetLocationSchema, type TargetLocation } from '../../src-preload/contract/target.ts';

/** "London, GB", or "GB (United Kingdom)" when the table names no place. */
function where(country: string, place?: string): string {
  return place ? `${place}, ${country}` : `${country} (${countryName(country)})`;
}

function normaliseCode(raw: string | undefined): string | undefined {
  const code = raw?.trim().toLowerCase();
  return code ? code : undefined;
}

/** Folders, WebDAV and self-hosted S3: the only source of a location is the user's declaration. */
function resolveDeclared(target: TargetLocation): Location {
  // Declared targets are self-hosted or local: "this WebDAV server" reads better than a brand.
  const name = `this ${PROVIDER_NAMES[target.provider]}`;
  if (target.declaredCountry) {
    const c = target.declaredCountry;
    return {
      country: c,
      guarantee: 'declared',
      description: `${name} is in ${c} (${countryName(c)}) by your declaration; Caravan cannot verify it`,
      provider: target.provider,
    };
  }
  const why = target.provider === 'folder' ? ' (a folder that Dropbox, iCloud or another service syncs is not provably local)' : '';
  return {
    guarantee: 'unknown',
    description: `${name} has no declared country${why}; declare where it stores data`,
    provider: target.provider,
  };
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host || 'an address';
  } catch {
    return 'an address Caravan cannot read';
  }
}

/** A provider's region or jurisdiction reached through an endpoint that is not the provider's own for it. */
function resolveCustomEndpoint(target: TargetLocation, endpoint: string): Location {
  const provider = PROVIDER_NAMES[target.provider];
  const code = target.provider === 'r2' ? normaliseCode(target.r2Jurisdiction) : normaliseCode(target.region);
  const what = target.provider === 'r2' ? `${provider}${code ? ` jurisdiction ${code}` : ''}` : `${provider}${code ? ` ${code}` : ''}`;
  const via = `${what} through the custom endpoint ${hostOf(endpoint)}`;
  // Recorded as a custom S3 endpoint: the audit log must not say "AWS" of bytes that went elsewhere.
  if (target.declaredCountry) {
    const c = target.declaredCountry;
    return {
      country: c,
      guarantee: 'declared',
      description: `${via} is in ${c} (${countryName(c)}) by your declaration; Caravan cannot verify it`,
      provider: 'custom-s3',
    };
  }
  return {
    guarantee: 'unknown',
    description: `${via} is not ${provider}'s own endpoint${code ? ` for ${code}` : ''}, so that says nothing about where the data goes; declare the country it stores data in, or leave the endpoint empty`,
    provider: 'custom-s3',
  };
}

function resolveR2(target: TargetLocation, data: LocalityData): Location {
  const table = providerTable(data, 'r2');
  const jurisdiction = normaliseCode(target.r2Jurisdiction);
  const hint = normaliseCode(target.r2LocationHint);
  // A declared country is ignored on purpose: it would let a best-effort hint pass as a place.
  if (jurisdiction !== undefined) {
    const row = table?.jurisdictions?.find((j) => j.code === jurisdiction);
    if (!row) {
      return {
        guarantee: 'unknown',
        description: `Cloudflare R2 jurisdiction "${jurisdiction}" is not in Caravan's table (as of ${data.regions.asOf})`,
        provider: 'r2',
      };
    }
    if (row.zone) {
      return {
        zone: row.zone,
        guarantee: 'jurisdiction',
        description: `Cloudflare R2 jurisdiction ${row.code} keeps data in the EU (country not fixed)`,
        provider: 'r2',
        code: row.code,
      };
    }
    const c = row.country ?? '';
    return {
      country: c,
      guarantee: 'jurisdiction',
      description: `Cloudflare R2 jurisdiction ${row.code} keeps data in ${where(c)}`,
      provider: 'r2',
      code: row.code,
    };
  }
  if (hint !== undefined) {
    const row = table?.locationHints?.find((h) => h.code === hint);
    const label = row ? ` (${row.label})` : '';
    return {
      guarantee: 'best-effort',
      description: `Cloudflare R2 location hint ${hint}${label} is best effort and guarantees no country; only a bucket created in a jurisdiction counts`,
      provider: 'r2',
      ...(row ? { code: row.code } : {}),
    };
  }
  return {
    guarantee: 'unknown',
    description: 'Cloudflare R2 bucket has no jurisdiction, so Cloudflare places it where it likes',
    provider: 'r2',
  };
}

function resolveRegion(provider: Exclude<TableProviderId, 'r2'>, target: TargetLocation, data: LocalityData): Location {
  const table = providerTable(data, provider);
  const name = table?.name ?? PROVIDER_NAMES[provider];
  const code = normaliseCode(target.region);
  if (code === undefined) {
    return { guarantee: 'unknown', description: `${name} target has no region set`, provider };
  }
  const row = table?.regions.find((r) => r.code === code);
  if (!row) {
    return {
      guarantee: 'unknown',
      description: `${name} region "${code}" is not in Caravan's region table (as of ${data.regions.asOf}); update the locality data or pick a listed region`,
      provider,
    };
  }
  const place = where(row.country, row.place);
  if (row.confidence === 'unconfirmed') {
    // Not confirmed in a primary source: counts only when the user vouches for the same country.
    if (target.declaredCountry === row.country) {
      return {
        country: row.country,
        guarantee: 'declared',
        description: `${name} ${code} is ${place} by your declaration (Caravan's table agrees but is unconfirmed)`,
        provider,
        code,
      };
    }
    const conflict = target.declaredCountry ? `, and you declared ${target.declaredCountry}` : '';
    return {
      guarantee: 'unknown',
      description: `${name} ${code} is probably ${place}, but that is not confirmed${conflict}; declare the country to use it`,
      provider,
      code,
    };
  }
  // The provider's region is authoritative; a contradicting declaration is a user mistake, not a place.
  const ignored = target.declaredCountry && target.declaredCountry !== row.country ? ` (your declaration of ${target.declaredCountry} is ignored)` : '';
  return { country: row.country, guarantee: 'region', description: `${name} ${code} is ${place}${ignored}`, provider, code };
}

/**
 * Resolves a configured target to a `Location`. Total: input it cannot read
 * resolves to `unknown`, never to a guess. `endpoint` is where the target's
 * requests go (absent: the provider's default for the region).
 */
export function resolveLocation(target: unknown, data: LocalityData = builtInLocalityData(), endpoint?: string): Location {
  const parsed = targetLocationSchema.safeParse(target);
  if (!parsed.success) {
    return { guarantee: 'unknown', description: "The target's location settings could not be read" };
  }
  const t = parsed.data;
  if (isCustomEndpoint(t, endpoint)) return resolveCustomEndpoint(t, endpoint ?? '');
  switch (t.provider) {
    case 'r2':
      return resolveR2(t, data);
    case 'aws':
    case 'wasabi':
    case 'hetzner':
    case 'scaleway':
    case 'backblaze':
      return resolveRegion(t.provider, t, data);
    case 'minio':
    case 'custom-s3':
    case 'webdav':
    case 'folder':
      return resolveDeclared(t);
  }
}

/** Where a configured target keeps data: its location settings and the endpoint its bytes go to. */
export function locationOf(target: { location: unknown; endpoint?: string | undefined }, data: LocalityData = builtInLocalityData()): Location {
  return resolveLocation(target.location, data, target.endpoint);
}
