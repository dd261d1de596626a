/**
 * The vocabulary of the locality guard: what a client allows (residency
 * policy), what a target is (provider, region, declaration) and where that
 * puts the data (location, with how strongly it is guaranteed). Each type has a
 * strict zod schema beside it because `check` takes `unknown` and must refuse
 * anything it does not understand.
 */
import { z } from 'zod';
import { isoCountrySchema } from './data-schema.ts';

/** Zones a client may require. `EEA+adequacy` = the EEA plus countries with an EU adequacy decision. */
export type ZoneId = 'EU' | 'EEA' | 'EEA+adequacy';

/**
 * A user's record that a transfer to a conditionally adequate country (today
 * CA, JP, US: the zones data decides which) falls inside the decision's scope,
 * e.g. "EU-US DPF certification of <org>". Country is data-driven rather than
 * the literal union 'US' | 'CA' | 'JP' so a new conditional decision needs no
 * code change; an attestation for a country the data does not list as
 * conditional has no effect.
 */
export interface TransferAttestation {
  /** ISO 3166-1 alpha-2 code of the conditional country. */
  country: string;
  /** What the user checked, in their words (it stays in the policy, never in the audit log). */
  basis: string;
  /** Epoch milliseconds (UTC) when the user recorded it. */
  recordedAt: number;
}

/**
 * Where a client allows its data to be stored.
 * - `device-only`: nothing leaves this device, whatever the target.
 * - `zone`: every country of the zone; conditional adequacy countries only
 *   under `EEA+adequacy` and only with an attestation.
 * - `countries`: exactly these countries (the client's instruction); a
 *   conditional adequacy country on the list still needs an attestation.
 */
export type ResidencyPolicy =
  | { kind: 'device-only' }
  | { kind: 'zone'; zone: ZoneId; attestations?: readonly TransferAttestation[] }
  | { kind: 'countries'; countries: readonly string[]; attestations?: readonly TransferAttestation[] };

/** Every kind of sync or export target Caravan can write to. */
export const PROVIDERS = ['aws', 'wasabi', 'hetzner', 'scaleway', 'backblaze', 'r2', 'minio', 'custom-s3', 'webdav', 'folder'] as const;
export type ProviderId = (typeof PROVIDERS)[number];

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

/** What the user configured for a target; `resolveLocation` turns it into a `Location`. */
export interface TargetLocationInput {
  provider: ProviderId;
  /** The provider's region code (`eu-west-2`, `fsn1`, `fr-par`, `eu-central-003`). */
  region?: string;
  /** Cloudflare R2 jurisdiction of the bucket (`eu`, `fedramp`, `us`); the only R2 setting that counts. */
  r2Jurisdiction?: string;
  /** Cloudflare R2 location hint (`weur`, ...): best effort, never enough on its own. */
  r2LocationHint?: string;
  /** ISO code the user declares for a folder, WebDAV or self-hosted endpoint. */
  declaredCountry?: string;
}

/**
 * How strongly a location is known, strongest first. `jurisdiction` and
 * `region` come from the provider's own guarantee; `declared` is the user's
 * word; `best-effort` and `unknown` are never enough for an egress.
 */
export type Guarantee = 'jurisdiction' | 'region' | 'declared' | 'best-effort' | 'unknown';

/** Where a target keeps data, as far as Caravan can tell. */
export interface Location {
  /** ISO code when the location is one country. */
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

export const zoneIdSchema = z.enum(['EU', 'EEA', 'EEA+adequacy']);
export const providerSchema = z.enum(PROVIDERS);
export const operationSchema = z.enum(['sync-upload', 'bundle-export', 'bundle-import', 'request']);
export const guaranteeSchema = z.enum(['jurisdiction', 'region', 'declared', 'best-effort', 'unknown']);
/** Region, jurisdiction and hint codes: short, lower case, no spaces (so never a name). */
export const locationCodeSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/);

const attestationSchema = z.strictObject({
  country: isoCountrySchema,
  basis: z.string().trim().min(1).max(500),
  recordedAt: z.number().int().positive(),
});

export const residencyPolicySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('device-only') }),
  z.strictObject({ kind: z.literal('zone'), zone: zoneIdSchema, attestations: z.array(attestationSchema).optional() }),
  z.strictObject({
    kind: z.literal('countries'),
    countries: z.array(isoCountrySchema).min(1, 'A country list names at least one country; use device-only for none.'),
    attestations: z.array(attestationSchema).optional(),
  }),
]) satisfies z.ZodType<ResidencyPolicy>;

export const targetLocationInputSchema = z.strictObject({
  provider: providerSchema,
  region: z.string().max(64).optional(),
  r2Jurisdiction: z.string().max(64).optional(),
  r2LocationHint: z.string().max(64).optional(),
  declaredCountry: isoCountrySchema.optional(),
}) satisfies z.ZodType<TargetLocationInput>;

export const locationSchema = z
  .strictObject({
    country: isoCountrySchema.optional(),
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
