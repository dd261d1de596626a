/**
 * The client form's values (strings, as typed) and their conversion to a repository input. Kept
 * apart from the component so the conversion is tested without a DOM.
 */
import { clientFields, type Client } from '../domain/client.ts';
import { currencySchema, isTimeZone } from '../domain/common.ts';
import { residencyPolicySchema, type ResidencyPolicy } from '../../src-preload/contract/residency.ts';
import { type FieldErrors, hasErrors, issuesAsFieldErrors } from '../ui/field-errors.ts';
import { policyProblem } from './policy-problem.ts';
import type { NewClient } from '../vault/repos/clients.ts';
import { formatMinorPlain, toMinor } from '../reports/money.ts';
import { MAX_RETENTION_MONTHS } from '../gdpr/retention.ts';
import { BILLING_FIELDS, billingFormValues, type BillingFormValues, toBillingDetails } from './billing-form.ts';

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
  /** The "Billing details" section (billing-form.ts). */
  billing: BillingFormValues;
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
    billing: billingFormValues(client?.billing),
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

/** The form's fields, in the order they appear: focus goes to the first invalid one. */
export const CLIENT_FIELDS = [
  'name',
  'company',
  'email',
  'phone',
  'country',
  'timeZone',
  'currency',
  'rate',
  'address',
  'residency',
  'retention',
  ...BILLING_FIELDS,
  'notes',
] as const;
export type ClientField = (typeof CLIENT_FIELDS)[number];

/** What the stored record calls each field, and the form's label for it. */
const LABELS: Readonly<Record<string, { field: ClientField; label: string }>> = {
  name: { field: 'name', label: 'Name' },
  company: { field: 'company', label: 'Company' },
  'contact.email': { field: 'email', label: 'Email' },
  'contact.phone': { field: 'phone', label: 'Phone' },
  'contact.address': { field: 'address', label: 'Address' },
  country: { field: 'country', label: 'Country' },
  timeZone: { field: 'timeZone', label: 'Time zone' },
  currency: { field: 'currency', label: 'Currency' },
  defaultRateMinor: { field: 'rate', label: 'Default hourly rate' },
  residency: { field: 'residency', label: 'Where this client’s data may be stored' },
  retentionMonths: { field: 'retention', label: 'Keep data for' },
  notes: { field: 'notes', label: 'Notes' },
};

/** The fields whose length is limited, with the limit the vault keeps (shown while typing). */
export const CLIENT_LIMITS: Readonly<Partial<Record<ClientField, number>>> = { name: 200, company: 200, email: 320, phone: 64, address: 2_000, notes: 100_000 };

const stored = clientFields.pick({
  name: true,
  company: true,
  contact: true,
  country: true,
  timeZone: true,
  currency: true,
  defaultRateMinor: true,
  notes: true,
});

/**
 * The repository input, or a message for every field that must change, in the words of its label
 * (the record's schema checks what the form does not, and its refusals are put in the same words).
 */
export function toClientInput(values: ClientFormValues): { ok: true; input: NewClient } | { ok: false; errors: FieldErrors<ClientField> } {
  const errors: FieldErrors<ClientField> = {};
  if (values.name.trim() === '') errors.name = 'Name: give the client a name.';
  if (values.country === '') errors.country = 'Country: choose where the client is established.';
  if (values.timeZone.trim() === '') errors.timeZone = 'Time zone: choose the client’s time zone.';
  else if (!isTimeZone(values.timeZone.trim()))
    errors.timeZone = `Time zone: “${values.timeZone.trim().slice(0, 40)}” is not a time zone Caravan knows; choose one from the list.`;
  const currency = values.currency.trim().toUpperCase();
  const currencyOk = currencySchema.safeParse(currency).success;
  if (!currencyOk) errors.currency = 'Currency: choose a currency from the list.';
  let rateMinor = 0;
  // A rate is read in its currency; with no currency there is nothing to read it in (the currency says so).
  if (currencyOk && values.rate.trim() !== '') {
    const rate = toMinor(values.rate, currency);
    if (!rate.ok) errors.rate = `Default hourly rate: ${rate.message}`;
    else if (rate.minor < 0) errors.rate = 'Default hourly rate cannot be negative.';
    else rateMinor = rate.minor;
  }
  const retention = parseRetention(values.retention);
  if (!retention.ok) errors.retention = retention.message;
  if (values.residency.kind === 'countries' && values.residency.countries.length === 0) {
    errors.residency = 'Allowed countries: choose at least one country, or another option.';
  }
  const billing = toBillingDetails(values.billing, values.country);
  if (!billing.ok) Object.assign(errors, billing.errors);
  const contact = { email: optional(values.email), phone: optional(values.phone), address: optional(values.address) };
  const input: NewClient = {
    name: values.name.trim(),
    company: optional(values.company),
    contact: Object.fromEntries(Object.entries(contact).filter(([, v]) => v !== undefined)),
    country: values.country,
    timeZone: values.timeZone.trim(),
    currency,
    defaultRateMinor: rateMinor,
    residency: values.residency,
    // Present even when undefined: as a patch, undefined removes a retention set before.
    retentionMonths: retention.ok ? retention.months : undefined,
    safeForTravel: values.safeForTravel ? true : undefined,
    // Present even when undefined: as a patch, undefined removes details the person took away.
    billing: billing.ok ? billing.billing : undefined,
    notes: values.notes,
  };
  const { residency: _policy, retentionMonths: _months, safeForTravel: _travel, billing: _billing, ...fields } = input;
  const checked = stored.safeParse(fields);
  if (!checked.success) {
    for (const [field, message] of Object.entries(issuesAsFieldErrors(checked.error, LABELS, { field: 'name', label: 'This client' }))) {
      errors[field as ClientField] ??= message;
    }
  }
  if (values.residency.kind !== 'device-only' && errors.residency === undefined && !residencyPolicySchema.safeParse(values.residency).success) {
    errors.residency = policyProblem(values.residency);
  }
  return hasErrors(errors) ? { ok: false, errors } : { ok: true, input };
}
