/**
 * The client form's values (strings, as typed) and their conversion to a repository input. Kept
 * apart from the component so the conversion is tested without a DOM.
 */
import type { Client } from '../domain/client.ts';
import type { ResidencyPolicy } from '../../src-preload/contract/residency.ts';
import type { NewClient } from '../vault/repos/clients.ts';
import { formatMinorPlain, toMinor } from '../reports/money.ts';
import { MAX_RETENTION_MONTHS } from '../gdpr/retention.ts';

export interface ClientFormValues {
  name: string;
  company: string;
  email: string;
  phone: string;
  address: string;
  country: string;
  timeZone: string;
  currency: string;
  /** The default hourly rate as typed ("95", "95,50"). */
  rate: string;
  residency: ResidencyPolicy;
  /** Months to keep the data after the last activity, as typed; empty: no limit. */
  retention: string;
  /** Travel mode leaves this client on the device wherever the person is. */
  safeForTravel: boolean;
  notes: string;
}

/** This device's zone: a new client is most often a local one. */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The form for `client`, or a blank one. A new client's residency is "device only": the strictest
 * policy, so forgetting to choose never lets data leave the machine.
 */
export function clientFormValues(client?: Client): ClientFormValues {
  return {
    name: client?.name ?? '',
    company: client?.company ?? '',
    email: client?.contact.email ?? '',
    phone: client?.contact.phone ?? '',
    address: client?.contact.address ?? '',
    country: client?.country ?? '',
    timeZone: client?.timeZone ?? localZone(),
    currency: client?.currency ?? 'EUR',
    rate: client ? formatMinorPlain(client.defaultRateMinor, client.currency) : '',
    residency: client?.residency ?? { kind: 'device-only' },
    retention: client?.retentionMonths === undefined ? '' : String(client.retentionMonths),
    safeForTravel: client?.safeForTravel === true,
    notes: client?.notes ?? '',
  };
}

const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

/** "Keep data for (months)": empty is no limit; otherwise a whole number of months. */
export function parseRetention(text: string): { ok: true; months: number | undefined } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, months: undefined };
  const months = /^\d+$/u.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(months) || months < 1 || months > MAX_RETENTION_MONTHS) {
    return { ok: false, message: `Keep data for: a whole number of months from 1 to ${MAX_RETENTION_MONTHS}, or leave it empty for no limit.` };
  }
  return { ok: true, months };
}

/** The repository input, or the first problem the person must fix (the repository checks the rest). */
export function toClientInput(values: ClientFormValues): { ok: true; input: NewClient } | { ok: false; message: string } {
  if (values.name.trim() === '') return { ok: false, message: 'Give the client a name.' };
  if (values.country === '') return { ok: false, message: 'Choose the country the client is established in.' };
  const currency = values.currency.trim().toUpperCase();
  const rate = values.rate.trim() === '' ? { ok: true as const, minor: 0 } : toMinor(values.rate, currency);
  if (!rate.ok) return { ok: false, message: `Default rate: ${rate.message}` };
  const retention = parseRetention(values.retention);
  if (!retention.ok) return retention;
  const contact = { email: optional(values.email), phone: optional(values.phone), address: optional(values.address) };
  return {
    ok: true,
    input: {
      name: values.name.trim(),
      company: optional(values.company),
      contact: Object.fromEntries(Object.entries(contact).filter(([, v]) => v !== undefined)),
      country: values.country,
      timeZone: values.timeZone.trim(),
      currency,
      defaultRateMinor: rate.minor,
      residency: values.residency,
      // Present even when undefined: as a patch, undefined removes a retention set before.
      retentionMonths: retention.months,
      safeForTravel: values.safeForTravel ? true : undefined,
      notes: values.notes,
    },
  };
}
