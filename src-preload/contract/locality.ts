/**
 * The locality guard's channels: policies by client id (never a name), targets and where they
 * keep data, travel mode, the audit log and the locality data in use.
 */
import { z } from 'zod';
import { auditAnchorSchema, auditLinesSchema, auditNamesSchema, auditReportSchema, openedAuditLineSchema } from './audit.ts';
import { countryCodeSchema } from './places/country-codes.ts';
import { clientPolicySchema, residencyPolicySchema } from './residency.ts';
import { key32Base64Schema, labelForReasonSchema, MAX_CLIENTS, noArgs, recordIdSchema, targetIdSchema, vaultIdSchema, type InvokeMap } from './spec.ts';
import { newTargetSchema, regionChoicesSchema, resolvedLocationSchema, targetListSchema, targetLocationSchema, targetViewSchema } from './target.ts';

/** What `locality:open` could not take: clients held back (nothing of them leaves), each with why. */
export const localityOpenedSchema = z.strictObject({
  heldBack: z.array(z.strictObject({ clientId: z.string(), problem: z.string() })),
});
export type LocalityOpened = z.infer<typeof localityOpenedSchema>;

/** One decision of the guard, for a person. */
export const placementDecisionSchema = z.strictObject({
  targetId: z.string(),
  allowed: z.boolean(),
  code: z.string(),
  reason: z.string(),
  /** The target already holds this client's data. */
  holds: z.boolean(),
});
export type PlacementDecision = z.infer<typeof placementDecisionSchema>;

/** "Where is my data" for one client. */
export const clientPlacementSchema = z.strictObject({
  clientId: z.string(),
  /** False when main has no policy for this client (the vault is not open, the client is new, or its policy could not be read): nothing is sent. */
  known: z.boolean(),
  decisions: z.array(placementDecisionSchema),
});
export type ClientPlacement = z.infer<typeof clientPlacementSchema>;

export const policyPreviewSchema = z.strictObject({
  /** `new`: the client had no policy yet. `weaker` needs the person's explicit confirmation. */
  change: z.enum(['new', 'same', 'stronger', 'weaker']),
  /** Countries the new policy opens, and those it closes. */
  added: z.array(z.string()),
  removed: z.array(z.string()),
  /** Targets that hold this client's data and that the new policy no longer allows. */
  heldOnDisallowed: z.array(z.string()),
});
export type PolicyPreview = z.infer<typeof policyPreviewSchema>;

export const localityDataPartSchema = z.strictObject({
  asOf: z.string(),
  sources: z.array(z.strictObject({ title: z.string(), url: z.string().optional() })),
  imported: z.boolean(),
});
export type LocalityDataPart = z.infer<typeof localityDataPartSchema>;

/** The locality data in use: as-of dates and sources of the zones and regions files. */
export const localityDataSummarySchema = z.strictObject({
  zones: localityDataPartSchema,
  regions: localityDataPartSchema,
  problem: z.string().optional(),
});
export type LocalityDataSummary = z.infer<typeof localityDataSummarySchema>;

/** Lists of clients: see MAX_CLIENTS for why this many. */
const manyIds = MAX_CLIENTS;
/**
 * Opened audit lines in one verification. The log grows by an entry per policy change, target
 * change and changed decision; an opened entry is ~0.3 kB, so 250 000 of them (years of use, or
 * a target added for 5 000 clients 50 times) is ~80 MB, what one IPC message may carry.
 */
export const MAX_AUDIT_LINES = 250_000;
/** A zones or regions file: the shipped ones are 4.8 and 8.9 kB; 1 MiB is a hundred times that. */
export const MAX_LOCALITY_DATA_CHARS = 1024 * 1024;

export const localityInvoke = {
  /**
   * The vault was unlocked: main opens its audit log (sealed to the vault's audit public key) and
   * learns each client's policy by id. A policy main cannot read holds back that client only; the
   * answer names it.
   */
  'locality:open': {
    args: z.tuple([vaultIdSchema, key32Base64Schema, z.array(clientPolicySchema).max(manyIds)]),
    result: localityOpenedSchema,
  },
  /** The vault was locked: main forgets the policies; nothing of any client may leave. */
  'locality:close': { args: noArgs, result: z.void() },
  /** What a policy change would do (weaker, stronger; targets holding data it no longer allows), before it is saved. */
  'locality:previewPolicy': { args: z.tuple([recordIdSchema, residencyPolicySchema]), result: policyPreviewSchema },
  /** Applies and audits a client's policy; a weakening is refused ('refused') unless confirmed. */
  'locality:setPolicy': { args: z.tuple([recordIdSchema, residencyPolicySchema, z.boolean()]), result: policyPreviewSchema },
  /** Records an access export or an erasure of a client in the audit log; says which targets still hold its data. */
  'locality:recordClientAction': {
    args: z.tuple([z.enum(['client-exported', 'client-erased']), recordIdSchema]),
    result: z.strictObject({ at: z.number(), heldOn: z.array(z.string()) }),
  },
  /** Travel mode: the clients whose policy excludes this country (safe-for-travel ones left out), and which of them are device-only. */
  'locality:travelPlan': {
    args: z.tuple([countryCodeSchema, z.array(recordIdSchema).max(manyIds)]),
    result: z.strictObject({ excluded: z.array(z.string()), deviceOnly: z.array(z.string()) }),
  },
  /** Records a travel-mode step in the audit log; a removed client's policy is forgotten. */
  'locality:recordTravel': {
    args: z.tuple([z.enum(['start', 'end', 'removed', 'restored']), countryCodeSchema.nullable(), recordIdSchema.nullable()]),
    result: z.void(),
  },
  /** Sync and export targets with where each one keeps data. */
  'locality:targets': { args: noArgs, result: targetListSchema },
  'locality:addTarget': { args: z.tuple([newTargetSchema]), result: targetViewSchema },
  'locality:removeTarget': { args: z.tuple([targetIdSchema]), result: z.void() },
  /** Where a target's settings put the data, before it is added. */
  'locality:resolve': { args: z.tuple([targetLocationSchema]), result: resolvedLocationSchema },
  /** Regions and jurisdictions the pickers offer, from the data in use. */
  'locality:regions': { args: noArgs, result: regionChoicesSchema },
  /** "Where is my data": per client, each target's decision with its reason. Labels are used in the reasons only. */
  'locality:placement': {
    args: z.tuple([z.array(z.strictObject({ id: recordIdSchema, label: labelForReasonSchema.optional() })).max(manyIds)]),
    result: z.array(clientPlacementSchema),
  },
  /** The audit log as stored (sealed); the renderer opens and verifies it. */
  'locality:audit': { args: noArgs, result: auditLinesSchema },
  /** Verifies the opened log against its chain and the last anchor this device kept, and words each entry with the given names. */
  'locality:verifyAudit': {
    args: z.tuple([z.array(openedAuditLineSchema).max(MAX_AUDIT_LINES), auditAnchorSchema.nullable(), auditNamesSchema]),
    result: auditReportSchema,
  },
  /** The locality data in use: as-of dates and sources. */
  'locality:data': { args: noArgs, result: localityDataSummarySchema },
  /** Imports a newer zones or regions file (its text); audited. */
  'locality:importData': { args: z.tuple([z.string().min(1).max(MAX_LOCALITY_DATA_CHARS)]), result: localityDataSummarySchema },
} satisfies InvokeMap<'locality'>;
