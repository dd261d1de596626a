/** The Art. 30 record's inputs from elsewhere: the processor's details and main's storage targets. */
import { describe, expect, it } from 'vitest';
import type { ClientPlacement, TargetView } from '../../../../src-preload/contract/index.ts';
import type { Client } from '../../../../src-renderer/domain/client.ts';
import { shippedZones, zoneMembers } from '../../../../src-preload/contract/places/zones.ts';
import { builtInLocalityData, zoneMembers as mainZoneMembers } from '../../../../src-main/locality/locality-data.ts';
import { gdprFileStem } from '../../../../src-renderer/gdpr/gdpr-files.ts';
import { processingRecord, RECORD_HEADINGS } from '../../../../src-renderer/gdpr/processing-record.ts';
import { processorFormValues, sellerStart, storageTargets, toProcessorDetails } from '../../../../src-renderer/gdpr/record-inputs.ts';

const EEA_COUNTRIES = zoneMembers(shippedZones(), 'EEA');

describe('the EEA the record uses', () => {
  it('is the EEA main’s guard decides with from the shipped data: the EU plus IS, LI, NO', () => {
    expect([...EEA_COUNTRIES].sort()).toEqual([...mainZoneMembers(builtInLocalityData(), 'EEA')].sort());
    expect(EEA_COUNTRIES.size).toBe(30);
    for (const code of ['IS', 'LI', 'NO', 'GR']) expect(EEA_COUNTRIES.has(code)).toBe(true);
    for (const code of ['CH', 'GB', 'EL', 'XK']) expect(EEA_COUNTRIES.has(code)).toBe(false);
  });
});

describe('processor details', () => {
  const blank = { name: '', company: '', email: '', phone: '', address: '', country: '' };

  it('fills the form from the stored details, or else from the invoice’s seller', () => {
    const stored = { name: 'Jo Freelancer', contact: { email: 'jo@example.org' }, country: 'PT' };
    expect(processorFormValues(stored, { name: 'Other' })).toEqual({ ...blank, name: 'Jo Freelancer', email: 'jo@example.org', country: 'PT' });
    expect(processorFormValues(undefined, { name: 'Ada Consulting', address: 'Rua 1, Lisboa' })).toEqual({
      ...blank,
      name: 'Ada Consulting',
      address: 'Rua 1, Lisboa',
    });
    expect(processorFormValues('garbage', 42)).toEqual(blank);
  });

  it('starts from the business profile where there is one, else from the seller the old invoice form kept', () => {
    const profile = { legalName: 'Anna Nowak Data Consulting', address: 'Torstraße 1\n10119 Berlin', country: 'DE', email: 'anna@example.org', iban: 'DE89…' };
    const legacy = { name: 'Ada Consulting', address: 'Rua 1, Lisboa' };
    expect(processorFormValues(undefined, sellerStart(profile, legacy))).toEqual({
      ...blank,
      name: 'Anna Nowak Data Consulting',
      address: 'Torstraße 1\n10119 Berlin',
      email: 'anna@example.org',
      country: 'DE',
    });
    expect(processorFormValues(undefined, sellerStart(undefined, legacy))).toEqual({ ...blank, name: 'Ada Consulting', address: 'Rua 1, Lisboa' });
    expect(processorFormValues(undefined, sellerStart({ legalName: '  ' }, null))).toEqual(blank);
  });

  it('needs a name and one way to reach the processor', () => {
    expect(toProcessorDetails(blank)).toEqual({ ok: false, message: expect.stringMatching(/^Add your name/) });
    expect(toProcessorDetails({ ...blank, name: 'Jo' })).toEqual({ ok: false, message: expect.stringMatching(/^Add at least one way to reach you/) });
    expect(toProcessorDetails({ ...blank, name: 'Jo', email: 'not an email' })).toEqual({
      ok: false,
      message: expect.stringMatching(/email address does not look right/),
    });
  });

  it('trims and leaves out what is empty', () => {
    expect(toProcessorDetails({ ...blank, name: ' Jo ', email: ' jo@example.org ', country: 'PT' })).toEqual({
      ok: true,
      details: { name: 'Jo', contact: { email: 'jo@example.org' }, country: 'PT' },
    });
  });
});

const target = (id: string, label: string, country: string | undefined): TargetView => ({
  id,
  label,
  kind: 's3',
  location: { provider: 'aws' },
  createdAt: 0,
  holds: [],
  resolved: { description: `${label} place`, guarantee: 'region', ...(country ? { country } : {}) },
});

describe('storageTargets', () => {
  const targets = [target('t1', 'Frankfurt', 'DE'), target('t2', 'London', 'GB'), target('t3', 'Somewhere', undefined)];
  const placement: ClientPlacement = {
    clientId: 'c1',
    known: true,
    decisions: [
      { targetId: 't1', allowed: true, code: 'ok', reason: 'Inside the EEA.', holds: false },
      { targetId: 't2', allowed: false, code: 'outside', reason: 'GB is outside the EEA.', holds: false },
    ],
  };

  it('gives each target its location, country and the guard’s decision for the client', () => {
    expect(storageTargets(targets, placement)).toEqual([
      { targetLabel: 'Frankfurt', location: 'Frankfurt place', country: 'DE', allowed: true, reason: 'Inside the EEA.' },
      { targetLabel: 'London', location: 'London place', country: 'GB', allowed: false, reason: 'GB is outside the EEA.' },
      { targetLabel: 'Somewhere', location: 'Somewhere place', country: 'ZZ', allowed: false, reason: expect.stringMatching(/no policy for this client/) },
    ]);
  });

  it('allows nothing when main has no policy for the client', () => {
    expect(storageTargets(targets, { ...placement, known: false }).every((t) => !t.allowed)).toBe(true);
    expect(storageTargets(targets, undefined).every((t) => !t.allowed)).toBe(true);
  });

  it('feeds the record: an allowed target outside the EEA is a transfer, a refused one is not', () => {
    const client: Client = {
      id: 'c1',
      name: 'Acme',
      contact: {},
      country: 'DE',
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
      defaultRateMinor: 0,
      residency: { kind: 'zone', zone: 'EEA+adequacy' },
      notes: '',
      archived: false,
      createdAt: 0,
      updatedAt: 0,
    };
    const allowLondon: ClientPlacement = { ...placement, decisions: placement.decisions.map((d) => ({ ...d, allowed: true, reason: 'Adequacy (UK).' })) };
    const record = processingRecord({
      processor: { name: 'Jo', contact: { email: 'jo@example.org' } },
      client,
      storageTargets: storageTargets(targets, allowLondon),
      eeaCountries: EEA_COUNTRIES,
      generatedAt: 0,
    });
    expect(record.transfers.map((t) => t.targetLabel)).toEqual(['London']);
    expect(record.markdown).toContain(`## ${RECORD_HEADINGS.transfers}`);
  });
});

describe('file names', () => {
  it('says what the file is and dates it in UTC, with no client name (the person may type one in the dialog)', () => {
    expect(gdprFileStem('export', Date.UTC(2026, 10, 30, 23, 59))).toBe('caravan-export-2026-11-30');
  });
});
