/** The workspace cache: read after unlock, kept equal to what the repositories hold, dropped on clear. */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { clientInput, idb } from '../../support/store-helpers.ts';
import { generateKey } from '../../../../src-renderer/vault/crypto/keys.ts';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import { newNodeId } from '../../../../src-renderer/sync/hlc/hlc.ts';
import { openWorkspace } from '../../../../src-renderer/vault/session/workspace.ts';
import { setCurrentSession } from '../../../../src-renderer/vault/session/runtime.ts';
import { listTimeBlocks } from '../../../../src-renderer/vault/repos/time-blocks.ts';
import { listClients } from '../../../../src-renderer/vault/repos/clients.ts';
import { listExpenses } from '../../../../src-renderer/vault/repos/expenses.ts';
import { createWorkspaceStore, type WorkspaceStoreState } from './workspace-store.ts';
import type { RepoContext } from '../../../../src-renderer/vault/repos/context.ts';

let store: StoreApi<WorkspaceStoreState>;
let ctx: RepoContext;
let n = 0;
const H = 3_600_000;
const T = Date.UTC(2026, 10, 20, 8);

beforeAll(async () => {
  await getSodium();
});
beforeEach(async () => {
  const session = { vaultId: `slice-${process.pid}-${++n}`, vaultKey: generateKey() };
  const workspace = await openWorkspace({ ...session, vaultKey: session.vaultKey.slice() }, { nodeId: newNodeId(), ...idb });
  setCurrentSession(session, workspace);
  ctx = workspace.ctx;
  store = createWorkspaceStore();
  await store.getState().loadWorkspace();
});
afterEach(() => setCurrentSession(null));

describe('workspace slice', () => {
  it('keeps blocks sorted by start and equal to the stored ones through adds, edits and deletes', async () => {
    const s = () => store.getState();
    const client = await s().saveClient(clientInput());
    const project = await s().saveProject({ clientId: client.id, name: 'P' });
    const base = { projectId: project.id, zone: 'Europe/Berlin', kind: 'deep' as const, billable: true };
    const [late] = await s().addBlocks([{ ...base, start: T + 5 * H, end: T + 6 * H }]);
    const early = await s().addBlock({ ...base, start: T, end: T + H });
    await s().addBlock({ ...base, start: T + 2 * H, end: T + 3 * H, note: 'middle' });
    await s().patchBlock(early.id, { start: T + 7 * H, end: T + 8 * H });
    const removed = await s().deleteBlock(late!.id);

    expect(removed.id).toBe(late!.id);
    expect(s().blocks.map((b) => b.start)).toEqual([T + 2 * H, T + 7 * H]);
    expect(s().blocks).toEqual(await listTimeBlocks(ctx));
    expect(s().clients).toEqual(await listClients(ctx));
  });

  it('reports a refused write as the repository’s error and leaves the cache alone', async () => {
    await expect(store.getState().saveClient({ ...clientInput(), name: '' })).rejects.toThrow(/Name is required/);
    expect(store.getState().clients).toEqual([]);
  });

  it('forgets every record on clear, and the reminders shown', async () => {
    await store.getState().saveClient(clientInput());
    // A "Stop the timer" left on the lock screen would stop whatever runs after the next unlock.
    store.setState({ reminders: [{ kind: 'long-timer', message: 'The timer has counted more than 3 h in this session.', sessionId: 's1' }] });
    store.getState().clearWorkspace();
    expect(store.getState()).toMatchObject({ clients: [], projects: [], phases: [], blocks: [], workspace: { kind: 'idle' }, reminders: [] });
  });

  it('says why when the store cannot be read', async () => {
    setCurrentSession(null);
    await store.getState().loadWorkspace();
    expect(store.getState().workspace).toEqual({ kind: 'error', message: 'The vault is locked; unlock it to read or change records.' });
  });
});

describe('the feature slices in one store', () => {
  it('marks billed across the time and expense caches, and both equal what is stored', async () => {
    const s = () => store.getState();
    const client = await s().saveClient(clientInput());
    const project = await s().saveProject({ clientId: client.id, name: 'P' });
    const block = await s().addBlock({ projectId: project.id, start: T, end: T + H, zone: 'UTC', kind: 'deep', billable: true });
    const expense = await s().addExpense({
      projectId: project.id,
      date: '2026-11-20',
      amountMinor: 4_200,
      currency: 'EUR',
      category: 'compute',
      passThrough: true,
    });

    const issued = await s().issueInvoice({
      number: '2026-0001',
      clientId: client.id,
      issueDate: '2026-11-20',
      blockIds: [block.id],
      expenseIds: [expense.id],
      totals: [],
    });
    expect(s().blocks.map((b) => b.billed)).toEqual([true]);
    expect(s().expenses.map((e) => e.billed)).toEqual([true]);
    expect(s().blocks).toEqual(await listTimeBlocks(ctx));
    expect(s().expenses).toEqual(await listExpenses(ctx));
    // Billed time and expenses are locked: neither can be deleted while the invoice stands.
    await expect(s().deleteBlock(block.id)).rejects.toThrow(/invoice/);
    await expect(s().deleteExpense(expense.id)).rejects.toThrow(/Void the invoice/);
    expect(await listExpenses(ctx)).toHaveLength(1);
    expect(await s().voidInvoice(issued.key, '2026-11-21')).toBe(2);
    expect(s().blocks).toEqual(await listTimeBlocks(ctx));
    expect(s().expenses.map((e) => e.billed)).toEqual([false]);
  });

  it('drops an erased client from every feature cache and keeps the others', async () => {
    const s = () => store.getState();
    const gone = await s().saveClient(clientInput());
    const kept = await s().saveClient({ ...clientInput(), name: 'Kept client' });
    for (const client of [gone, kept]) {
      const project = await s().saveProject({ clientId: client.id, name: `P ${client.name}` });
      await s().addPhase({ projectId: project.id, name: 'Discovery', order: 0, budgetHours: 10, status: 'active', exitCriteria: '' });
      await s().addBlock({ projectId: project.id, start: T, end: T + H, zone: 'UTC', kind: 'deep', billable: true });
      await s().addExpense({ projectId: project.id, date: '2026-11-20', amountMinor: 100, currency: 'EUR', category: 'fees' });
    }
    s().dropErasedClient(gone.id);
    expect(s().clients.map((c) => c.id)).toEqual([kept.id]);
    for (const list of [s().projects, s().phases, s().blocks, s().expenses]) {
      expect(list.map((r) => r.clientId)).toEqual([kept.id]);
    }
  });
});

describe('loading in two steps', () => {
  it('shows recent blocks first, then reads older ones in chunks until every stored block is in the cache', async () => {
    const client = await store.getState().saveClient(clientInput());
    const project = await store.getState().saveProject({ clientId: client.id, name: 'P' });
    const now = Date.now();
    // Three years back, one block every 11 days, one of them straddling a chunk edge.
    const inputs = Array.from({ length: 100 }, (_, i) => ({
      projectId: project.id,
      start: now - i * 11 * 86_400_000 - 2 * H,
      end: now - i * 11 * 86_400_000 - H,
      zone: 'UTC',
      kind: 'deep' as const,
      billable: true,
    }));
    await store.getState().addBlocks(inputs);

    const loading = store.getState().loadWorkspace();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await loading;
    expect(store.getState().blocksComplete).toBe(true);
    const stored = await listTimeBlocks(ctx);
    expect(store.getState().blocks).toEqual(stored);
    expect(stored).toHaveLength(100);
  });

  it('shows the newest older chunk at once when nothing is recent, and still ends with every block', async () => {
    const client = await store.getState().saveClient(clientInput());
    const project = await store.getState().saveProject({ clientId: client.id, name: 'P' });
    const yearAgo = Date.now() - 365 * 86_400_000;
    await store.getState().addBlocks(
      Array.from({ length: 30 }, (_, i) => ({
        projectId: project.id,
        start: yearAgo - i * 20 * 86_400_000,
        end: yearAgo - i * 20 * 86_400_000 + H,
        zone: 'UTC',
        kind: 'deep' as const,
        billable: true,
      })),
    );
    const seen: number[] = [];
    const unsubscribe = store.subscribe((state) => seen.push(state.blocks.length));
    await store.getState().loadWorkspace();
    unsubscribe();
    // Some blocks were on screen before the load finished, and the end state has all of them.
    expect(seen.some((n) => n > 0 && n < 30)).toBe(true);
    expect(store.getState().blocks).toEqual(await listTimeBlocks(ctx));
    expect(store.getState().blocks).toHaveLength(30);
  });

  it('drops what an older load reads after the workspace was cleared', async () => {
    const loading = store.getState().loadWorkspace();
    store.getState().clearWorkspace();
    await loading;
    expect(store.getState().workspace).toEqual({ kind: 'idle' });
  });
});
