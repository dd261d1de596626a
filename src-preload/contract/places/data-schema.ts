/**
 * The shape of a locality data file (`data/zones.json`, `data/regions.json`).
 * The built-in files and any file a user imports later go through these very
 * schemas (in main, and in the renderer for the shipped zones it reads), so a
 * typo in shipped data fails a unit test instead of quietly widening what the
 * guard allows. Objects are strict: an unknown key is more
 * likely a misspelt field than a feature, and a real format change bumps
 * `schemaVersion`.
 */
import { z } from 'zod';
import { countryCodeSchema } from './country-codes.ts';

/** The one schema version this build understands. */
export const LOCALITY_SCHEMA_VERSION = 1;

export const ZONES_KIND = 'caravan.locality.zones';
export const REGIONS_KIND = 'caravan.locality.regions';

/** Providers whose (provider, region) pairs the region table can place. */
export const TABLE_PROVIDERS = ['aws', 'wasabi', 'hetzner', 'scaleway', 'backblaze', 'r2'] as const;
export type TableProviderId = (typeof TABLE_PROVIDERS)[number];

function isRealDate(value: string): boolean {
  const [y, m, d = 1] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === (m ?? 1) - 1 && date.getUTCDate() === d;
}

/** `YYYY-MM` or `YYYY-MM-DD`: sources often state only the month, and we do not invent a day. */
export const factDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}(-\d{2})?$/, 'Use a date like 2026-11 or 2026-11-15.')
  .refine(isRealDate, 'Not a real calendar date.');

const sourceIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'A source id is lower-case letters, digits and dashes.');
const codeSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'A region code is lower-case letters, digits and dashes.');
const textSchema = z.string().trim().min(1).max(400);

/** `unconfirmed` marks a fact not confirmed in a primary source; it never turns a deny into an allow. */
export const confidenceSchema = z.enum(['confirmed', 'unconfirmed']).default('confirmed');

const sourceSchema = z.strictObject({
  id: sourceIdSchema,
  title: textSchema,
  url: z.url({ protocol: /^https$/ }).optional(),
});

/** Fields every file starts with; checked first so an old app can say "update Caravan" precisely. */
const headerFields = {
  $comment: z.string().optional(),
  schemaVersion: z.literal(LOCALITY_SCHEMA_VERSION),
  asOf: factDateSchema,
  sources: z.array(sourceSchema).min(1, 'A data file names at least one source.'),
};

/** Every fact says where it comes from and when it was read. */
const provenance = { source: sourceIdSchema, asOf: factDateSchema, notes: z.array(textSchema).optional() };

const membersSchema = z.array(countryCodeSchema).min(1);

const adequacySchema = z.discriminatedUnion('scope', [
  z.strictObject({
    country: countryCodeSchema,
    scope: z.literal('full'),
    since: factDateSchema.optional(),
    /** Last day the decision applies (inclusive, UTC); after it the country no longer counts. */
    validUntil: factDateSchema.optional(),
    confidence: confidenceSchema,
    ...provenance,
  }),
  z.strictObject({
    country: countryCodeSchema,
    scope: z.literal('conditional'),
    /** Who the decision covers; a storage region cannot prove it, so the user records an attestation. */
    scopeText: textSchema,
    since: factDateSchema.optional(),
    validUntil: factDateSchema.optional(),
    confidence: confidenceSchema,
    ...provenance,
  }),
]);

const territorySchema = z.strictObject({
  code: countryCodeSchema,
  partOf: countryCodeSchema,
  inEU: z.boolean(),
  confidence: confidenceSchema,
  ...provenance,
});

type Ctx = z.core.$RefinementCtx<unknown>;

function checkSources(sources: readonly { id: string }[], refs: readonly [string, (string | number)[]][], ctx: Ctx): void {
  const ids = new Set<string>();
  sources.forEach((s, i) => {
    if (ids.has(s.id)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `Source id "${s.id}" appears twice.` });
    ids.add(s.id);
  });
  for (const [ref, path] of refs) {
    if (!ids.has(ref)) ctx.addIssue({ code: 'custom', path, message: `Source "${ref}" is not listed under "sources".` });
  }
}

function checkUnique(values: readonly string[], path: (i: number) => (string | number)[], what: string, ctx: Ctx): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) ctx.addIssue({ code: 'custom', path: path(i), message: `${what} ${v} appears twice.` });
    seen.add(v);
  });
}

export const zonesFileSchema = z
  .strictObject({
    ...headerFields,
    kind: z.literal(ZONES_KIND),
    zones: z.strictObject({
      EU: z.strictObject({ members: membersSchema, ...provenance }),
      EEA: z.strictObject({ includes: z.literal('EU'), members: membersSchema, ...provenance }),
    }),
    adequacy: z.array(adequacySchema),
    territories: z.array(territorySchema),
  })
  .superRefine((file, ctx) => {
    const { EU, EEA } = file.zones;
    checkSources(
      file.sources,
      [
        [EU.source, ['zones', 'EU', 'source']],
        [EEA.source, ['zones', 'EEA', 'source']],
        ...file.adequacy.map((a, i): [string, (string | number)[]] => [a.source, ['adequacy', i, 'source']]),
        ...file.territories.map((t, i): [string, (string | number)[]] => [t.source, ['territories', i, 'source']]),
      ],
      ctx,
    );
    const eea = [...EU.members, ...EEA.members];
    checkUnique(eea, (i) => (i < EU.members.length ? ['zones', 'EU', 'members', i] : ['zones', 'EEA', 'members', i - EU.members.length]), 'Zone member', ctx);
    checkUnique(
      file.adequacy.map((a) => a.country),
      (i) => ['adequacy', i, 'country'],
      'Adequacy country',
      ctx,
    );
    checkUnique(
      file.territories.map((t) => t.code),
      (i) => ['territories', i, 'code'],
      'Territory',
      ctx,
    );
    file.adequacy.forEach((a, i) => {
      // An EEA country needs no adequacy decision; listing one is a data error.
      if (eea.includes(a.country))
        ctx.addIssue({ code: 'custom', path: ['adequacy', i, 'country'], message: `${a.country} is in the EEA and cannot have an adequacy decision.` });
    });
    file.territories.forEach((t, i) => {
      if (EU.members.includes(t.code))
        ctx.addIssue({ code: 'custom', path: ['territories', i, 'code'], message: `${t.code} is an EU member state, not a territory.` });
    });
  });

const regionSchema = z.strictObject({
  code: codeSchema,
  country: countryCodeSchema,
  /** City or area for readable reasons ("London"); display only. */
  place: textSchema.optional(),
  endpointPattern: textSchema.optional(),
  confidence: confidenceSchema,
  notes: z.array(textSchema).optional(),
});

const jurisdictionSchema = z
  .strictObject({ code: codeSchema, country: countryCodeSchema.optional(), zone: z.literal('EU').optional() })
  .refine((j) => (j.country === undefined) !== (j.zone === undefined), 'A jurisdiction names exactly one of country or zone.');

/** A location hint never names a country: it is a performance preference, not a place. */
const locationHintSchema = z.strictObject({ code: codeSchema, label: textSchema, guarantee: z.literal('best-effort') });

const providerSchema = z.strictObject({
  id: z.enum(TABLE_PROVIDERS),
  name: textSchema,
  guarantee: z.enum(['region', 'jurisdiction']),
  endpointPattern: textSchema.optional(),
  regions: z.array(regionSchema),
  jurisdictions: z.array(jurisdictionSchema).optional(),
  locationHints: z.array(locationHintSchema).optional(),
  ...provenance,
});

export const regionsFileSchema = z
  .strictObject({ ...headerFields, kind: z.literal(REGIONS_KIND), providers: z.array(providerSchema).min(1) })
  .superRefine((file, ctx) => {
    checkSources(
      file.sources,
      file.providers.map((p, i) => [p.source, ['providers', i, 'source']]),
      ctx,
    );
    checkUnique(
      file.providers.map((p) => p.id),
      (i) => ['providers', i, 'id'],
      'Provider',
      ctx,
    );
    file.providers.forEach((p, i) => {
      checkUnique(
        p.regions.map((r) => r.code),
        (j) => ['providers', i, 'regions', j, 'code'],
        `${p.id} region`,
        ctx,
      );
      checkUnique(
        (p.jurisdictions ?? []).map((r) => r.code),
        (j) => ['providers', i, 'jurisdictions', j, 'code'],
        `${p.id} jurisdiction`,
        ctx,
      );
      checkUnique(
        (p.locationHints ?? []).map((r) => r.code),
        (j) => ['providers', i, 'locationHints', j, 'code'],
        `${p.id} location hint`,
        ctx,
      );
      if (p.guarantee === 'jurisdiction' && (p.jurisdictions ?? []).length === 0) {
        ctx.addIssue({ code: 'custom', path: ['providers', i, 'jurisdictions'], message: `${p.id} guarantees by jurisdiction but lists none.` });
      }
    });
  });

/** A validated `zones.json`: EU and EEA members, adequacy decisions, territories. */
export type ZonesFile = z.output<typeof zonesFileSchema>;
/** One adequacy decision; `conditional` ones need a recorded attestation to count. */
export type AdequacyEntry = ZonesFile['adequacy'][number];
/** A validated `regions.json`: per-provider region, jurisdiction and location-hint tables. */
export type RegionsFile = z.output<typeof regionsFileSchema>;
/** One provider's tables. */
export type ProviderTable = RegionsFile['providers'][number];
/** One (provider, region) row: the region's country and how sure we are of it. */
export type RegionEntry = ProviderTable['regions'][number];
/** Either kind of locality data file, told apart by `kind`. */
export type LocalityDataFile = ZonesFile | RegionsFile;
