/** Saving a client: a wider policy is main's to allow (asked first, nothing saved on no); any other change is saved, then applied. */
import { describe, expect, it } from 'vitest';
import { saveClientWithPolicy, type SaveClientDeps } from '../../../src-renderer/clients/save-client.ts';
import type { Client } from '../../../src-renderer/domain/client.ts';
import type { IpcResult } from '../../../src-preload/contract/errors.ts';
import type { PolicyPreview } from '../../../src-preload/contract/locality.ts';
import type { ResidencyPolicy } from '../../../src-preload/contract/residency.ts';
import type { NewClient } from '../../../src-renderer/vault/repos/clients.ts';

const ID = '3f2a1b2c-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const EEA: ResidencyPolicy = { kind: 'zone', zone: 'EEA' };
const ADQ: ResidencyPolicy = { kind: 'zone', zone: 'EEA+adequacy' };
const EU: ResidencyPolicy = { kind: 'zone', zone: 'EU' };

const existing = { id: ID, name: 'Acme', residency: EEA } as Client;
const input = (residency: ResidencyPolicy) => ({ name: 'Acme', residency }) as NewClient;
const preview = (change: PolicyPreview['change']): PolicyPreview => ({ change, added: [], removed: [], heldOnDisallowed: [] });

function world(change: PolicyPreview['change'], main: { allow?: boolean; saveFails?: boolean } = {}) {
  const calls: string[] = [];
  const deps: SaveClientDeps = {
    saveClient: async (i) => {
      calls.push(`save ${i.residency.kind === 'zone' ? i.residency.zone : i.residency.kind}`);
      if (main.saveFails) throw new Error('The vault refused the record.');
      return { ...existing, residency: i.residency } as Client;
    },
    locality: {
      previewPolicy: async () => ({ ok: true, value: preview(change) }),
      setPolicy: async (_id, policy, ask): Promise<IpcResult<PolicyPreview>> => {
        calls.push(`setPolicy ${policy.kind === 'zone' ? policy.zone : policy.kind} ask=${ask}`);
        if (ask && main.allow === false) return { ok: false, error: { code: 'refused', message: 'You did not allow it; nothing changed.' } };
        return { ok: true, value: preview(ask ? 'weaker' : 'same') };
      },
    },
  };
  return { deps, calls };
}

describe('saveClientWithPolicy', () => {
  it('a wider policy: main is asked first, and on no nothing is saved', async () => {
    const { deps, calls } = world('weaker', { allow: false });
    expect(await saveClientWithPolicy(deps, existing, input(ADQ))).toEqual({ ok: false, message: 'You did not allow it; nothing changed.' });
    expect(calls).toEqual(['setPolicy EEA+adequacy ask=true']);
  });

  it('a wider policy allowed: saved after the yes, then applied again (the same policy)', async () => {
    const { deps, calls } = world('weaker', { allow: true });
    expect(await saveClientWithPolicy(deps, existing, input(ADQ))).toMatchObject({ ok: true, heldOnDisallowed: [] });
    expect(calls).toEqual(['setPolicy EEA+adequacy ask=true', 'save EEA+adequacy', 'setPolicy EEA+adequacy ask=false']);
  });

  it('a wider policy allowed but the record does not save: main gets the old policy back', async () => {
    const { deps, calls } = world('weaker', { allow: true, saveFails: true });
    expect(await saveClientWithPolicy(deps, existing, input(ADQ))).toEqual({ ok: false, message: 'The vault refused the record.' });
    expect(calls).toEqual(['setPolicy EEA+adequacy ask=true', 'save EEA+adequacy', 'setPolicy EEA ask=false']);
  });

  it('a narrower policy, or a new client: saved first, then applied without a question', async () => {
    const narrower = world('stronger');
    expect((await saveClientWithPolicy(narrower.deps, existing, input(EU))).ok).toBe(true);
    expect(narrower.calls).toEqual(['save EU', 'setPolicy EU ask=false']);
    const fresh = world('new');
    expect((await saveClientWithPolicy(fresh.deps, undefined, input(EEA))).ok).toBe(true);
    expect(fresh.calls).toEqual(['save EEA', 'setPolicy EEA ask=false']);
  });
});
