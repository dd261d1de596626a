/** The client and project forms' conversion from what was typed to repository input. */
import { describe, expect, it } from 'vitest';
import { clientFormValues, toClientInput } from '../../../../src-renderer/clients/client-form.ts';
import { projectFormValues, toProjectInput } from '../../../../src-renderer/projects/project-form.ts';
import type { Client } from '../../../../src-renderer/domain/client.ts';

const client: Client = {
  id: 'c1',
  name: 'Nordlicht',
  contact: { email: 'a@b.de' },
  country: 'DE',
  timeZone: 'Europe/Berlin',
  currency: 'EUR',
  defaultRateMinor: 9_550,
  residency: { kind: 'zone', zone: 'EEA' },
  notes: '',
  archived: false,
  createdAt: 1,
  updatedAt: 1,
};

describe('client form', () => {
  it('starts a new client as "device only", the strictest policy', () => {
    expect(clientFormValues().residency).toEqual({ kind: 'device-only' });
  });

  it('round-trips a stored client, rate included', () => {
    const parsed = toClientInput(clientFormValues(client));
    expect(parsed).toMatchObject({
      ok: true,
      input: { name: 'Nordlicht', defaultRateMinor: 9_550, contact: { email: 'a@b.de' }, residency: { kind: 'zone', zone: 'EEA' } },
    });
  });

  it('reads a rate typed with a decimal comma and drops empty contact fields', () => {
    const parsed = toClientInput({ ...clientFormValues(), name: ' Acme ', country: 'FR', currency: 'eur', rate: '85,50', phone: '  ' });
    expect(parsed).toMatchObject({ ok: true, input: { name: 'Acme', currency: 'EUR', defaultRateMinor: 8_550, contact: {} } });
  });

  it('marks every field that must change at once, in the words of its label', () => {
    const parsed = toClientInput({ ...clientFormValues(), name: 'x'.repeat(201), timeZone: 'Mars/Olympus', currency: '€', rate: '-5', retention: '0' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({
      name: 'Name: at most 200 characters.',
      country: 'Country: choose where the client is established.',
      timeZone: 'Time zone: “Mars/Olympus” is not a time zone Caravan knows; choose one from the list.',
      currency: 'Currency: choose a currency from the list.',
      retention: expect.stringMatching(/^Keep data for: a whole number of months/),
    });
    // "€" is a currency problem, said under Currency, not under the rate.
    expect(parsed.errors.rate).toBeUndefined();
  });

  it('refuses a negative rate and an empty name under their own fields', () => {
    const parsed = toClientInput({ ...clientFormValues(), country: 'DE', rate: '-5' });
    expect(parsed).toEqual({ ok: false, errors: { name: 'Name: give the client a name.', rate: 'Default hourly rate cannot be negative.' } });
    const rate = toClientInput({ ...clientFormValues(), name: 'A', country: 'DE', rate: '85.505' });
    expect(!rate.ok && rate.errors.rate).toMatch(/^Default hourly rate: /);
  });

  it('refuses "Only these countries" with none chosen, and an email that is not one', () => {
    const parsed = toClientInput({ ...clientFormValues(), name: 'A', country: 'DE', email: 'not-an-email', residency: { kind: 'countries', countries: [] } });
    expect(parsed).toEqual({
      ok: false,
      errors: {
        email: 'Email: enter an email address such as name@example.com.',
        residency: 'Allowed countries: choose at least one country, or another option.',
      },
    });
  });
});

describe('project form', () => {
  it('defaults a new project to the client’s currency and rate, billed hourly', () => {
    const parsed = toProjectInput({ ...projectFormValues(undefined, client), name: 'POC' });
    expect(parsed).toMatchObject({ ok: true, value: { clientId: 'c1', currency: 'EUR', billing: { kind: 'hourly', rateMinor: 9_550 }, status: 'active' } });
  });

  it('builds each billing model from its fields', () => {
    const base = { ...projectFormValues(undefined, client), name: 'P' };
    expect(toProjectInput({ ...base, billingKind: 'fixed', fee: '12000' })).toMatchObject({
      ok: true,
      value: { billing: { kind: 'fixed', feeMinor: 1_200_000 } },
    });
    expect(toProjectInput({ ...base, billingKind: 'value', fee: '30000', valueBasis: '2% of churn saved' })).toMatchObject({
      ok: true,
      value: { billing: { kind: 'value', feeMinor: 3_000_000, basis: '2% of churn saved' } },
    });
    expect(toProjectInput({ ...base, billingKind: 'retainer', fee: '4000', hoursPerMonth: '20', rate: '150' })).toMatchObject({
      ok: true,
      value: { billing: { kind: 'retainer', feeMinor: 400_000, hoursPerMonth: 20, overageRateMinor: 15_000 } },
    });
    const rolling = toProjectInput({ ...base, billingKind: 'retainer', fee: '4000', hoursPerMonth: '20', rate: '150', rollover: 'next-month' });
    expect(rolling.ok && rolling.value.billing).toEqual({
      kind: 'retainer',
      feeMinor: 400_000,
      hoursPerMonth: 20,
      overageRateMinor: 15_000,
      rollover: 'next-month',
    });
  });

  it('refuses every bad field at once, each in the words of its label', () => {
    expect(toProjectInput({ ...projectFormValues(undefined, client), name: 'P', estimateHours: 'lots' })).toEqual({
      ok: false,
      errors: { estimateHours: 'Estimate: type a number of hours, such as 40 or 12.5.' },
    });
    const all = toProjectInput({
      ...projectFormValues(undefined, undefined),
      name: ' ',
      rate: '-95',
      estimateHours: '-3',
      start: '2026-12-10',
      due: '2026-12-01',
    });
    expect(all).toEqual({
      ok: false,
      errors: {
        clientId: 'Client: choose the client this project is for.',
        name: 'Project name is required.',
        rate: 'Hourly rate cannot be negative.',
        estimateHours: 'Estimate: type a number of hours, such as 40 or 12.5.',
        due: 'Due: 2026-12-01 is before the start (2026-12-10).',
      },
    });
    const retainer = toProjectInput({ ...projectFormValues(undefined, client), name: 'R', billingKind: 'retainer', fee: 'x', rate: '', hoursPerMonth: 'many' });
    expect(retainer.ok === false && Object.keys(retainer.errors)).toEqual(['fee', 'hoursPerMonth']);
    expect(retainer.ok === false && retainer.errors.fee).toMatch(/^Monthly fee: /);
    expect(toProjectInput({ ...projectFormValues(undefined, client), name: 'x'.repeat(201) })).toEqual({
      ok: false,
      errors: { name: 'Project name: at most 200 characters.' },
    });
  });
});
