/**
 * A client's invoices after an erasure, across devices (review 8, finding 3): sync merges a
 * register row as one last-writer-wins value, so a row written on a device that did not yet know of
 * the erasure (an invoice voided offline) brings the client's id back. A device that learns of the
 * erasure through sync anonymises its own rows too, and every workspace load anonymises the erased
 * clients' invoices again. Real sync rounds between devices, each with its own vault and meta store.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as RuntimeModule from '../../../../src-renderer/vault/session/runtime.ts';
import type { AppState } from '../../../../src-renderer/app/store.ts';
import type { MetaStore } from '../../../../src-renderer/vault/session/meta-store.ts';
import type { RepoContext } from '../../../../src-renderer/vault/repos/context.ts';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import { createClient, eraseClient } from '../../../../src-renderer/vault/repos/clients.ts';
import { createProject } from '../../../../src-renderer/vault/repos/projects.ts';
import { createTimeBlock } from '../../../../src-renderer/vault/repos/time-blocks.ts';
import { listSettings, setSetting } from '../../../../src-renderer/vault/repos/settings.ts';
import { type InvoiceRecord, readRegister, registerKey } from '../../../../src-renderer/reports/invoice-register.ts';
import { anonymiseClientInvoices, ERASED_CLIENT_ID } from '../../../../src-renderer/gdpr/erase-invoices.ts';
import { syncHooks } from '../../../../src-renderer/sync/start-on-unlock.ts';
import { clientInput } from '../../support/store-helpers.ts';
import { device, memoryRemote, newVault, type Device } from '../sync/engine/harness.ts';
import { createWorkspaceStore } from '../workspace/workspace-store.ts';

// The hooks and the slices reach the vault through the runtime's one open workspace; here several are open.
const current = vi.hoisted(() => ({ ctx: null as RepoContext | null, meta: null as MetaStore | null, vaultId: null as string | null }));
vi.mock('../../../../src-renderer/vault/session/runtime.ts', async (importOriginal) => {
  const real = await importOriginal<typeof RuntimeModule>();
  return {
    ...real,
    repoContext: () => current.ctx ?? real.repoContext(),
    metaStore: () => current.meta ?? real.metaStore(),
    currentSession: () => (current.vaultId ? ({ vaultId: current.vaultId } as ReturnType<typeof real.currentSession>) : null),
  };
});

const told: { actions: string[]; notes: string[] } = { actions: [], notes: [] };
beforeAll(async () => {
  await getSodium();
  vi.stubGlobal('window', {
    caravan: {
      locality: {
        recordClientAction: async (kind: string, clientId: string) => {
          told.actions.push(`${kind} ${clientId}`);
          return { ok: true, value: { at: 1, heldOn: [] } };
        },
      },
    },
  });
});
afterEach(() => {
  current.ctx = current.meta = current.vaultId = null;
  told.actions = [];
  told.notes = [];
});

const KEY = registerKey('00000000000000a1');

/** On `d`: client Acme with one billable block, billed on invoice 2026-0001. */
async function acmeInvoiced(d: Device): Promise<{ clientId: string; record: InvoiceRecord }> {
  const ctx = d.workspace.ctx;
  const client = await createClient(ctx, clientInput({ name: 'Acme' }));
  const project = await createProject(ctx, { clientId: client.id, name: 'P', status: 'active' });
  const start = Date.UTC(2026, 11, 1, 9);
  const block = await createTimeBlock(ctx, { projectId: project.id, start, end: start + 3_600_000, zone: 'UTC', kind: 'deep', billable: true, billed: true });
  const record: InvoiceRecord = {
    number: '2026-0001',
    clientId: client.id,
    issueDate: '2026-12-01',
    status: 'issued',
    blockIds: [block.id],
    expenseIds: [],
    totals: [['EUR', 9_500]],
  };
  await setSetting(ctx, KEY, record);
  return { clientId: client.id, record };
}

/** The erasure on `d` as the Clients screen runs it (record, shred, anonymise), then a round that publishes it. */
async function eraseOn(d: Device, vaultId: string, clientId: string, remote: ReturnType<typeof memoryRemote>): Promise<void> {
  await d.meta.addSyncErasure(vaultId, { clientId, erasedAt: Date.now() });
  await eraseClient(d.workspace.ctx, clientId);
  await anonymiseClientInvoices(d.workspace.ctx, clientId);
  await d.round(remote, { erasures: await d.meta.syncErasures(vaultId) });
}

const storedText = async (d: Device) => JSON.stringify(await listSettings(d.workspace.ctx));
const registerOf = async (d: Device) => readRegister(await listSettings(d.workspace.ctx)).records.map((r) => [r.key, r.clientId, r.status, r.blockIds]);

/** The app's state as the hooks read it: the client list, and what they tell the person. */
function appState(clientId: string): () => AppState {
  const state = {
    setSyncStatus: () => undefined,
    setTargetReport: () => undefined,
    clients: [{ id: clientId, name: 'Acme' }],
    dropErasedClient: () => undefined,
    notify: (message: string) => void told.notes.push(message),
  };
  return () => state as unknown as AppState;
}

describe('a device that learns of the erasure through sync', () => {
  it('anonymises the invoice rows it wrote while offline, and they win over the other device’s', async () => {
    const vault = newVault();
    const remote = memoryRemote();
    const [a, b] = [await device(vault), await device(vault)];
    try {
      const { clientId, record } = await acmeInvoiced(a);
      await a.round(remote);
      await b.round(remote);
      // B, offline: voids the invoice and issues another for the same client.
      await setSetting(b.workspace.ctx, KEY, { ...record, status: 'void', voidedOn: '2026-12-05' });
      await setSetting(b.workspace.ctx, registerKey('00000000000000b2'), { ...record, number: '2026-0002' });

      await eraseOn(a, vault.vaultId, clientId, remote);
      Object.assign(current, { ctx: b.workspace.ctx, meta: b.meta, vaultId: vault.vaultId });
      await b.round(remote, { onRemoteErasure: syncHooks(vault.vaultId, appState(clientId)).clientErasedElsewhere });

      expect(await storedText(b)).not.toContain(clientId);
      expect(await registerOf(b)).toEqual([
        [KEY, ERASED_CLIENT_ID, 'void', []],
        [registerKey('00000000000000b2'), ERASED_CLIENT_ID, 'issued', []],
      ]);
      // Recorded here too: later loads anonymise again, and a bundle of the client is refused.
      expect((await b.meta.syncErasures(vault.vaultId)).map((e) => e.clientId)).toEqual([clientId]);
      expect(told.actions).toEqual([`client-erased ${clientId}`]);
      expect(told.notes).toEqual(['Acme was erased on another of your devices, so it is erased here too.']);

      await a.round(remote);
      expect(await storedText(a)).not.toContain(clientId);
      expect(await registerOf(a)).toEqual(await registerOf(b));
    } finally {
      a.workspace.close();
      b.workspace.close();
    }
  });
  it('leaves a row it cannot read as it is, and says what to do', async () => {
    const vault = newVault();
    const remote = memoryRemote();
    const [a, b] = [await device(vault), await device(vault)];
    try {
      const { clientId, record } = await acmeInvoiced(a);
      await a.round(remote);
      await b.round(remote);
      // A newer Caravan on B wrote a row with a field this version does not know.
      const newer = { ...record, number: '2026-0002', remindedOn: '2026-12-31' };
      await setSetting(b.workspace.ctx, registerKey('00000000000000b2'), newer);

      await eraseOn(a, vault.vaultId, clientId, remote);
      Object.assign(current, { ctx: b.workspace.ctx, meta: b.meta, vaultId: vault.vaultId });
      await b.round(remote, { onRemoteErasure: syncHooks(vault.vaultId, appState(clientId)).clientErasedElsewhere });

      expect(await registerOf(b)).toEqual([[KEY, ERASED_CLIENT_ID, 'issued', []]]);
      expect((await listSettings(b.workspace.ctx)).find((s) => s.id === registerKey('00000000000000b2'))?.value).toEqual(newer);
      expect(told.notes).toEqual([
        'Acme was erased on another of your devices, so it is erased here too.',
        '1 invoice in your register, written by a newer version of Caravan, still names an erased client on this device: update Caravan here so it can anonymise it.',
      ]);
    } finally {
      a.workspace.close();
      b.workspace.close();
    }
  });
});

describe('every workspace load', () => {
  it('anonymises again a row a device that never held the client brought back by voiding it later', async () => {
    const vault = newVault();
    const remote = memoryRemote();
    const [a, c] = [await device(vault), await device(vault)];
    try {
      const { clientId, record } = await acmeInvoiced(a);
      await a.round(remote);
      // C never holds the client (away for a trip, say), but it has the register: a workspace setting.
      const away = { skipPartitions: new Set([clientId]), onRemoteErasure: async () => expect.fail('C holds no key of the client') };
      await c.round(remote, away);
      expect(await storedText(c)).toContain(clientId);

      await eraseOn(a, vault.vaultId, clientId, remote);
      // C, offline, voids the invoice after the erasure: its row is the later one.
      await setSetting(c.workspace.ctx, KEY, { ...record, status: 'void', voidedOn: '2026-12-05' });
      await c.round(remote, away);
      await a.round(remote);
      expect(await registerOf(a)).toEqual([[KEY, clientId, 'void', record.blockIds]]);

      Object.assign(current, { ctx: a.workspace.ctx, meta: a.meta, vaultId: vault.vaultId });
      const store = createWorkspaceStore();
      await store.getState().loadWorkspace();
      expect(await registerOf(a)).toEqual([[KEY, ERASED_CLIENT_ID, 'void', []]]);
      expect(store.getState().invoices?.map((r) => r.clientId)).toEqual([ERASED_CLIENT_ID]);
      expect(store.getState().registerProblems).toEqual([]);
      // Nothing to change: a second load writes nothing.
      const before = await a.workspace.ctx.db.changes.count();
      await store.getState().loadWorkspace();
      expect(await a.workspace.ctx.db.changes.count()).toBe(before);

      await a.round(remote);
      await c.round(remote, away);
      expect(await storedText(c)).not.toContain(clientId);
    } finally {
      a.workspace.close();
      c.workspace.close();
    }
  });
});
