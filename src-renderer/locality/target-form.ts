/**
 * The add-target form's values (strings, as typed) and their conversion to what main receives:
 * the contract's `newTargetSchema` and `credentialsSchema`, the very schemas `locality:addTarget`
 * and `sync:setCredentials` validate with. Kept apart from the component so the conversion is
 * tested without a DOM.
 */
import type { z } from 'zod';
import { issueInWords } from '../ui/field-errors.ts';
import { isCustomEndpoint } from '../../src-preload/contract/places/provider-endpoints.ts';
import { credentialsSchema, type CredentialsInput } from '../../src-preload/contract/sync.ts';
import { newTargetSchema, type NewTargetInput, type ProviderId, type TargetKind } from '../../src-preload/contract/target.ts';

export interface TargetFormValues {
  label: string;
  kind: TargetKind;
  provider: ProviderId;
  region: string;
  r2Jurisdiction: string;
  r2LocationHint: string;
  declaredCountry: string;
  endpoint: string;
  bucket: string;
  /** The handle main's folder picker gave (the form never names a folder by path). */
  folder: string;
  /** The chosen folder's path as main resolved it, shown only. */
  folderPath: string;
  /** S3 access key id, or the WebDAV user name. */
  user: string;
  /** S3 secret key, or the WebDAV password. */
  secret: string;
}

export const EMPTY_TARGET_FORM: TargetFormValues = {
  label: '',
  kind: 's3',
  provider: 'aws',
  region: '',
  r2Jurisdiction: '',
  r2LocationHint: '',
  declaredCountry: '',
  endpoint: '',
  bucket: '',
  folder: '',
  folderPath: '',
  user: '',
  secret: '',
};

/** Whether the person states the country themselves: self-hosted and local targets. */
export function isDeclared(provider: ProviderId): boolean {
  return provider === 'minio' || provider === 'custom-s3' || provider === 'webdav' || provider === 'folder';
}

function providerOf(v: TargetFormValues): ProviderId {
  return v.kind === 'folder' ? 'folder' : v.kind === 'webdav' ? 'webdav' : v.provider;
}

function placeOf(v: TargetFormValues, provider: ProviderId) {
  return {
    provider,
    ...(!isDeclared(provider) && provider !== 'r2' && v.region ? { region: v.region } : {}),
    ...(provider === 'r2' && v.r2Jurisdiction ? { r2Jurisdiction: v.r2Jurisdiction } : {}),
    ...(provider === 'r2' && v.r2LocationHint ? { r2LocationHint: v.r2LocationHint } : {}),
  };
}

/**
 * A provider's region reached through an endpoint that is not the provider's own for it: where
 * the data goes is then only the person's word, so the form asks for it (and says so).
 */
export function usesCustomEndpoint(v: TargetFormValues): boolean {
  const provider = providerOf(v);
  return v.kind === 's3' && isCustomEndpoint(placeOf(v, provider), v.endpoint.trim() || undefined);
}

/** Whether the person states the country: self-hosted and local targets, and any custom endpoint. */
export function declaresCountry(v: TargetFormValues): boolean {
  return isDeclared(providerOf(v)) || usesCustomEndpoint(v);
}

/** The wire form of what is filled in; empty fields are left out so main sees only what was chosen. */
export function toNewTarget(v: TargetFormValues): NewTargetInput {
  const provider = providerOf(v);
  const location = {
    ...placeOf(v, provider),
    ...(declaresCountry(v) && v.declaredCountry ? { declaredCountry: v.declaredCountry } : {}),
  };
  return {
    label: v.label.trim(),
    kind: v.kind,
    location,
    ...(v.kind !== 'folder' && v.endpoint.trim() ? { endpoint: v.endpoint.trim() } : {}),
    ...(v.kind === 's3' && v.bucket.trim() ? { bucket: v.bucket.trim() } : {}),
    ...(v.kind === 'folder' && v.folder ? { folder: v.folder } : {}),
  };
}

/** The credentials filled in, or null when the kind takes none or none were given. */
export function credentialsOf(v: TargetFormValues): CredentialsInput | null {
  if (v.kind === 's3') return v.user.trim() && v.secret ? { kind: 's3', accessKeyId: v.user.trim(), secretAccessKey: v.secret } : null;
  if (v.kind === 'webdav') return v.user.trim() || v.secret ? { kind: 'webdav', username: v.user.trim(), password: v.secret } : null;
  return null;
}

/** The form's label for each field main checks, so its refusal is said in the form's words. */
const TARGET_LABELS: Readonly<Record<string, string>> = {
  label: 'Name',
  endpoint: 'URL',
  bucket: 'Bucket',
  folder: 'Folder',
  'location.declaredCountry': 'Country where it stores data',
  'location.region': 'Region',
  'location.r2Jurisdiction': 'Jurisdiction',
  'location.r2LocationHint': 'Location hint',
  accessKeyId: 'Access key',
  secretAccessKey: 'Secret key',
  username: 'User name',
  password: 'Password',
};

function firstIssue(error: z.ZodError, what: string): string {
  const issue = error.issues[0];
  if (!issue) return 'its settings are incomplete.';
  const path = issue.path.map(String);
  const label = TARGET_LABELS[path.join('.')] ?? TARGET_LABELS[path[path.length - 1] ?? ''] ?? what;
  return issueInWords(issue, label);
}

export type TargetFormCheck = { ok: true; target: NewTargetInput; credentials: CredentialsInput | null } | { ok: false; message: string };

/** What the form sends, or the first problem the person must fix: exactly what main would refuse. */
export function checkTargetForm(v: TargetFormValues): TargetFormCheck {
  const credentials = credentialsOf(v);
  if (v.kind === 's3' && !credentials) return { ok: false, message: 'Enter the access key and secret key: Caravan needs them to write to the bucket.' };
  const target = toNewTarget(v);
  const parsed = newTargetSchema.safeParse(target);
  if (!parsed.success) return { ok: false, message: `This target cannot be added. ${firstIssue(parsed.error, 'The target')}` };
  if (credentials) {
    const checked = credentialsSchema.safeParse(credentials);
    if (!checked.success) return { ok: false, message: `These credentials cannot be used. ${firstIssue(checked.error, 'The credentials')}` };
  }
  return { ok: true, target, credentials };
}
