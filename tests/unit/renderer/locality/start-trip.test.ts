/**
 * Starting a trip against main's real handler table: main records the trip before anything
 * changes here; each client is recorded away before its key and rows go; a blocker found at the
 * last moment changes nothing; a failure half way says which clients left.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Client } from '../../../../src-renderer/domain/client.ts';
import { planTrip, startTrip, type TripDeps } from '../../../../src-renderer/locality/start-trip.ts';
import type { TravelState } from '../../../../src-renderer/locality/travel.ts';
import { emptyProgress, type SyncProgress } from '../../../../src-renderer/sync/engine/sync-progress.ts';
import { startRealMain, type RealMain } from '../../support/real-main.ts';

let main: RealMain | undefined;
afterEach(async () => {
  await main?.stop();
  main = undefined;
});

const EEA = { kind: 'zone', zone: 'EEA' } as const;
const client = (name: string, extra: Partial<Client> = {}) => ({ id: randomUUID(), name, residency: EEA, ...extra }) as Client;

async function world(clients: Client[], options: { unsynced?: () => number; eraseFails?: string; inVault?: () => Client[]; epochKeys?: boolean } = {}) {
  main = await startRealMain();
  await main.unlock(clients.map((c) => ({ clientId: c.id, policy: c.residency })));
  const real = main;
  const dir = await mkdtemp(join(tmpdir(), 'caravan-trip-target-'));
  main.dialogs.nextFolder = dir;
  const chosen = await main.api.files.chooseFolder();
  const added =
    chosen.ok && chosen.value
      ? await main.api.locality.addTarget({
          label: 'USB disk',
          kind: 'folder',
          location: { provider: 'folder', declaredCountry: 'DE' },
          folder: chosen.value.handle,
        })
      : undefined;
  if (!added?.ok) throw new Error('no target');
  const targetId = added.value.id;
  // Every client's data and key were pushed to the target, up to change 5.
  const progress = new Map<string, SyncProgress>([
    [
      targetId,
      {
        ...emptyProgress(),
        pushed: Object.fromEntries(clients.map((c) => [c.id, { changeSeq: 5, segSeq: 1 }])),
        // A vault with key epochs sends a client's key as the epoch's wrap, not key.bin.
        ...(options.epochKeys
          ? { epochKeysPushed: Object.fromEntries(clients.map((c) => [c.id, '0f1e2d3c4b5a6978'])) }
          : { keysPushed: Object.fromEntries(clients.map((c) => [c.id, true as const])) }),
      },
    ],
  ]);
  const steps: string[] = [];
  const travel: TravelState[] = [];
  const deps: TripDeps = {
    locality: {
      ...real.api.locality,
      // When main records the trip, among the steps here.
      recordTravel: async (event, country, clientId) => {
        steps.push(`main records ${event}${clientId ? ` ${clients.find((c) => c.id === clientId)?.name}` : ''}`);
        return real.api.locality.recordTravel(event, country, clientId);
      },
    },
    progress: async (id) => structuredClone(progress.get(id) ?? emptyProgress()),
    setProgress: async (id, p) => void progress.set(id, p),
    ownChangesAfter: async () => options.unsynced?.() ?? 0,
    setTravel: async (state) => {
      steps.push(`away ${state.removed.map((id) => clients.find((c) => c.id === id)?.name).join(',')}`);
      travel.push(structuredClone(state));
    },
    eraseClient: async (id) => {
      const name = clients.find((c) => c.id === id)?.name;
      if (name === options.eraseFails) throw new Error('The vault is busy.');
      steps.push(`erase ${name}`);
    },
    withSyncLock: (work) => work(),
    clients: async () => options.inVault?.() ?? clients,
  };
  const mayUpload = async (clientId: string) => (await main!.api.sync.put(targetId, `p/${clientId}/log/device1/9.seg`, Buffer.from('x').toString('base64'))).ok;
  return { deps, steps, travel, progress, targetId, mayUpload };
}

describe('startTrip against main', () => {
  it('the excluded clients leave, each recorded away before it is erased; main forgets their policy', async () => {
    const acme = client('Acme');
    const safe = client('Globex', { safeForTravel: true });
    const { deps, steps, progress, targetId, mayUpload } = await world([acme, safe]);
    const plan = await planTrip(deps, 'US', [acme, safe]);
    expect(plan.leaving.map((c) => c.name)).toEqual(['Acme']);
    expect(plan.blockers).toEqual([]);
    const outcome = await startTrip(deps, plan, 1000);
    expect(outcome).toEqual({ kind: 'started', left: [acme.id], state: { country: 'US', since: 1000, removed: [acme.id], returning: [] } });
    // Main records the trip before anything changes here; each client is recorded away before it goes.
    expect(steps).toEqual(['main records start', 'away ', 'away Acme', 'erase Acme', 'main records removed Acme']);
    expect(progress.get(targetId)?.pushed[acme.id]).toBeUndefined();
    expect(await mayUpload(acme.id)).toBe(false);
    expect(await mayUpload(safe.id)).toBe(true);
  });

  it('a client whose key went to the target as the wrap of a key epoch counts as copied: the plan lets it leave, and its key is pushed again after the trip', async () => {
    const acme = client('Acme');
    const { deps, progress, targetId } = await world([acme], { epochKeys: true });
    const plan = await planTrip(deps, 'US', [acme]);
    expect(plan.blockers).toEqual([]);
    expect((await startTrip(deps, plan, 1000)).kind).toBe('started');
    expect(progress.get(targetId)?.epochKeysPushed?.[acme.id]).toBeUndefined();
  });

  it('a change made since the plan blocks the trip at the last moment, and nothing changes', async () => {
    const acme = client('Acme');
    let unsynced = 0;
    const { deps, steps, mayUpload } = await world([acme], { unsynced: () => unsynced });
    const plan = await planTrip(deps, 'US', [acme]);
    unsynced = 1;
    const outcome = await startTrip(deps, plan, 1000);
    expect(outcome).toEqual({ kind: 'not-started', message: 'Acme is not fully synced to a target its policy allows yet. Sync now, then start the trip.' });
    expect(steps).toEqual([]);
    expect(await mayUpload(acme.id)).toBe(true);
  });

  it('a device-only client blocks the plan', async () => {
    const local = client('Local', { residency: { kind: 'device-only' } });
    const { deps } = await world([local]);
    const plan = await planTrip(deps, 'US', [local]);
    expect(plan.blockers.map((b) => b.reason)).toEqual([expect.stringContaining('device-only')]);
    expect((await startTrip(deps, plan, 1000)).kind).toBe('not-started');
  });

  it('a client that cannot be erased stops the trip there: the outcome names who left, and the one that failed stays recorded away', async () => {
    const acme = client('Acme');
    const beta = client('Beta');
    const { deps, steps } = await world([acme, beta], { eraseFails: 'Beta' });
    const outcome = await startTrip(deps, await planTrip(deps, 'US', [acme, beta]), 1000);
    expect(outcome.kind).toBe('unfinished');
    if (outcome.kind !== 'unfinished') return;
    expect(outcome.left).toEqual([acme.id]);
    expect(outcome.state.removed).toEqual([acme.id, beta.id]);
    expect(outcome.message).toContain('Beta could not leave this device (The vault is busy.)');
    expect(steps).toEqual(['main records start', 'away ', 'away Acme', 'erase Acme', 'main records removed Acme', 'away Acme,Beta']);
  });

  it('a client that would leave too, added since the plan: refused with the new plan, nothing erased, nothing recorded', async () => {
    const acme = client('Acme');
    const beta = client('Beta');
    let inVault = [acme];
    const { deps, steps, mayUpload } = await world([acme, beta], { inVault: () => inVault });
    const plan = await planTrip(deps, 'US', [acme]);
    inVault = [acme, beta];
    const outcome = await startTrip(deps, plan, 1000);
    expect(outcome).toMatchObject({
      kind: 'not-started',
      message:
        'The clients changed since the trip was planned: Beta would now leave this device too. Nothing changed; check the new plan and start the trip again.',
    });
    expect(outcome.kind === 'not-started' && outcome.replanned?.leaving.map((c) => c.name)).toEqual(['Acme', 'Beta']);
    expect(steps).toEqual([]);
    expect(await mayUpload(acme.id)).toBe(true);
    expect(await mayUpload(beta.id)).toBe(true);
  });

  it('a client marked safe for travel since the plan: refused, and it is not erased', async () => {
    const acme = client('Acme');
    const beta = client('Beta');
    let inVault = [acme, beta];
    const { deps, steps } = await world([acme, beta], { inVault: () => inVault });
    const plan = await planTrip(deps, 'US', inVault);
    inVault = [acme, { ...beta, safeForTravel: true }];
    const outcome = await startTrip(deps, plan, 1000);
    expect(outcome.kind === 'not-started' && outcome.message).toContain('Beta would now stay');
    expect(steps).toEqual([]);
  });
});
