/**
 * The audit entry is written before the state it records changes: when the audit log refuses an
 * append, the policy, the target list, the record of policies in force and the locality data stay
 * as they were. Before this was so, `setPolicy` answered `internal` with the policy applied, and
 * `addTarget` answered `internal` with the target saved.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditSink } from '../../../../src-main/locality/locality-audit.ts';
import type { LocalityService } from '../../../../src-main/locality/locality-service.ts';
import type { ResidencyPolicy } from '../../../../src-preload/contract/residency.ts';
import type { NewTarget } from '../../../../src-preload/contract/target.ts';
import { VAULT, create, dataFile, openWith, read, useGuardWorld } from './guard-fixture.ts';

const CLIENT = '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const NEWCOMER = '7c6b5a49-3827-4165-9f0e-d1c2b3a49586';
const EEA: ResidencyPolicy = { kind: 'zone', zone: 'EEA' };
const ADQ: ResidencyPolicy = { kind: 'zone', zone: 'EEA+adequacy' };
const EU: ResidencyPolicy = { kind: 'zone', zone: 'EU' };
const LONDON: NewTarget = {
  label: 'London bucket',
  kind: 's3',
  location: { provider: 'aws', region: 'eu-west-2' },
  bucket: 'caravan-london',
  endpoint: 'https://s3.eu-west-2.amazonaws.com',
};
const FRANKFURT: NewTarget = {
  ...LONDON,
  label: 'Frankfurt bucket',
  location: { provider: 'aws', region: 'eu-central-1' },
  endpoint: 'https://s3.eu-central-1.amazonaws.com',
};

const world = useGuardWorld();

/** An audit log that refuses every append, as the real one refuses an entry it cannot validate or write. */
const refusing: AuditSink = {
  append: async () => {
    throw new Error('audit log refused the entry');
  },
};

/** A service whose vault is open with `policies`, then switched to the refusing log (same vault, so a re-open). */
async function withRefusingLog(policies: Record<string, ResidencyPolicy>): Promise<{ service: LocalityService; kept: () => Promise<string> }> {
  const { service } = await openWith(world, policies);
  await service.addTarget(LONDON);
  await service.openSession(VAULT, refusing, read(Object.entries(policies).map(([clientId, policy]) => ({ clientId, policy }))));
  const kept = () => readFile(join(world.dir, 'locality', 'policies-in-force.json'), 'utf8');
  return { service, kept };
}

describe('a refused audit append changes nothing', () => {
  it('setPolicy: the policy in force, and its record on disk, stay as they were', async () => {
    const { service, kept } = await withRefusingLog({ [CLIENT]: ADQ });
    const before = await kept();
    await expect(service.setPolicy(CLIENT, EU, false)).rejects.toThrow(/refused the entry/);
    expect(service.preview(CLIENT, ADQ).change).toBe('same');
    const london = service.targets.list()[0];
    expect(service.guard.evaluate(CLIENT, london, 'sync-upload').allowed).toBe(true);
    expect(await kept()).toBe(before);

    await expect(service.setPolicy(CLIENT, ADQ, false)).resolves.toMatchObject({ change: 'same' });
    world.answer = 'confirm';
    await expect(service.setPolicy(CLIENT, { kind: 'countries', countries: ['US'] }, true)).rejects.toThrow(/refused the entry/);
    expect(service.preview(CLIENT, ADQ).change).toBe('same');
  });

  it('addTarget: no target is saved; removeTarget: the target stays', async () => {
    const { service } = await withRefusingLog({ [CLIENT]: EEA });
    await expect(service.addTarget(FRANKFURT)).rejects.toThrow(/refused the entry/);
    expect(service.targets.list().map((t) => t.label)).toEqual([LONDON.label]);
    const again = await create(world);
    expect(again.targets.list().map((t) => t.label)).toEqual([LONDON.label]);

    const london = service.targets.list()[0];
    await expect(service.removeTarget(london?.id ?? '')).rejects.toThrow(/refused the entry/);
    expect(service.targets.list().map((t) => t.label)).toEqual([LONDON.label]);
  });

  it('a re-open: a stronger policy or a new client is not taken', async () => {
    const { service } = await withRefusingLog({ [CLIENT]: ADQ });
    await expect(
      service.openSession(
        VAULT,
        refusing,
        read([
          { clientId: CLIENT, policy: EU },
          { clientId: NEWCOMER, policy: EEA },
        ]),
        'sync',
      ),
    ).rejects.toThrow(/refused the entry/);
    expect(service.preview(CLIENT, ADQ).change).toBe('same');
    expect((await service.guard.placement([{ id: NEWCOMER }]))[0]?.known).toBe(false);
  });

  it('the first open of a session that cannot record a change leaves the guard locked', async () => {
    const { service } = await openWith(world, { [CLIENT]: EEA });
    service.close();
    await expect(service.openSession(VAULT, refusing, read([{ clientId: NEWCOMER, policy: EEA }]))).rejects.toThrow(/refused the entry/);
    expect(service.guard.isOpen).toBe(false);
  });

  it('a locality data import: the data in use stays', async () => {
    const { service } = await withRefusingLog({ [CLIENT]: EEA });
    const file = await dataFile<{ asOf: string }>('regions', (f) => void (f.asOf = '2026-11-15'));
    await expect(service.importData(file)).rejects.toThrow(/refused the entry/);
    expect(service.dataSummary().regions).toMatchObject({ asOf: '2026-11', imported: false });
    expect((await create(world)).dataSummary().regions.imported).toBe(false);
  });
});
