/**
 * The add-target form's preview: before a target exists, main's guard judges each client against
 * the settings as typed, exactly as sync judges it once the target is added; nothing is recorded,
 * nothing is contacted, and while the vault is locked the question is refused.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_CLIENTS } from '../../../../src-preload/contract/spec.ts';
import { startRealMain } from '../../support/real-main.ts';
import { create, openWith, refusal, useGuardWorld, audit } from './guard-fixture.ts';

const EEA_CLIENT = '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const UK_OK_CLIENT = '7c6b5a49-3827-4165-9f0e-d1c2b3a49586';
const LONDON = { provider: 'aws', region: 'eu-west-2' } as const;

describe('locality:previewPlacement', () => {
  const world = useGuardWorld();

  it('holds back the EEA client from London and lets the adequacy client go, with the reasons sync would give', async () => {
    const { service } = await openWith(world, { [EEA_CLIENT]: { kind: 'zone', zone: 'EEA' }, [UK_OK_CLIENT]: { kind: 'zone', zone: 'EEA+adequacy' } });
    const before = (await audit(world, service)).entries.length;
    const decisions = await service.previewPlacement(LONDON, undefined, [
      { id: EEA_CLIENT, label: 'Orion Retail' },
      { id: UK_OK_CLIENT, label: 'Kestrel Health' },
    ]);
    expect(decisions.map((d) => [d.clientId, d.allowed])).toEqual([
      [EEA_CLIENT, false],
      [UK_OK_CLIENT, true],
    ]);
    expect(decisions[0]?.reason).toMatch(/Orion Retail/);
    expect(decisions[0]?.reason).toMatch(/United Kingdom|GB/);
    // Asking recorded nothing.
    expect((await audit(world, service)).entries).toHaveLength(before);

    // The same decision sync makes once the target exists.
    const added = await service.addTarget({
      label: 'London',
      kind: 's3',
      location: LONDON,
      bucket: 'caravan-london',
      endpoint: 'https://s3.eu-west-2.amazonaws.com',
    });
    const placed = await service.placement([{ id: EEA_CLIENT, label: 'Orion Retail' }, { id: UK_OK_CLIENT }]);
    expect(placed.map((p) => p.decisions.find((d) => d.targetId === added.id)?.allowed)).toEqual([false, true]);
  });

  it('a provider region behind a custom endpoint is only declared: no client data, as for an added target', async () => {
    const { service } = await openWith(world, { [EEA_CLIENT]: { kind: 'zone', zone: 'EEA' } });
    const decisions = await service.previewPlacement({ provider: 'aws', region: 'eu-central-1' }, 'https://s3.evil.example', [{ id: EEA_CLIENT }]);
    expect(decisions[0]?.allowed).toBe(false);
  });

  it('is refused while the vault is locked: no policy is known then', async () => {
    const service = await create(world);
    const error = await refusal(service.previewPlacement(LONDON, undefined, [{ id: EEA_CLIENT }]));
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(/Unlock/);
  });
});

describe('locality:previewPlacement from a hostile page (through the preload, as IPC)', () => {
  it('refuses ids not in the vault’s format, more clients than a vault holds, and answers nothing while locked', async () => {
    const main = await startRealMain();
    try {
      const locked = await main.api.locality.previewPlacement(LONDON, null, [{ id: EEA_CLIENT }]);
      expect(locked).toMatchObject({ ok: false, error: { code: 'refused' } });
      await main.unlock([{ clientId: EEA_CLIENT, policy: { kind: 'zone', zone: 'EEA' } }]);
      // The workspace partition and made-up names are not client ids: no probe of the workspace rule this way.
      for (const id of ['workspace', 'Acme GmbH', '../p']) {
        expect(await main.api.locality.previewPlacement(LONDON, null, [{ id }]), id).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      }
      const many = Array.from({ length: MAX_CLIENTS + 1 }, () => ({ id: randomUUID() }));
      expect(await main.api.locality.previewPlacement(LONDON, null, many)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      const answer = await main.api.locality.previewPlacement(LONDON, null, [{ id: EEA_CLIENT, label: 'Orion' }]);
      expect(answer).toMatchObject({ ok: true, value: [{ clientId: EEA_CLIENT, allowed: false }] });
    } finally {
      await main.stop();
    }
  });
});
