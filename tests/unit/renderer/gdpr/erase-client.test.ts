/**
 * Erasing a client against main's real handler table: the steps in order (the invoices anonymised
 * after the shred, with sync held), main told only once the client is shredded here, and the
 * copies on a target deleted and named on the receipt.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eraseClientEverywhere, type EraseClientDeps } from '../../../../src-renderer/gdpr/erase-client.ts';
import type { ErasedRows } from '../../../../src-renderer/gdpr/erasure-receipt.ts';
import { startRealMain, type RealMain } from '../../support/real-main.ts';

let main: RealMain | undefined;
afterEach(async () => {
  await main?.stop();
  main = undefined;
});

const CLIENT = { id: randomUUID(), name: 'Acme' };
const ROWS = { clients: 1, projects: 2 } as unknown as ErasedRows;

async function world(options: { shredFails?: boolean; anonymiseFails?: boolean; checkFails?: boolean } = {}) {
  main = await startRealMain();
  await main.unlock([{ clientId: CLIENT.id, policy: { kind: 'zone', zone: 'EEA' } }]);
  const steps: string[] = [];
  const deps: EraseClientDeps = {
    countRows: async () => (steps.push('count'), ROWS),
    checkInvoices: async () => {
      steps.push('check');
      if (options.checkFails) throw new Error('An invoice of this client cannot be read.');
    },
    withSyncLock: async (work) => {
      steps.push('lock');
      try {
        return await work();
      } finally {
        steps.push('unlock');
      }
    },
    anonymiseInvoices: async () => {
      steps.push('invoices');
      if (options.anonymiseFails) throw new Error('The disk is full.');
      return 2;
    },
    shred: async () => {
      steps.push('shred');
      if (options.shredFails) throw new Error('The vault is busy.');
    },
    dropFromCache: () => void steps.push('drop'),
    locality: main.api.locality,
    sync: main.api.sync,
    now: () => 42,
    appVersion: '1.0.0',
    explain: (error, what) => `${error instanceof Error ? error.message : String(error)} ${what}`,
  };
  const auditLines = async () => {
    const lines = await main!.api.locality.audit();
    return lines.ok ? lines.value.lines.length : -1;
  };
  return { main, deps, steps, auditLines };
}

/** A folder target in Germany holding one segment of the client, put there through main's guard. */
async function folderHoldingClient(m: RealMain): Promise<{ id: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'caravan-erase-target-'));
  m.dialogs.nextFolder = dir;
  const chosen = await m.api.files.chooseFolder();
  if (!chosen.ok || !chosen.value) throw new Error('no folder');
  const added = await m.api.locality.addTarget({
    label: 'USB disk',
    kind: 'folder',
    location: { provider: 'folder', declaredCountry: 'DE' },
    folder: chosen.value.handle,
  });
  if (!added.ok) throw new Error(added.error.message);
  const put = await m.api.sync.put(added.value.id, `p/${CLIENT.id}/log/device1/1.seg`, Buffer.from('sealed').toString('base64'));
  if (!put.ok) throw new Error(put.error.message);
  return { id: added.value.id, dir };
}

describe('eraseClientEverywhere against main', () => {
  it('counts, shreds, drops, then main records it; the copies on a target are deleted and named', async () => {
    const { main: m, deps, steps, auditLines } = await world();
    const target = await folderHoldingClient(m);
    const before = await auditLines();
    const outcome = await eraseClientEverywhere(deps, CLIENT);
    expect(steps).toEqual(['count', 'check', 'lock', 'shred', 'invoices', 'unlock', 'drop']);
    expect(outcome.kind).toBe('erased');
    const receipt = outcome.kind === 'erased' ? outcome.receipt : undefined;
    expect(receipt).toMatchObject({ clientId: CLIENT.id, clientName: 'Acme', rows: ROWS, invoicesAnonymised: 2, appVersion: '1.0.0' });
    expect(receipt?.heldOn).toEqual([{ id: target.id, label: 'USB disk', deleted: 1 }]);
    expect(receipt?.auditProblem).toBeUndefined();
    expect(await auditLines()).toBeGreaterThan(before);
    expect(await readdir(join(target.dir, 'p'), { recursive: true }).then((names) => names.filter((n) => n.endsWith('.seg')))).toEqual([]);
    // Main forgot the policy: nothing of the client may leave any more.
    const again = await m.api.sync.put(target.id, `p/${CLIENT.id}/log/device1/2.seg`, Buffer.from('sealed').toString('base64'));
    expect(again.ok).toBe(false);
  });

  it('a shred that fails drops nothing and tells main nothing; the message says to erase again', async () => {
    const { deps, steps, auditLines } = await world({ shredFails: true });
    const before = await auditLines();
    const outcome = await eraseClientEverywhere(deps, CLIENT);
    expect(outcome).toEqual({
      kind: 'unfinished',
      message: 'The vault is busy. The erasure did not finish. Acme’s data key may already be destroyed; erase again to finish it.',
    });
    expect(steps).toEqual(['count', 'check', 'lock', 'shred', 'unlock']);
    expect(await auditLines()).toBe(before);
  });

  it('an invoice that cannot be read stops the erasure before anything is destroyed', async () => {
    const { deps, steps, auditLines } = await world({ checkFails: true });
    const before = await auditLines();
    expect(await eraseClientEverywhere(deps, CLIENT)).toEqual({ kind: 'not-erased', message: 'An invoice of this client cannot be read. Nothing was erased.' });
    expect(steps).toEqual(['count', 'check']);
    expect(await auditLines()).toBe(before);
  });

  it('invoices that cannot be anonymised after the shred: unfinished, nothing dropped, main not told', async () => {
    const { deps, steps, auditLines } = await world({ anonymiseFails: true });
    const before = await auditLines();
    const outcome = await eraseClientEverywhere(deps, CLIENT);
    expect(outcome).toMatchObject({ kind: 'unfinished', message: expect.stringMatching(/^The disk is full\. The erasure did not finish\./) });
    expect(steps).toEqual(['count', 'check', 'lock', 'shred', 'invoices', 'unlock']);
    expect(await auditLines()).toBe(before);
  });

  it('main unable to record (its guard closed): erased here all the same, and the receipt says why it has no entry', async () => {
    const { main: m, deps, steps } = await world();
    await m.api.locality.close();
    const outcome = await eraseClientEverywhere(deps, CLIENT);
    expect(steps).toEqual(['count', 'check', 'lock', 'shred', 'invoices', 'unlock', 'drop']);
    expect(outcome.kind === 'erased' && outcome.receipt).toMatchObject({ heldOn: null, erasedAt: 42, auditProblem: expect.stringContaining('nlock') });
  });
});
