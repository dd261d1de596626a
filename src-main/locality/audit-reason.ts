/**
 * Why an audit entry was written, as a code plus typed params: ids and codes
 * only, so the log never holds a client's or a target's name (the log may
 * outlive the client, and names are personal data). Every param key has its
 * own strict validator, so there is no free-text slot a name could slip into.
 * Readable sentences are built at display time by `formatAuditReason`.
 */
import { z } from 'zod';
import { factDateSchema } from '../../src-preload/contract/places/data-schema.ts';
import { countryCodeSchema } from '../../src-preload/contract/places/country-codes.ts';
import { guaranteeSchema, providerSchema } from '../../src-preload/contract/target.ts';
import { EXPORT_KINDS, exportKindSchema } from '../../src-preload/contract/files.ts';
import { countryName } from './locality-data.ts';
import { PROVIDER_NAMES, locationCodeSchema, operationSchema } from './policy.ts';

/** Codes `check` returns when it allows an egress. */
export const ALLOW_CODES = [
  'within-policy',
  'within-policy-declared',
  'within-policy-attested',
  'no-client-data',
  'bundle-carries-policy',
  'not-travelling',
  'safe-for-travel',
] as const;
/** Codes `check` returns when it denies an egress. */
export const DENY_CODES = [
  'invalid-operation',
  'invalid-policy',
  'invalid-location',
  'device-only',
  'unknown-location',
  'best-effort-location',
  'outside-policy',
  'needs-attestation',
  'awaiting-confirmation',
  'internal-error',
] as const;
/** Codes for entries that are not egress decisions. */
export const OTHER_CODES = [
  'user-confirmed',
  'user-action',
  'travel-excluded',
  'travel-allowed',
  'data-file-imported',
  // How a policy main did not see changed reached it (`locality:open`).
  'arrived-by-sync',
  'arrived-in-bundle',
  'found-at-unlock',
  // Why a weakening was refused.
  'needs-confirmation',
  'user-declined',
  // A sync object deleted from a target (compaction).
  'sync-delete',
] as const;

export type AllowCode = (typeof ALLOW_CODES)[number];
export type DenyCode = (typeof DENY_CODES)[number];
export type ReasonCode = AllowCode | DenyCode | (typeof OTHER_CODES)[number];

const policySummarySchema = z
  .string()
  .regex(/^(device-only|zone:(EU|EEA|EEA\+adequacy)|countries:[A-Z]{2}(,[A-Z]{2})*)$/, 'Not a policy summary (device-only, zone:EEA, countries:DE,FR).')
  .refine(
    (s) =>
      !s.startsWith('countries:') ||
      s
        .slice(10)
        .split(',')
        .every((c) => countryCodeSchema.safeParse(c).success),
    'Unknown country code in policy summary.',
  );

/** The params of a reason. Closed set of keys; each value is an id-like code. */
export const reasonParamsSchema = z.strictObject({
  /** The client's policy at decision time (`zone:EEA`). */
  policy: policySummarySchema.optional(),
  /** Policy before and after a change. */
  from: policySummarySchema.optional(),
  to: policySummarySchema.optional(),
  operation: operationSchema.optional(),
  provider: providerSchema.optional(),
  /** Region, jurisdiction or location-hint code. */
  code: locationCodeSchema.optional(),
  guarantee: guaranteeSchema.optional(),
  country: countryCodeSchema.optional(),
  zone: z.literal('EU').optional(),
  /** The sync device a change came from (its random id, never a name). */
  device: z
    .string()
    .regex(/^[0-9a-f]{16,64}$/)
    .optional(),
  /** For a locality data import: which file and its date. */
  dataKind: z.enum(['zones', 'regions']).optional(),
  asOf: factDateSchema.optional(),
  /** For a deleted remote object: which kind of the sync layout. */
  objectKind: z.enum(['segment', 'snapshot', 'ack']).optional(),
  /** For a file export: what kind of file (`time-csv`, `invoice-pdf`). */
  exportKind: exportKindSchema.optional(),
});

export const auditReasonSchema = z.strictObject({
  code: z.enum([...ALLOW_CODES, ...DENY_CODES, ...OTHER_CODES]),
  params: reasonParamsSchema,
});

/** A reason in the audit log: a stable code plus id-only params. */
export type ReasonParams = z.output<typeof reasonParamsSchema>;
export interface AuditReason {
  code: ReasonCode;
  params: ReasonParams;
}

/** Display names the UI holds (decrypted from the vault), keyed by id. */
export interface AuditNames {
  clients?: Readonly<Record<string, string>>;
  targets?: Readonly<Record<string, string>>;
}

/** The fields of an entry `formatAuditReason` reads; `AuditEntry` has them all. */
export interface FormattableEntry {
  kind: string;
  clientId?: string;
  targetId?: string;
  partition?: string;
  reason: AuditReason;
}

const OPERATION_TEXT = { 'sync-upload': 'Sync upload', 'bundle-export': 'Bundle export', 'bundle-import': 'Bundle import', request: 'Request' } as const;

function lookup(table: Readonly<Record<string, string>> | undefined, id: string | undefined, kind: string): string {
  if (id === undefined) return `an unspecified ${kind}`;
  if (table && Object.hasOwn(table, id)) return table[id] ?? id;
  // A removed client or target: show a short id rather than nothing.
  return `${kind} ${id.slice(0, 8)}`;
}

function policyText(summary: string | undefined): string {
  if (summary === undefined) return 'an unreadable policy';
  if (summary === 'device-only') return 'device only';
  if (summary === 'zone:EEA+adequacy') return 'the EEA or an adequate country';
  if (summary.startsWith('zone:')) return `the ${summary.slice(5)}`;
  return `only ${summary.slice(10).split(',').join(', ')}`;
}

function placeText(p: ReasonParams): string {
  const target = [p.provider ? PROVIDER_NAMES[p.provider] : undefined, p.code].filter(Boolean).join(' ');
  const where = p.country ? `${countryName(p.country)} (${p.country})` : p.zone ? 'the EU' : 'an unknown place';
  return target ? `${target} in ${where}` : where;
}

const DETAIL: Readonly<Record<ReasonCode, (p: ReasonParams) => string>> = {
  'within-policy': (p) => `${placeText(p)} is within ${policyText(p.policy)}`,
  'within-policy-declared': (p) => `${placeText(p)}, as you declared, is within ${policyText(p.policy)}`,
  'within-policy-attested': (p) => `${placeText(p)} is allowed by your recorded attestation under ${policyText(p.policy)}`,
  'no-client-data': (p) => `the workspace partition holds no client data, so ${placeText(p)} may hold it`,
  'bundle-carries-policy': (p) => `the file is encrypted and carries the residency policy (${policyText(p.policy)}), which import enforces`,
  'not-travelling': (p) => `travel mode is off, so this device is where you work; the policy is ${policyText(p.policy)}`,
  'safe-for-travel': (p) => `the client is marked safe for travel, so ${p.country ?? 'the country you are in'} does not exclude it`,
  'invalid-operation': () => 'the operation was not recognised',
  'invalid-policy': () => 'the residency policy could not be read',
  'invalid-location': () => "the target's location could not be read",
  'device-only': () => 'the client is device only',
  'unknown-location': (p) => `the location of ${placeText(p)} is not known`,
  'best-effort-location': (p) => `${placeText(p)} is only a best-effort placement`,
  'outside-policy': (p) => `${placeText(p)} is outside ${policyText(p.policy)}`,
  'needs-attestation': (p) => `${placeText(p)} needs a recorded attestation`,
  'awaiting-confirmation': (p) => `a wider policy${p.to ? ` (${policyText(p.to)})` : ''} arrived and waits for your confirmation on this device`,
  'internal-error': () => 'the check failed, so nothing was sent',
  'user-confirmed': (p) => (p.device ? `you confirmed on this device the change made on device ${p.device.slice(0, 8)}` : 'you confirmed the change'),
  'user-action': () => 'you made the change',
  'travel-excluded': (p) => `the policy excludes ${p.country ?? 'the country you are in'}`,
  'travel-allowed': (p) => `the policy allows ${p.country ?? 'the country you are in'}`,
  'data-file-imported': (p) => `a ${p.dataKind ?? 'locality'} data file as of ${p.asOf ?? 'an unknown date'} was imported`,
  'arrived-by-sync': (p) => (p.device ? `it arrived by sync from device ${p.device.slice(0, 8)}` : 'it arrived by sync from another device'),
  'arrived-in-bundle': () => 'it arrived in an imported bundle',
  'found-at-unlock': () => 'the vault held it at unlock, and this device had not seen the change made',
  'needs-confirmation': () => 'a wider policy needs your yes in Caravan’s own dialog, and none was asked',
  'user-declined': () => 'you did not allow it',
  'sync-delete': () => 'sync asked for it (compaction removes what a newer snapshot covers)',
};

const OBJECT_TEXT = { segment: 'A segment', snapshot: 'A snapshot', ack: 'An acknowledgement' } as const;

/** A sentence for the audit view, with names filled in from `names` (ids never leave the log as names). */
export function formatAuditReason(entry: FormattableEntry, names: AuditNames = {}): string {
  const client = lookup(names.clients, entry.clientId, 'client');
  const target = lookup(names.targets, entry.targetId, 'target');
  const p = entry.reason.params;
  const detail = (DETAIL[entry.reason.code] ?? (() => `reason ${entry.reason.code}`))(p);
  const op = p.operation ? OPERATION_TEXT[p.operation] : 'Transfer';
  switch (entry.kind) {
    case 'egress-allowed':
      return `${op} to ${target} for ${client} allowed: ${detail}.`;
    case 'egress-denied':
      return `${op} to ${target} for ${client} blocked: ${detail}.`;
    case 'policy-set':
      return `Residency policy of ${client} set to ${policyText(p.to)}: ${detail}.`;
    case 'policy-weakened':
      return `Residency policy of ${client} weakened from ${policyText(p.from)} to ${policyText(p.to)}: ${detail}.`;
    case 'policy-strengthened':
      return `Residency policy of ${client} strengthened from ${policyText(p.from)} to ${policyText(p.to)}: ${detail}.`;
    case 'policy-held':
      return `A wider residency policy for ${client} (${policyText(p.to)}, in force: ${policyText(p.from)}) is held until you confirm it on this device; nothing of ${client} leaves meanwhile: ${detail}.`;
    case 'policy-change-refused':
      return `Change of ${client}’s residency policy from ${policyText(p.from)} to ${policyText(p.to)} refused: ${detail}.`;
    case 'attestation-recorded':
      return `Attestation for ${p.country ?? 'a country'} recorded for ${client}: ${detail}.`;
    case 'attestation-revoked':
      return `Attestation for ${p.country ?? 'a country'} revoked for ${client}: ${detail}.`;
    case 'travel-start':
      return `Travel mode on in ${p.country ? countryName(p.country) : 'an undeclared country'}: ${detail}.`;
    case 'travel-end':
      return `Travel mode off: ${detail}.`;
    case 'travel-removed':
      return `${client} removed from this device while travelling: ${detail}.`;
    case 'travel-restored':
      return `${client} restored to this device: ${detail}.`;
    case 'client-exported':
      return `Data of ${client} exported to a file on this device: ${detail}.`;
    case 'client-erased':
      return `${client} erased on this device (data key destroyed, rows deleted): ${detail}.`;
    case 'bundle-exported':
      return `A bundle of ${client}'s project was exported to a file: ${detail}.`;
    case 'device-only-exported':
      return `Data of ${client}, kept on this device only, was saved to a file (${p.exportKind ? EXPORT_KINDS[p.exportKind].label : 'an export'}): you were told first and went on.`;
    case 'bundle-export-refused':
      return `Bundle export for ${client} refused: ${detail}.`;
    case 'bundle-imported':
      return `A bundle of ${client}'s project was imported: ${detail}.`;
    case 'bundle-import-refused':
      return `Bundle import for ${client} refused: ${detail}.`;
    case 'remote-object-deleted':
      return `${p.objectKind ? OBJECT_TEXT[p.objectKind] : 'An object'} of ${entry.partition === 'workspace' ? 'the workspace' : `${client}'s data`} deleted from ${target}: ${detail}.`;
    case 'remote-copies-deleted':
      return `Copies of ${client}'s data deleted from ${target}: ${detail}.`;
    case 'target-removed':
      return `Target ${target} removed: ${detail}.`;
    case 'locality-data-updated':
      return `Locality data updated: ${detail}.`;
    default:
      return `${entry.kind}: ${detail}.`;
  }
}
