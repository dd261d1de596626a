/** Issue and void (issue 19, finding 2): billed time is locked, voiding unlocks exactly what was billed. */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { clientInput, idb } from '../../support/store-helpers.ts';
import { generateKey } from '../../../../src-renderer/vault/crypto/keys.ts';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import { newNodeId } from '../../../../src-renderer/sync/hlc/hlc.ts';
import { openWorkspace } from '../../../../src-renderer/vault/session/workspace.ts';
import { setCurrentSession } from '../../../../src-renderer/vault/session/runtime.ts';
import { listTimeBlocks } from '../../../../src-renderer/vault/repos/time-blocks.ts';
import { getSetting } from '../../../../src-renderer/vault/repos/settings.ts';
import type { WorkspaceSlice } from '../../../../src-renderer/workspace/workspace-slice.ts';
import type { RepoContext } from '../../../../src-renderer/vault/repos/context.ts';
import { BILLED_LOCK_MESSAGE } from '../../../../src-renderer/time/time-slice.ts';
import { INVOICE_REGISTER_SETTING } from '../../../../src-renderer/reports/invoice-register.ts';
import { createWorkspaceStore } from '../workspace/workspace-store.ts';

let store: StoreApi<WorkspaceSlice>;
let ctx: RepoContext;
let n = 0;
const H = 3_600_000;
const T = Date.UTC(2026, 10, 20, 8);
const s = () => store.getState();

beforeAll(async () => {
  await getSodium();
});
beforeEach(async () => {
  const session = { vaultId: `billing-${process.pid}-${++n}`, vaultKey: generateKey() };
  const workspace = await openWorkspace({ ...session, vaultKey: session.vaultKey.slice() }, { nodeId: newNodeId(), ...idb });
  setCurrentSession(session, workspace);
  ctx = workspace.ctx;
  store = createWorkspaceStore();
  await s().loadWorkspace();
});
afterEach(() => setCurrentSession(null));

async function twoBlocks() {
  const client = await s().saveClient(clientInput());
  const project = await s().saveProject({ clientId: client.id, name: 'P' });
  const base = { projectId: project.id, zone: 'UTC', kind: 'deep' as const, billable: true };
  const billed = await s().addBlock({ ...base, start: T, end: T + H });
  const other = await s().addBlock({ ...base, start: T + 2 * H, end: T + 3 * H });
  return { client, billed, other };
}

describe('issuing and voiding an invoice', () => {
  it('issuing marks exactly its blocks, records the invoice, and locks the blocks', async () => {
    const { client, billed, other } = await twoBlocks();
    await s().issueInvoice({
      number: '2026-0001',
      clientId: client.id,
      issueDate: '2026-11-20',
      blockIds: [billed.id],
      expenseIds: [],
      totals: [['EUR', 9500]],
    });

    expect(s().blocks.map((b) => [b.id, b.billed])).toEqual([
      [billed.id, true],
      [other.id, false],
    ]);
    expect(s().invoices).toEqual([expect.objectContaining({ number: '2026-0001', status: 'issued', blockIds: [billed.id] })]);
    expect(await getSetting(ctx, INVOICE_REGISTER_SETTING)).toEqual(s().invoices);
    await expect(s().patchBlock(billed.id, { end: T + 2 * H })).rejects.toThrow(BILLED_LOCK_MESSAGE);
    await expect(s().deleteBlock(billed.id)).rejects.toThrow(BILLED_LOCK_MESSAGE);
    expect(s().blocks).toEqual(await listTimeBlocks(ctx));
    await expect(s().patchBlock(other.id, { note: 'still editable' })).resolves.toMatchObject({ note: 'still editable' });
  });

  it('voiding unmarks exactly what it billed and keeps the number as void; the number is never reused', async () => {
    const { client, billed, other } = await twoBlocks();
    await s().issueInvoice({ number: '2026-0001', clientId: client.id, issueDate: '2026-11-20', blockIds: [billed.id], expenseIds: [], totals: [] });
    await s().issueInvoice({ number: '2026-0002', clientId: client.id, issueDate: '2026-11-21', blockIds: [other.id], expenseIds: [], totals: [] });

    expect(await s().voidInvoice('2026-0001', '2026-11-22')).toBe(1);
    expect(s().blocks.map((b) => [b.id, b.billed])).toEqual([
      [billed.id, false],
      [other.id, true],
    ]);
    expect(s().invoices?.map((r) => [r.number, r.status, r.voidedOn])).toEqual([
      ['2026-0001', 'void', '2026-11-22'],
      ['2026-0002', 'issued', undefined],
    ]);
    await expect(s().voidInvoice('2026-0001', '2026-11-22')).rejects.toThrow('already void');
    await expect(
      s().issueInvoice({ number: '2026-0001', clientId: client.id, issueDate: '2026-11-22', blockIds: [billed.id], expenseIds: [], totals: [] }),
    ).rejects.toThrow('never reused');
    expect(s().blocks.find((b) => b.id === billed.id)?.billed).toBe(false);
  });

  it('a void can be undone: the same records are billed again', async () => {
    const { client, billed } = await twoBlocks();
    await s().issueInvoice({ number: '2026-0001', clientId: client.id, issueDate: '2026-11-20', blockIds: [billed.id], expenseIds: [], totals: [] });
    await s().voidInvoice('2026-0001', '2026-11-22');
    await s().unvoidInvoice('2026-0001');
    expect(s().blocks.find((b) => b.id === billed.id)?.billed).toBe(true);
    expect(s().invoices?.[0]).toMatchObject({ status: 'issued' });
    expect(s().invoices?.[0]).not.toHaveProperty('voidedOn');
  });

  it('forgets the register on clear', async () => {
    const { client, billed } = await twoBlocks();
    await s().issueInvoice({ number: '2026-0001', clientId: client.id, issueDate: '2026-11-20', blockIds: [billed.id], expenseIds: [], totals: [] });
    s().clearWorkspace();
    expect(s().invoices).toBeNull();
  });
});
