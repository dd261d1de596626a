/**
 * The locality guard's channels: policies by client id (never a name), targets and where they
 * keep data, travel mode, the audit log and the locality data in use.
 */
import { z } from 'zod';
import { auditAnchorSchema, auditLinesSchema, auditNamesSchema, auditReportSchema, openedAuditLineSchema } from './audit.ts';
import { countryCodeSchema } from './places/country-codes.ts';
import { clientPolicySchema, residencyPolicySchema } from './residency.ts';
import { clientIdSchema, key32Base64Schema, labelForReasonSchema, MAX_CLIENTS, noArgs, targetIdSchema, vaultIdSchema, type InvokeMap } from './spec.ts';
import { newTargetSchema, regionChoicesSchema, resolvedLocationSchema, targetListSchema, targetLocationSchema, targetViewSchema } from './target.ts';

/**
 * A weaker policy main did not put in force because it did not see the person allow it here (it
 * arrived by sync, in a bundle, or was in the vault at unlock): nothing of the client leaves this
 * device until the person allows it in main's own dialog (`locality:setPolicy` with `ask`), or
 * saves a policy no wider than the one in force.
 */
export const awaitingPolicySchema = z.strictObject({
  clientId: z.string(),
  /** Countries the waiting policy would open, sorted. */
  added: z.array(z.string()),
  /** The device it came from, when known. */
  fromDevice: z.string().optional(),
});
export type AwaitingPolicy = z.infer<typeof awaitingPolicySchema>;

/** What `locality:open` could not take: clients held back (nothing of them leaves), each with why. */
export const localityOpenedSchema = z.strictObject({
  heldBack: z.array(z.strictObject({ clientId: z.string(), problem: z.string() })),
  /** Clients whose wider policy waits for the person's confirmation on this device. */
  awaiting: z.array(awaitingPolicySchema),
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

/** The guard's decision for one client on a target not yet added. */
export const prospectiveDecisionSchema = z.strictObject({
  clientId: z.string(),
  allowed: z.boolean(),
  code: z.string(),
  reason: z.string(),
});
export type ProspectiveDecision = z.infer<typeof prospectiveDecisionSchema>;

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

/**
 * Opened audit lines in one verification. The log only grows (an entry per policy change, target
 * change and changed decision; an opened entry is ~0.3 kB), so the renderer sends it in pages of
 * at most this many lines, each verified from where the page before ended: 50 000 lines are
 * ~16 MB, well inside one IPC message, and a log of any length can be read.
 */
export const MAX_AUDIT_LINES = 50_000;
/** A zones or regions file: the shipped ones are 4.8 and 8.9 kB; 1 MiB is a hundred times that. */
export const MAX_LOCALITY_DATA_CHARS = 1024 * 1024;

/** Why the renderer (re)opens the guard, so the audit log says how a changed policy reached this device. */
export const policySourceSchema = z.enum(['unlock', 'sync', 'bundle']);
export type PolicySource = z.infer<typeof policySourceSchema>;

export const localityInvoke = {
  /**
   * The vault was unlocked, or records arrived (sync, a bundle): main opens its audit log (sealed
   * to the vault's audit public key) and learns each client's policy by id. Main compares each
   * with the policy it last put in force for that client (kept on its side, across restarts): a
   * stronger one applies; a weaker one is held (nothing of that client leaves) until the person
   * allows it in main's own dialog. A policy main cannot read holds back that client only. The
   * answer names both kinds of held client.
   */
  'locality:open': {
    args: z.tuple([vaultIdSchema, key32Base64Schema, z.array(clientPolicySchema).max(MAX_CLIENTS), policySourceSchema.optional()]),
    result: localityOpenedSchema,
  },
  /** The vault was locked: main forgets the policies; nothing of any client may leave. */
  'locality:close': { args: noArgs, result: z.void() },
  /** What a policy change would do (weaker, stronger; targets holding data it no longer allows), before it is saved. */
  'locality:previewPolicy': { args: z.tuple([clientIdSchema, residencyPolicySchema]), result: policyPreviewSchema },
  /**
   * Applies and audits a client's policy. A stronger or first policy applies at once. A weaker one
   * applies only when the person allows it in main's own dialog: `ask` (the third argument) lets
   * the renderer request that question, never answer it; without it, or when the person declines,
   * the change is refused ('refused'), audited, and nothing changes. The label names the client in
   * that dialog only (never logged).
   */
  'locality:setPolicy': {
    args: z.tuple([clientIdSchema, residencyPolicySchema, z.boolean(), labelForReasonSchema.optional()]),
    result: policyPreviewSchema,
  },
  /** Records an access export or an erasure of a client in the audit log; says which targets still hold its data. */
  'locality:recordClientAction': {
    args: z.tuple([z.enum(['client-exported', 'client-erased']), clientIdSchema]),
    result: z.strictObject({ at: z.number(), heldOn: z.array(z.string()) }),
  },
  /** Travel mode: the clients whose policy excludes this country (safe-for-travel ones left out), and which of them are device-only. */
  'locality:travelPlan': {
    args: z.tuple([countryCodeSchema, z.array(clientIdSchema).max(MAX_CLIENTS)]),
    result: z.strictObject({ excluded: z.array(z.string()), deviceOnly: z.array(z.string()) }),
  },
  /** Records a travel-mode step in the audit log; a removed client's policy is forgotten. */
  'locality:recordTravel': {
    args: z.tuple([z.enum(['start', 'end', 'removed', 'restored']), countryCodeSchema.nullable(), clientIdSchema.nullable()]),
    result: z.void(),
  },
  /** Sync and export targets with where each one keeps data. */
  'locality:targets': { args: noArgs, result: targetListSchema },
  'locality:addTarget': { args: z.tuple([newTargetSchema]), result: targetViewSchema },
  'locality:removeTarget': { args: z.tuple([targetIdSchema]), result: z.void() },
  /** Where a target's settings put the data, before it is added; with the endpoint as typed (a custom one is only declared). */
  'locality:resolve': { args: z.tuple([targetLocationSchema, z.string().max(500).optional()]), result: resolvedLocationSchema },
  /**
   * What sync would do with each client's data on a target with these settings, before it is
   * added (the add-target form): the guard's decision and its reason, per client. Nothing is
   * contacted; refused while the vault is locked. Labels are used in the reasons only.
   */
  'locality:previewPlacement': {
    args: z.tuple([
      targetLocationSchema,
      // null: the provider's own endpoint. Not `undefined` in the middle of the list, which JSON carries as null.
      z.string().max(500).nullable(),
      z.array(z.strictObject({ id: clientIdSchema, label: labelForReasonSchema.optional() })).max(MAX_CLIENTS),
    ]),
    result: z.array(prospectiveDecisionSchema),
  },
  /** Regions and jurisdictions the pickers offer, from the data in use. */
  'locality:regions': { args: noArgs, result: regionChoicesSchema },
  /** "Where is my data": per client, each target's decision with its reason. Labels are used in the reasons only. */
  'locality:placement': {
    args: z.tuple([z.array(z.strictObject({ id: clientIdSchema, label: labelForReasonSchema.optional() })).max(MAX_CLIENTS)]),
    result: z.array(clientPlacementSchema),
  },
  /** The audit log as stored (sealed); the renderer opens and verifies it. */
  'locality:audit': { args: noArgs, result: auditLinesSchema },
  /**
   * Verifies a page of the opened log (at most MAX_AUDIT_LINES) against its chain and the last
   * anchor this device kept, and words each entry with the given names. `start`: the last entry
   * of the pages already verified (its seq and hash), absent or null for the first page.
   */
  'locality:verifyAudit': {
    args: z.tuple([
      z.array(openedAuditLineSchema).max(MAX_AUDIT_LINES),
      auditAnchorSchema.nullable(),
      auditNamesSchema,
      auditAnchorSchema.nullable().optional(),
    ]),
    result: auditReportSchema,
  },
  /** The locality data in use: as-of dates and sources. */
  'locality:data': { args: noArgs, result: localityDataSummarySchema },
  /**
   * Imports a newer zones or regions file (its text): refused when invalid, older than the data in
   * use or dated after main's clock; otherwise main shows the person what it changes (countries
   * joining or leaving a zone, adequacy decisions, region mappings) in its own dialog and applies
   * it only on their yes ('refused' on no). Audited.
   */
  'locality:importData': { args: z.tuple([z.string().min(1).max(MAX_LOCALITY_DATA_CHARS)]), result: localityDataSummarySchema },
} satisfies InvokeMap<'locality'>;
