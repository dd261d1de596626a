/**
 * A client's residency policy: where its data may be stored and synced. Declared once; the
 * client record (renderer), the IPC channels, main's guard, the bundle header and the GDPR export
 * all take it from here.
 */
import { z } from 'zod';
import { COUNTRY_CODES, countryCodeSchema } from './places/country-codes.ts';
import { zoneIdSchema } from './places/zones.ts';
import { clientIdSchema, deviceIdSchema } from './spec.ts';

/** At most this many attestations on one policy: far more than the countries with a conditional decision (3). */
export const MAX_ATTESTATIONS = 64;
/** Longest attestation basis, in code points (zod's string `.max` counts code points; docs/bundle-format.md says so). */
export const MAX_BASIS_CHARS = 500;

/**
 * A recorded basis for sending data to a country whose EU adequacy decision is conditional (CA,
 * JP, US as of the shipped data; the zones data decides which): what the person checked, in their
 * words ("EU-US DPF certification of <org>"), and when. It stays in the policy, never in the
 * audit log. An attestation for a country the data does not list as conditional has no effect.
 */
export const attestationSchema = z.strictObject({
  country: countryCodeSchema,
  /** Trimmed on the way in: the form sends what is typed. */
  basis: z.string().trim().min(1, 'say what you checked').max(MAX_BASIS_CHARS),
  /** Epoch milliseconds (UTC) when the person recorded it. */
  recordedAt: z.int().positive(),
});
export type Attestation = z.output<typeof attestationSchema>;

const attestationsSchema = z
  .array(attestationSchema)
  .max(MAX_ATTESTATIONS)
  .refine((list) => new Set(list.map((a) => a.country)).size === list.length, 'one attestation per country')
  .optional();

/**
 * Where a client allows its data to be stored.
 * - `device-only`: nothing leaves this device (no sync, no export), whatever the target.
 * - `zone`: every country of the zone; conditional adequacy countries only under `EEA+adequacy`
 *   and only with an attestation.
 * - `countries`: exactly these countries (the client's instruction), each once; a conditional
 *   adequacy country on the list still needs an attestation.
 */
export const residencyPolicySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('device-only') }),
  z.strictObject({ kind: z.literal('zone'), zone: zoneIdSchema, attestations: attestationsSchema }),
  z.strictObject({
    kind: z.literal('countries'),
    countries: z
      .array(countryCodeSchema)
      .min(1, 'list at least one country (device-only is the policy for none)')
      .max(COUNTRY_CODES.length)
      .refine((list) => new Set(list).size === list.length, 'lists a country twice'),
    attestations: attestationsSchema,
  }),
]);
/** A policy as stored and as main decides with it (attestation bases trimmed). */
export type ResidencyPolicy = z.output<typeof residencyPolicySchema>;
/** A policy as a form may send it (an attestation basis as typed). */
export type ResidencyPolicyInput = z.input<typeof residencyPolicySchema>;

/** The first thing wrong with a policy, for a person ("countries.1: "XX" is not ..."). */
function describeProblem(issues: readonly z.core.$ZodIssue[]): string {
  const issue = issues[0];
  if (!issue) return 'the policy could not be read';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/** A policy main read, or why it could not. */
export type PolicyReading = { readable: true; policy: ResidencyPolicy } | { readable: false; problem: string };

/**
 * One client's policy as `locality:open` carries it. Typed as a policy for the sender, but read
 * client by client: a policy main cannot read becomes a `readable: false` reading instead of
 * failing the whole call, so that one client is held back (nothing of it leaves) and the others
 * still sync.
 */
export const clientPolicySchema = z.strictObject({
  clientId: clientIdSchema,
  policy: residencyPolicySchema
    .transform((policy): PolicyReading => ({ readable: true, policy }))
    .catch((ctx): PolicyReading => ({ readable: false, problem: describeProblem(ctx.error.issues) })),
  /** The device whose change to this policy sync merged last, when the renderer knows it: recorded with a change main did not see made. */
  fromDevice: deviceIdSchema.optional(),
});
/** What the renderer sends per client on unlock. */
export type ClientPolicy = z.input<typeof clientPolicySchema>;
