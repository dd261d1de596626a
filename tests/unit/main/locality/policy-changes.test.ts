/**
 * Policies change only as the person says: a weaker policy through `locality:open` (a re-open,
 * a lock and unlock, a restart, a made-up vault id) is held, not applied; through `setPolicy` it
 * applies only on a yes in main's own dialog. Judged by effects: the decision main makes for a
 * target, what the audit log says, and which questions main asked.
 */
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResidencyPolicy } from '../../../../src-preload/contract/residency.ts';
import type { NewTarget } from '../../../../src-preload/contract/target.ts';
import { VAULT, audit, create, openWith, read, refusal, useGuardWorld } from './guard-fixture.ts';

const CLIENT = '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const OTHER = '7c6b5a49-3827-4165-9f0e-d1c2b3a49586';
const DEVICE = '0123456789abcdef0123456789abcdef';
const EEA: ResidencyPolicy = { kind: 'zone', zone: 'EEA' };
const ADQ: ResidencyPolicy = { kind: 'zone', zone: 'EEA+adequacy' };
const EU: ResidencyPolicy = { kind: 'zone', zone: 'EU' };
const BASIS = 'Checked the DPF list for Example Storage Inc';
const US_ONLY: ResidencyPolicy = { kind: 'countries', countries: ['US'], attestations: [{ country: 'US', basis: BASIS, recordedAt: 1 }] };
const LONDON: NewTarget = {
  label: 'London bucket',
  kind: 's3',
  location: { provider: 'aws', region: 'eu-west-2' },
  bucket: 'caravan-london',
  endpoint: 'https://s3.eu-west-2.amazonaws.com',
};

const world = useGuardWorld();

/** An EEA client and a London bucket, its data held back there; the baseline is kept from then on. */
async function eeaClientAndLondon() {
  const { service } = await openWith(world, { [CLIENT]: EEA });
  const london = await service.addTarget(LONDON);
  const decision = () => service.guard.evaluate(CLIENT, service.targets.get(london.id), 'sync-upload');
  expect(decision()).toMatchObject({ allowed: false, code: 'outside-policy' });
  return { service, london, decision };
}

describe('a weaker policy through locality:open is held, not applied', () => {
  it('on a re-open by sync: held, audited as arriving by sync from the device, no question asked, the client refused', async () => {
    const { service, london, decision } = await eeaClientAndLondon();
    const before = (await audit(world, service)).entries.length;

    const { opened } = await openWith(world, { [CLIENT]: ADQ }, service, 'sync', DEVICE);
    expect(opened.awaiting).toEqual([{ clientId: CLIENT, added: expect.arrayContaining(['GB', 'CH']), fromDevice: DEVICE }]);
    expect(world.questions).toEqual([]);
    expect(decision()).toMatchObject({ allowed: false, code: 'awaiting-confirmation' });
    expect((await service.syncGate.decide(CLIENT, london.id, 'sync-upload')).allowed).toBe(false);
    expect(service.preview(CLIENT, ADQ).change).toBe('weaker');

    const fresh = (await audit(world, service)).entries.slice(before);
    expect(fresh.map((e) => [e.kind, e.reason.code])).toEqual([
      ['policy-held', 'arrived-by-sync'],
      ['egress-denied', 'awaiting-confirmation'],
    ]);
    expect(fresh[0]).toMatchObject({ clientId: CLIENT, reason: { params: { from: 'zone:EEA', to: 'zone:EEA+adequacy', device: DEVICE } } });

    // Arriving again changes nothing and is not recorded twice.
    await openWith(world, { [CLIENT]: ADQ }, service, 'sync', DEVICE);
    expect((await audit(world, service)).entries).toHaveLength(before + 2);
  });

  it('after a lock and unlock, a restart, or under a made-up vault id: still compared with the policy in force', async () => {
    const { service } = await eeaClientAndLondon();
    service.close();
    const unlocked = await openWith(world, { [CLIENT]: ADQ }, service);
    expect(unlocked.opened.awaiting.map((a) => a.clientId)).toEqual([CLIENT]);

    const restarted = await create(world);
    const again = await openWith(world, { [CLIENT]: ADQ }, restarted);
    expect(again.opened.awaiting.map((a) => a.clientId)).toEqual([CLIENT]);
    expect((await restarted.guard.placement([{ id: CLIENT }]))[0]?.decisions[0]).toMatchObject({ allowed: false, code: 'awaiting-confirmation' });

    const other = await create(world);
    const sodiumKey = world.keys.base64;
    const made = await other.open(randomUUID(), sodiumKey, read([{ clientId: CLIENT, policy: US_ONLY }]));
    expect(made.awaiting.map((a) => a.clientId)).toEqual([CLIENT]);
    expect(world.questions).toEqual([]);
  });

  it('a stronger policy by sync applies at once, audited as arriving by sync', async () => {
    const { service } = await openWith(world, { [CLIENT]: ADQ });
    const london = await service.addTarget(LONDON);
    await openWith(world, { [CLIENT]: EU }, service, 'sync');
    expect(service.guard.evaluate(CLIENT, service.targets.get(london.id), 'sync-upload')).toMatchObject({ allowed: false, code: 'outside-policy' });
    const entries = (await audit(world, service)).entries;
    expect(entries.find((e) => e.kind === 'policy-strengthened')).toMatchObject({
      clientId: CLIENT,
      reason: { code: 'arrived-by-sync', params: { from: 'zone:EEA+adequacy', to: 'zone:EU' } },
    });
  });

  it('the person allows a held policy in main’s dialog: audited user-confirmed with the device, and then in force', async () => {
    const { service, decision } = await eeaClientAndLondon();
    await openWith(world, { [CLIENT]: ADQ }, service, 'sync', DEVICE);

    world.answer = 'cancel';
    const declined = await refusal(service.setPolicy(CLIENT, ADQ, true, 'Acme GmbH'));
    expect(declined.code).toBe('refused');
    expect(declined.message).toMatch(/nothing changed/);
    expect(decision().code).toBe('awaiting-confirmation');

    world.answer = 'confirm';
    await service.setPolicy(CLIENT, ADQ, true, 'Acme GmbH');
    expect(world.questions).toHaveLength(2);
    expect(world.questions[1]?.detail).toContain('made elsewhere (device 01234567)');
    expect(world.questions[1]?.detail).toContain('“Acme GmbH”');
    expect(decision()).toMatchObject({ allowed: true });
    const { entries, text } = await audit(world, service);
    expect(entries.filter((e) => e.kind === 'policy-change-refused').map((e) => e.reason.code)).toEqual(['user-declined']);
    expect(entries.find((e) => e.kind === 'policy-weakened')).toMatchObject({ reason: { code: 'user-confirmed', params: { device: DEVICE } } });
    expect(text).not.toContain('Acme');
  });

  it('saving the policy in force again ends the hold; so does the vault going back to it', async () => {
    const { service, decision } = await eeaClientAndLondon();
    await openWith(world, { [CLIENT]: ADQ }, service, 'sync');
    await service.setPolicy(CLIENT, EEA, false);
    expect(decision().code).toBe('outside-policy');
    expect(world.questions).toEqual([]);

    await openWith(world, { [CLIENT]: ADQ }, service, 'sync');
    expect(decision().code).toBe('awaiting-confirmation');
    const { opened } = await openWith(world, { [CLIENT]: EEA }, service, 'sync');
    expect(opened.awaiting).toEqual([]);
    expect(decision().code).toBe('outside-policy');
    expect((await audit(world, service)).entries.filter((e) => e.kind === 'policy-set').map((e) => e.reason.code)).toEqual(['user-action', 'arrived-by-sync']);
  });

  it('travel mode counts a held client out where either its policy in force or the held one excludes the country', async () => {
    const { service } = await openWith(world, { [CLIENT]: EEA, [OTHER]: EEA });
    await openWith(world, { [CLIENT]: US_ONLY, [OTHER]: EEA }, service, 'sync');
    expect((await service.guard.travelPlan('US', [])).excluded).toEqual([OTHER, CLIENT].sort());
    expect((await service.guard.travelPlan('DE', [])).excluded).toEqual([CLIENT]);
  });

  it('a damaged record of policies in force holds every policy wider than device-only', async () => {
    await openWith(world, { [CLIENT]: EEA });
    await writeFile(join(world.dir, 'locality', 'policies-in-force.json'), '{"version":1,"clients":');
    const { opened, service } = await openWith(world, { [CLIENT]: EEA, [OTHER]: { kind: 'device-only' } });
    expect(opened.awaiting.map((a) => a.clientId)).toEqual([CLIENT]);
    expect((await service.guard.placement([{ id: OTHER }]))[0]?.known).toBe(true);
  });

  it('keeps no attestation basis on disk', async () => {
    const { service } = await openWith(world, { [CLIENT]: EEA });
    await service.setPolicy(CLIENT, { ...ADQ, attestations: US_ONLY.kind === 'countries' ? US_ONLY.attestations : [] }, true);
    const onDisk = await readFile(join(world.dir, 'locality', 'policies-in-force.json'), 'utf8');
    expect(onDisk).toContain(CLIENT);
    expect(onDisk).not.toContain('DPF');
    expect(onDisk).not.toContain(VAULT);
  });
});
