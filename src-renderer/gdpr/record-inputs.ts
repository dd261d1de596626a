/**
 * Inputs of the Art. 30 record that come from elsewhere: the processor's details (a workspace
 * setting), and the storage targets as main's locality guard judged them for one client.
 */
import type { ClientPlacement, TargetView } from '../../src-preload/contract/index.ts';
import type { ProcessorDetails, StorageTarget } from './processing-record.ts';

/** Workspace setting holding the processor's details (encrypted under the workspace key). */
export const PROCESSOR_SETTING = 'processor-details';
/**
 * The seller the one-shot invoice form kept (name and address) before the business profile
 * existed; still read, for vaults that have it and no profile.
 */
export const SELLER_SETTING = 'invoice.seller';

/** The processor details form, as typed. */
export interface ProcessorFormValues {
  name: string;
  company: string;
  email: string;
  phone: string;
  address: string;
  /** ISO 3166-1 alpha-2, or '' for none. */
  country: string;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const record = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {});

/**
 * Where the processor's details start from: the business profile (legal name, address, email,
 * country) when there is one, else the seller the old invoice form kept (name, address).
 */
export function sellerStart(profile: unknown, legacySeller: unknown): Record<string, unknown> {
  const p = record(profile);
  if (text(p['legalName']).trim() === '') return record(legacySeller);
  return { name: p['legalName'], address: p['address'], email: p['email'], country: p['country'] };
}

/**
 * The form for the stored details, or, when there are none, one filled in from the seller
 * ({@link sellerStart}), so a person who invoices types nothing twice.
 */
export function processorFormValues(stored: unknown, seller: unknown): ProcessorFormValues {
  const s = record(stored);
  if (text(s['name']).trim() !== '') {
    const contact = record(s['contact']);
    return {
      name: text(s['name']),
      company: text(s['company']),
      email: text(contact['email']),
      phone: text(contact['phone']),
      address: text(contact['address']),
      country: text(s['country']),
    };
  }
  const fromSeller = record(seller);
  return {
    name: text(fromSeller['name']),
    company: '',
    email: text(fromSeller['email']),
    phone: '',
    address: text(fromSeller['address']),
    country: text(fromSeller['country']),
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

/** The details to store and put in the record, or what to fix first. */
export function toProcessorDetails(values: ProcessorFormValues): { ok: true; details: ProcessorDetails } | { ok: false; message: string } {
  const t = (v: string) => v.trim();
  if (t(values.name) === '') return { ok: false, message: 'Add your name or business name: the record names you as the processor.' };
  if (t(values.email) === '' && t(values.phone) === '' && t(values.address) === '') {
    return { ok: false, message: 'Add at least one way to reach you (email, phone or address): the record must give the processor’s contact details.' };
  }
  if (t(values.email) !== '' && !EMAIL.test(t(values.email)))
    return { ok: false, message: 'The email address does not look right; check it or leave it empty.' };
  const contact: { email?: string; phone?: string; address?: string } = {};
  if (t(values.email)) contact.email = t(values.email);
  if (t(values.phone)) contact.phone = t(values.phone);
  if (t(values.address)) contact.address = t(values.address);
  return {
    ok: true,
    details: {
      name: t(values.name),
      ...(t(values.company) ? { company: t(values.company) } : {}),
      contact,
      ...(values.country ? { country: values.country } : {}),
    },
  };
}

/** ISO 3166-1 "unknown or unspecified" code, for a target whose country Caravan cannot tell. */
const UNKNOWN_COUNTRY = 'ZZ';

/**
 * The record's storage targets for one client: every target with where it keeps data and the
 * guard's decision for this client. A target without a decision (main has no policy for the
 * client, so it sends nothing) is listed as not allowed, with that reason.
 */
export function storageTargets(targets: readonly TargetView[], placement: ClientPlacement | undefined): StorageTarget[] {
  return targets.map((t) => {
    const decision = placement?.known ? placement.decisions.find((d) => d.targetId === t.id) : undefined;
    return {
      targetLabel: t.label,
      location: t.resolved.description,
      country: t.resolved.country ?? UNKNOWN_COUNTRY,
      allowed: decision?.allowed ?? false,
      reason: decision?.reason ?? 'The locality guard has no policy for this client, so nothing of it is sent to this target.',
    };
  });
}
