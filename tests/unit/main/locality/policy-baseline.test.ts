import { describe, expect, it } from 'vitest';
import { BASIS_KEPT_IN_VAULT, PolicyBaseline, keptShape, sameShape } from '../../../../src-main/locality/policy-baseline.ts';
import type { JsonStore } from '../../../../src-main/locality/target-registry.ts';
import type { ResidencyPolicy } from '../../../../src-preload/contract/residency.ts';

const CLIENT = '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const ATTESTED: ResidencyPolicy = { kind: 'countries', countries: ['US', 'DE'], attestations: [{ country: 'US', basis: 'DPF list, checked', recordedAt: 5 }] };

function memory(initial: unknown = null, failRead = false): JsonStore & { value: unknown } {
  const store = {
    value: initial,
    read: async () => {
      if (failRead) throw new SyntaxError('Unexpected end of JSON input');
      return store.value;
    },
    write: async (v: unknown) => void (store.value = JSON.parse(JSON.stringify(v)) as unknown),
  };
  return store;
}

describe('PolicyBaseline', () => {
  it('keeps an attestation’s country and date, never its basis', () => {
    expect(keptShape(ATTESTED)).toEqual({
      kind: 'countries',
      countries: ['US', 'DE'],
      attestations: [{ country: 'US', basis: BASIS_KEPT_IN_VAULT, recordedAt: 5 }],
    });
  });

  it('compares policies as it keeps them: order and bases aside, kinds and countries not', () => {
    expect(sameShape(ATTESTED, { ...ATTESTED, countries: ['DE', 'US'], attestations: [{ country: 'US', basis: 'other words', recordedAt: 5 }] })).toBe(true);
    expect(sameShape(ATTESTED, { kind: 'countries', countries: ['US', 'DE'] })).toBe(false);
    expect(sameShape({ kind: 'zone', zone: 'EU' }, { kind: 'zone', zone: 'EU', attestations: [] })).toBe(true);
    expect(sameShape({ kind: 'zone', zone: 'EU' }, { kind: 'zone', zone: 'EEA' })).toBe(false);
    expect(sameShape(undefined, { kind: 'device-only' })).toBe(false);
  });

  it('tells a missing record (fresh), a kept one and a damaged one apart', async () => {
    expect((await PolicyBaseline.load(memory(null))).state).toBe('fresh');
    expect((await PolicyBaseline.load(memory(undefined, true))).state).toBe('damaged');
    expect((await PolicyBaseline.load(memory({ version: 1, clients: { 'not-a-client': {} } }))).state).toBe('damaged');
    const kept = await PolicyBaseline.load(memory({ version: 1, clients: { [CLIENT]: { policy: { kind: 'zone', zone: 'EU' } } } }));
    expect(kept.state).toBe('kept');
    expect(kept.get(CLIENT)?.policy).toEqual({ kind: 'zone', zone: 'EU' });
  });

  it('writes before it keeps: a failed write leaves the policy in force as it was', async () => {
    const store = memory(null);
    const baseline = await PolicyBaseline.load(store);
    await baseline.put([{ clientId: CLIENT, policy: { kind: 'zone', zone: 'EU' } }]);
    expect(baseline.state).toBe('kept');
    store.write = async () => {
      throw new Error('disk full');
    };
    await expect(baseline.put([{ clientId: CLIENT, policy: ATTESTED }])).rejects.toThrow('disk full');
    await expect(baseline.hold(CLIENT, { policy: ATTESTED, at: 1 }, { kind: 'zone', zone: 'EU' })).rejects.toThrow('disk full');
    expect(baseline.get(CLIENT)).toEqual({ policy: { kind: 'zone', zone: 'EU' } });
    expect(baseline.held()).toEqual([]);
  });

  it('a damaged record stays distrusted after a write; a hold made then keeps device-only beside it for the next start', async () => {
    const store = memory(undefined, true);
    const baseline = await PolicyBaseline.load(store);
    await baseline.put([{ clientId: CLIENT, policy: { kind: 'zone', zone: 'EU' } }]);
    expect(baseline.state).toBe('damaged');
    const other = '7c6b5a49-3827-4165-9f0e-d1c2b3a49586';
    await baseline.hold(other, { policy: ATTESTED, at: 1 }, { kind: 'device-only' });
    const next = await PolicyBaseline.load(memory(store.value));
    expect(next.state).toBe('kept');
    expect(next.get(other)?.policy).toEqual({ kind: 'device-only' });
  });
});
