/**
 * The egress guard on its own: a policy view written by hand (no book, no audit log), a target
 * registry in memory. It decides from what the view says, and records nothing: it has nowhere
 * to record.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EgressGuard, WORKSPACE_PARTITION, type PolicyView } from '../../../../src-main/locality/egress-guard.ts';
import { LocalityDataStore } from '../../../../src-main/locality/locality-data-store.ts';
import type { HeldPolicy } from '../../../../src-main/locality/policy-baseline.ts';
import { TargetRegistry, type JsonStore } from '../../../../src-main/locality/target-registry.ts';
import type { ResidencyPolicy } from '../../../../src-preload/contract/residency.ts';

const NOW = Date.UTC(2026, 10, 15);
const EEA_CLIENT = '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const HELD_CLIENT = '7c6b5a49-3827-4165-9f0e-d1c2b3a49586';
const LOCAL_CLIENT = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

function memory(): JsonStore {
  let value: unknown = null;
  return { read: async () => value, write: async (v) => void (value = v) };
}

/** What a book would say: two clients in force, one whose wider policy waits. */
function view(open: boolean): PolicyView {
  const policies = new Map<string, ResidencyPolicy>([
    [EEA_CLIENT, { kind: 'zone', zone: 'EEA' }],
    [LOCAL_CLIENT, { kind: 'device-only' }],
  ]);
  const held = new Map<string, HeldPolicy>([[HELD_CLIENT, { policy: { kind: 'countries', countries: ['US'] }, at: NOW }]]);
  return {
    isOpen: open,
    policyOf: (id) => (open ? policies.get(id) : undefined),
    heldOf: (id) => (open ? held.get(id) : undefined),
    knows: (id) => open && policies.has(id),
    clients: () => (open ? [...policies.keys()] : []),
    toHonour: () => [...policies].map(([id, p]) => [id, [p]]),
  };
}

async function world(open = true) {
  const targets = await TargetRegistry.load(memory(), randomUUID, () => NOW);
  const data = new LocalityDataStore({ zones: memory(), regions: memory() }, () => NOW);
  await data.load();
  const frankfurt = await targets.add({
    label: 'Frankfurt',
    kind: 's3',
    location: { provider: 'aws', region: 'eu-central-1' },
    bucket: 'caravan-fra',
    endpoint: 'https://s3.eu-central-1.amazonaws.com',
  });
  const london = await targets.add({
    label: 'London',
    kind: 's3',
    location: { provider: 'aws', region: 'eu-west-2' },
    bucket: 'caravan-london',
    endpoint: 'https://s3.eu-west-2.amazonaws.com',
  });
  const guard = new EgressGuard({ book: view(open), targets, data, now: () => NOW });
  return { guard, frankfurt, london };
}

describe('EgressGuard, decisions only', () => {
  it('decides each partition from the policy the view gives', async () => {
    const { guard, frankfurt, london } = await world();
    expect(guard.transfer(EEA_CLIENT, frankfurt.id, 'sync-upload')).toMatchObject({ allowed: true, code: 'within-policy' });
    expect(guard.transfer(EEA_CLIENT, london.id, 'sync-upload')).toMatchObject({ allowed: false, code: 'outside-policy' });
    expect(guard.transfer(HELD_CLIENT, frankfurt.id, 'sync-upload')).toMatchObject({ allowed: false, code: 'awaiting-confirmation' });
    expect(guard.transfer(LOCAL_CLIENT, frankfurt.id, 'sync-upload')).toMatchObject({ allowed: false });
    expect(guard.transfer(WORKSPACE_PARTITION, london.id, 'sync-upload')).toMatchObject({ allowed: true, code: 'no-client-data' });
    expect(guard.transfer(EEA_CLIENT, randomUUID(), 'sync-upload')).toMatchObject({ allowed: false, code: 'invalid-location' });
  });

  it('refuses everything while the view says locked', async () => {
    const { guard, frankfurt } = await world(false);
    expect(guard.isOpen).toBe(false);
    expect(guard.transfer(WORKSPACE_PARTITION, frankfurt.id, 'sync-upload')).toMatchObject({ allowed: false, code: 'invalid-policy' });
    expect(guard.contact(frankfurt.id)).toMatchObject({ allowed: false, code: 'invalid-policy' });
    expect(guard.approvedHosts().size).toBe(0);
    expect(() => guard.bundleExport(EEA_CLIENT)).toThrow(/Unlock the vault first/);
    // Said as what it is: the guard may be closed while the person is unlocked (it failed to open).
    expect(() => guard.deviceOnlyAmong([EEA_CLIENT])).toThrow(/locality guard is closed.*Lock Caravan and unlock it again/);
  });

  it('answers exports, bundles, placement and the decisions of every pair', async () => {
    const { guard, frankfurt, london } = await world();
    expect(guard.deviceOnlyAmong([EEA_CLIENT, LOCAL_CLIENT, HELD_CLIENT]).sort()).toEqual([LOCAL_CLIENT, HELD_CLIENT].sort());
    expect(guard.bundleExport(LOCAL_CLIENT).allowed).toBe(false);
    expect(guard.bundleExport(HELD_CLIENT)).toMatchObject({ code: 'awaiting-confirmation' });
    expect(guard.bundleExport(EEA_CLIENT).allowed).toBe(true);
    const placement = await guard.placement([{ id: EEA_CLIENT }, { id: HELD_CLIENT }]);
    expect(placement.map((p) => [p.known, p.decisions.map((d) => d.allowed)])).toEqual([
      [true, [true, false]],
      [false, [false, false]],
    ]);
    const pairs = guard.uploadDecisions([frankfurt, london], [EEA_CLIENT]);
    expect(pairs.map((p) => [p.targetId, p.result.allowed])).toEqual([
      [frankfurt.id, true],
      [london.id, false],
    ]);
    expect([...guard.approvedHosts()].sort()).toEqual(['s3.eu-central-1.amazonaws.com', 's3.eu-west-2.amazonaws.com']);
  });
});
