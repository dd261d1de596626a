/**
 * Main's own vocabulary of the locality guard, beside the contract's: the
 * policy, the target location and the guarantee levels are declared once in
 * `src-preload/contract/` (`residency.ts`, `target.ts`); here are what only
 * main needs: where a location resolved to (with the ids the audit log
 * records), the operations the guard decides on, and how providers are named
 * in reasons. Each type has a strict zod schema beside it because `check`
 * takes `unknown` and must refuse anything it does not understand.
 */
import { z } from 'zod';
import { countryCodeSchema } from '../../src-preload/contract/places/country-codes.ts';
import type { ResidencyPolicy } from '../../src-preload/contract/residency.ts';
import { guaranteeSchema, providerSchema, type Guarantee, type ProviderId } from '../../src-preload/contract/target.ts';

/** How each target kind is named in reasons and in the audit view. */
export const PROVIDER_NAMES: Readonly<Record<ProviderId, string>> = {
  aws: 'AWS',
  wasabi: 'Wasabi',
  hetzner: 'Hetzner Object Storage',
  scaleway: 'Scaleway',
  backblaze: 'Backblaze B2',
  r2: 'Cloudflare R2',
  minio: 'MinIO server',
  'custom-s3': 'S3-compatible endpoint',
  webdav: 'WebDAV server',
  folder: 'folder',
};

/** Where a target keeps data, as far as Caravan can tell. */
export interface Location {
  /** Country code when the location is one country. */
  country?: string;
  /** Set instead of `country` when only the zone is guaranteed (R2 `eu` jurisdiction: somewhere in the EU). */
  zone?: 'EU';
  guarantee: Guarantee;
  /**
   * A clause for people, without a final period, that `check` joins into its
   * reason: "AWS eu-west-2 is London, GB", "this folder has no declared country".
   */
  description: string;
  /** The provider and the code (region, jurisdiction or hint) it was resolved from; ids for the audit log. */
  provider?: ProviderId;
  code?: string;
}

/** What is about to leave the device. */
export type Operation = 'sync-upload' | 'bundle-export' | 'bundle-import' | 'request';

export const operationSchema = z.enum(['sync-upload', 'bundle-export', 'bundle-import', 'request']);
/** Region, jurisdiction and hint codes: short, lower case, no spaces (so never a name). */
export const locationCodeSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);

export const locationSchema = z
  .strictObject({
    country: countryCodeSchema.optional(),
    zone: z.literal('EU').optional(),
    guarantee: guaranteeSchema,
    description: z.string().min(1).max(500),
    provider: providerSchema.optional(),
    code: locationCodeSchema.optional(),
  })
  .refine((l) => !(l.country !== undefined && l.zone !== undefined), 'A location is one country or one zone, not both.')
  .refine(
    (l) => !['jurisdiction', 'region', 'declared'].includes(l.guarantee) || l.country !== undefined || (l.guarantee === 'jurisdiction' && l.zone !== undefined),
    'A guaranteed or declared location names its country (a jurisdiction may name the EU instead).',
  ) satisfies z.ZodType<Location>;

/** A short code for a policy, for audit params: `device-only`, `zone:EEA`, `countries:DE,FR`. */
export function policySummary(policy: ResidencyPolicy): string {
  if (policy.kind === 'device-only') return 'device-only';
  if (policy.kind === 'zone') return `zone:${policy.zone}`;
  return `countries:${[...policy.countries].sort().join(',')}`;
}
