/**
 * fitRecord: what of a merged record a newer Caravan wrote goes into the local table (and what is
 * kept beside it), against this version's real strict schemas.
 */
import { describe, expect, it } from 'vitest';
import { fitRecord, RECORD_VERSION_FIELD } from '../../../../../src-renderer/sync/engine/newer-records.ts';
import { clientDef, settingDef } from '../../../../../src-renderer/vault/repos/defs.ts';
import { CLIENT_VERSION } from '../../../../../src-renderer/domain/client.ts';

const client = {
  id: '6f1c3a52-5d1e-4c56-9a2b-0d7c1b2e3f40',
  name: 'Αθήνα Studio',
  contact: {},
  country: 'GR',
  timeZone: 'Europe/Athens',
  currency: 'EUR',
  defaultRateMinor: 8_000,
  residency: { kind: 'zone', zone: 'EEA' },
  notes: '',
  archived: false,
  createdAt: 1,
  updatedAt: 2,
};

describe('fitRecord', () => {
  it('passes a record of this version whole, with nothing kept beside it', () => {
    const fit = fitRecord(clientDef.schema, CLIENT_VERSION, client);
    expect(fit).toEqual({ kind: 'record', record: expect.objectContaining({ name: 'Αθήνα Studio' }), newer: undefined });
  });

  it('splits off top-level fields this version does not know, and validates the rest', () => {
    const fit = fitRecord(clientDef.schema, CLIENT_VERSION, { ...client, portalUrl: 'https://x.example', paymentTermsDays: 45 });
    expect(fit.kind).toBe('record');
    if (fit.kind !== 'record') return;
    expect(fit.record).not.toHaveProperty('portalUrl');
    expect(fit.record['name']).toBe('Αθήνα Studio');
    expect(fit.newer).toEqual({ portalUrl: 'https://x.example', paymentTermsDays: 45 });
  });

  it('keeps a field named __proto__ as a plain field, without touching any prototype', () => {
    const merged = Object.fromEntries([...Object.entries(client), ['__proto__', { polluted: true }]]);
    const fit = fitRecord(clientDef.schema, CLIENT_VERSION, merged);
    expect(fit.kind).toBe('record');
    if (fit.kind !== 'record') return;
    expect(Object.hasOwn(fit.newer ?? {}, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(fit.newer)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('leaves a record of a newer record schema version out of the local table; an equal or older one is kept with its v', () => {
    expect(fitRecord(clientDef.schema, CLIENT_VERSION, { ...client, [RECORD_VERSION_FIELD]: CLIENT_VERSION + 1 })).toEqual({
      kind: 'newer-version',
      version: CLIENT_VERSION + 1,
    });
    const same = fitRecord(clientDef.schema, CLIENT_VERSION, { ...client, [RECORD_VERSION_FIELD]: CLIENT_VERSION });
    expect(same).toMatchObject({ kind: 'record', newer: { v: CLIENT_VERSION } });
    // Not a version: a string v is kept beside the record, not obeyed.
    expect(fitRecord(clientDef.schema, CLIENT_VERSION, { ...client, v: '99' })).toMatchObject({ kind: 'record', newer: { v: '99' } });
  });

  it('still refuses a record whose known fields are wrong (half a record after a concurrent delete), unknown fields or not', () => {
    const { name: _name, ...half } = client;
    expect(fitRecord(clientDef.schema, CLIENT_VERSION, half)).toEqual({ kind: 'invalid' });
    expect(fitRecord(clientDef.schema, CLIENT_VERSION, { ...half, portalUrl: 'x' })).toEqual({ kind: 'invalid' });
    expect(fitRecord(clientDef.schema, CLIENT_VERSION, { ...client, country: 'Greece', portalUrl: 'x' })).toEqual({ kind: 'invalid' });
    // A nested key this version does not know is not split off: the record is incomplete as before.
    expect(fitRecord(clientDef.schema, CLIENT_VERSION, { ...client, contact: { fax: '1' } })).toEqual({ kind: 'invalid' });
  });

  it('works for a schema whose record is one JSON value (settings)', () => {
    expect(fitRecord(settingDef.schema, 1, { id: 'k', value: [1, 2], scope: 'device' })).toEqual({
      kind: 'record',
      record: { id: 'k', value: [1, 2] },
      newer: { scope: 'device' },
    });
  });
});
