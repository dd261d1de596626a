/**
 * Sync and export targets as they cross the boundary: what the person fills in to add one (the
 * add-target form sends exactly this), and what main says of it (where it keeps data, what it holds).
 */
import { z } from 'zod';
import { countryCodeSchema } from './places/country-codes.ts';

/** Every kind of storage Caravan can write to, by provider. */
export const PROVIDERS = ['aws', 'wasabi', 'hetzner', 'scaleway', 'backblaze', 'r2', 'minio', 'custom-s3', 'webdav', 'folder'] as const;
export const providerSchema = z.enum(PROVIDERS);
export type ProviderId = z.infer<typeof providerSchema>;

export const TARGET_KINDS = ['folder', 'webdav', 's3'] as const;
export const targetKindSchema = z.enum(TARGET_KINDS);
export type TargetKind = z.infer<typeof targetKindSchema>;

const S3_PROVIDERS: readonly ProviderId[] = ['aws', 'wasabi', 'hetzner', 'scaleway', 'backblaze', 'r2', 'minio', 'custom-s3'];

/** Which providers each kind of target may name: a folder is never "AWS". */
export function providersFor(kind: TargetKind): readonly ProviderId[] {
  return kind === 'folder' ? ['folder'] : kind === 'webdav' ? ['webdav'] : S3_PROVIDERS;
}

/** What the person configured for where a target keeps data; main's resolver turns it into a place. */
export const targetLocationSchema = z.strictObject({
  provider: providerSchema,
  /** The provider's region code (`eu-west-2`, `fsn1`, `fr-par`, `eu-central-003`). */
  region: z.string().max(64).optional(),
  /** Cloudflare R2 jurisdiction of the bucket (`eu`, `fedramp`, `us`); the only R2 setting that counts. */
  r2Jurisdiction: z.string().max(64).optional(),
  /** Cloudflare R2 location hint (`weur`, ...): best effort, never enough on its own. */
  r2LocationHint: z.string().max(64).optional(),
  /** The country the person declares for a folder, WebDAV or self-hosted endpoint. */
  declaredCountry: countryCodeSchema.optional(),
});
export type TargetLocation = z.infer<typeof targetLocationSchema>;

function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

/** https anywhere; plain http only to this machine (a local MinIO, rclone or test server). */
export const endpointSchema = z
  .string()
  .max(500)
  .refine((raw) => {
    try {
      const url = new URL(raw);
      return (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'must be an https:// address (http:// only for this machine), without a user name or password in it');

/** The person's name for a target ("Hetzner bucket", "NAS at home"): one line, trimmed on the way in. */
export const targetLabelSchema = z
  .string()
  .trim()
  .min(1, 'needs a name')
  .max(80)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'must be one line of text');

/**
 * A folder the person chose in main's own picker (`files:chooseFolder`), as main's opaque handle:
 * the renderer never names a folder by its path.
 */
export const folderHandleSchema = z
  .string()
  .length(32, 'must be a folder chosen with Choose…')
  .regex(/^[0-9a-f]{32}$/, 'must be a folder chosen with Choose…');

/** What every target has, whoever names its folder. */
export const targetShape = {
  label: targetLabelSchema,
  kind: targetKindSchema,
  location: targetLocationSchema,
  /** WebDAV URL or S3 endpoint. */
  endpoint: endpointSchema.optional(),
  bucket: z
    .string()
    .max(63, 'must be a bucket name (3-63 lower-case letters, digits, dots or dashes)')
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name (3-63 lower-case letters, digits, dots or dashes)')
    .optional(),
};

/** What each kind of target needs to be reached; `hasFolder` says whether the folder is given. */
export function refineTarget(
  t: { kind: TargetKind; location: TargetLocation; endpoint?: string | undefined; bucket?: string | undefined },
  hasFolder: boolean,
  ctx: z.RefinementCtx,
  folderField: string,
): void {
  if (!providersFor(t.kind).includes(t.location.provider)) {
    ctx.addIssue({ code: 'custom', path: ['location', 'provider'], message: `a ${t.kind} target cannot be ${t.location.provider}` });
  }
  if (t.kind === 'folder' && !hasFolder) ctx.addIssue({ code: 'custom', path: [folderField], message: 'a folder target needs its folder (Choose…)' });
  if (t.kind !== 'folder' && hasFolder) ctx.addIssue({ code: 'custom', path: [folderField], message: `a ${t.kind} target has no folder` });
  if (t.kind === 'webdav' && !t.endpoint) ctx.addIssue({ code: 'custom', path: ['endpoint'], message: 'a WebDAV target needs its URL' });
  if (t.kind === 's3' && !t.bucket) ctx.addIssue({ code: 'custom', path: ['bucket'], message: 'an S3 target needs a bucket' });
  if (t.kind === 's3' && ['minio', 'custom-s3', 'r2'].includes(t.location.provider) && !t.endpoint) {
    ctx.addIssue({
      code: 'custom',
      path: ['endpoint'],
      message: t.location.provider === 'r2' ? 'a Cloudflare R2 target needs its account endpoint' : 'a self-hosted S3 target needs its endpoint',
    });
  }
}

/** A target to add: each kind with what it needs to be reached; a folder by the handle main's picker gave. */
export const newTargetSchema = z
  .strictObject({ ...targetShape, folder: folderHandleSchema.optional() })
  .superRefine((t, ctx) => refineTarget(t, t.folder !== undefined, ctx, 'folder'));
/** A target as main keeps it (label trimmed). */
export type NewTarget = z.output<typeof newTargetSchema>;
/** A target as the add-target form sends it. */
export type NewTargetInput = z.input<typeof newTargetSchema>;

/**
 * How strongly a location is known, strongest first. `jurisdiction` and `region` come from the
 * provider's own guarantee; `declared` is the person's word; `best-effort` and `unknown` are never
 * enough for an egress.
 */
export const guaranteeSchema = z.enum(['jurisdiction', 'region', 'declared', 'best-effort', 'unknown']);
export type Guarantee = z.infer<typeof guaranteeSchema>;

/** Where a target keeps data as far as Caravan can tell, in words and as codes. */
export const resolvedLocationSchema = z.strictObject({
  description: z.string(),
  guarantee: guaranteeSchema,
  country: z.string().optional(),
  /** Set instead of `country` when only the zone is guaranteed (R2 `eu` jurisdiction). */
  zone: z.literal('EU').optional(),
});
export type ResolvedLocation = z.infer<typeof resolvedLocationSchema>;

export const targetViewSchema = z.strictObject({
  ...targetShape,
  /** A folder target's folder, as main resolved it when the person chose it (for display). */
  path: z.string().optional(),
  label: z.string(),
  id: z.string(),
  createdAt: z.number(),
  resolved: resolvedLocationSchema,
  /** Partitions (client ids or `workspace`) with data on this target. */
  holds: z.array(z.string()),
});
export type TargetView = z.infer<typeof targetViewSchema>;

export const targetListSchema = z.strictObject({
  targets: z.array(targetViewSchema),
  /** Said when the saved list could not be read. */
  problem: z.string().optional(),
});
export type TargetList = z.infer<typeof targetListSchema>;

/** Regions the pickers offer, from the data in use. */
export const regionChoicesSchema = z.strictObject({
  providers: z.array(
    z.strictObject({
      id: providerSchema,
      name: z.string(),
      regions: z.array(z.strictObject({ code: z.string(), place: z.string().optional(), country: z.string(), confirmed: z.boolean() })),
    }),
  ),
  r2Jurisdictions: z.array(z.strictObject({ code: z.string(), label: z.string() })),
  r2LocationHints: z.array(z.strictObject({ code: z.string(), label: z.string() })),
});
export type RegionChoices = z.infer<typeof regionChoicesSchema>;
