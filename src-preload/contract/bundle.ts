/** What crosses the IPC boundary for project bundles: encrypted bytes, ids and decisions; never a record in clear. */
import { z } from 'zod';
import { countryCodeSchema } from './places/country-codes.ts';
import { residencyPolicySchema } from './residency.ts';
import { base64Schema, clientIdSchema, labelForReasonSchema, noArgs, type InvokeMap } from './spec.ts';

/**
 * The largest bundle Caravan writes or reads. Measured (docs/performance.md): a project with
 * 100 000 time blocks is a 3.4 MB bundle (4.2 MB in the round-trip test); 32 MiB is some 9x that,
 * and keeps `bundle:save` under 43 MiB of base64 where it used to take 358 MB.
 */
export const MAX_BUNDLE_BYTES = 32 * 1024 * 1024;

/** The client's display name, used in a refusal's reason only (never logged). */
const clientLabel = labelForReasonSchema.nullable();

/** A bundle the renderer encoded, for main to check against the guard and write where the person chooses. */
export const bundleSaveRequestSchema = z.strictObject({
  clientId: clientIdSchema,
  clientLabel,
  /** The whole project or a hand-off; main names the file from it (`caravan-project-<date>.caravan`), never from the project. */
  variant: z.enum(['full', 'handoff']),
  /** The `.caravan` file, base64. */
  bytesBase64: base64Schema(MAX_BUNDLE_BYTES),
});
export type BundleSaveRequest = z.infer<typeof bundleSaveRequestSchema>;

export const bundleSaveResultSchema = z.discriminatedUnion('saved', [
  z.strictObject({ saved: z.literal(true), path: z.string() }),
  z.strictObject({ saved: z.literal(false) }),
]);
export type BundleSaveResult = z.infer<typeof bundleSaveResultSchema>;

/** The guard's answer, worded for a person. */
export const bundleDecisionSchema = z.strictObject({ allowed: z.boolean(), reason: z.string() });
export type BundleDecision = z.infer<typeof bundleDecisionSchema>;

/** Where the person is, as the renderer's travel mode knows it. */
export const bundleImportPlaceSchema = z.strictObject({
  /** The country travel mode declares, or null when travel mode is off. */
  country: countryCodeSchema.nullable(),
  safeForTravel: z.boolean(),
});
export type BundleImportPlace = z.infer<typeof bundleImportPlaceSchema>;

/** A bundle import the guard is asked about: the client (from the decrypted content) and the header's policy. */
export const bundleImportRequestSchema = z.strictObject({
  clientId: clientIdSchema,
  clientLabel,
  policy: residencyPolicySchema,
  place: bundleImportPlaceSchema,
});
/** As main reads it. */
export type BundleImportRequest = z.output<typeof bundleImportRequestSchema>;
/** As the renderer sends it. */
export type BundleImportRequestInput = z.input<typeof bundleImportRequestSchema>;

/** A file the person picked to import, or null when they cancelled. */
export const openedBundleFileSchema = z.strictObject({ name: z.string(), bytesBase64: z.string() }).nullable();
export type OpenedBundleFile = z.infer<typeof openedBundleFileSchema>;

export const bundleInvoke = {
  /** May this client's project be exported as a bundle? Asked before encoding; not audited. */
  'bundle:checkExport': { args: z.tuple([clientIdSchema, clientLabel]), result: bundleDecisionSchema },
  /** Checks the guard again, asks where to save, writes the file; the export (or its refusal) is audited. */
  'bundle:save': { args: z.tuple([bundleSaveRequestSchema]), result: bundleSaveResultSchema },
  /** Asks the person for a `.caravan` file and reads it. */
  'bundle:open': { args: noArgs, result: openedBundleFileSchema },
  /** May a bundle with this policy be imported where the person is? A refusal is audited. */
  'bundle:checkImport': { args: z.tuple([bundleImportRequestSchema]), result: bundleDecisionSchema },
  /** The bundle's records were merged: decided again and audited. */
  'bundle:recordImport': { args: z.tuple([bundleImportRequestSchema]), result: z.void() },
} satisfies InvokeMap<'bundle'>;
