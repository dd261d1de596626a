/** Issue and void (issue 19, finding 2): billed time is locked, voiding unlocks exactly what was billed. */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as TimeBlocksModule from '../../../../src-renderer/vault/repos/time-blocks.ts';
import type { StoreApi } from 'zustand/vanilla';
import { clientInput, idb } from '../../support/store-helpers.ts';
import { generateKey } from '../../../../src-renderer/vault/crypto/keys.ts';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import { newNodeId } from '../../../../src-renderer/sync/hlc/hlc.ts';
import { openWorkspace } from '../../../../src-renderer/vault/session/workspace.ts';
import { setCurrentSession } from '../../../../src-renderer/vault/session/runtime.ts';
import { listTimeBlocks, updateTimeBlock } from '../../../../src-renderer/vault/repos/time-blocks.ts';
import { getSetting, setSetting } from '../../../../src-renderer/vault/repos/settings.ts';
import type { WorkspaceSlice } from '../../../../src-renderer/workspace/workspace-slice.ts';
import type { RepoContext } from '../../../../src-renderer/vault/repos/context.ts';
import { BILLED_LOCK_MESSAGE } from '../../../../src-renderer/time/time-slice.ts';
import { LEGACY_REGISTER_SETTING, legacyKey, storedValue } from '../../../../src-renderer/reports/invoice-register.ts';
import { BillingIncompleteError } from '../../../../src-renderer/reports/billing-slice.ts';
import { RepoError } from '../../../../src-renderer/vault/repos/errors.ts';
import { createWorkspaceStore } from '../workspace/workspace-store.ts';

// Fault injection: a write of the time block named here fails, as a locked vault or a full disk would.
const fault = vi.hoisted(() => ({ blockId: null as string | null }));
vi.mock('../../../../src-renderer/vault/repos/time-blocks.ts', async (importOriginal) => {
  const real = await importOriginal<typeof TimeBlocksModule>();
  return {
    ...real,
    updateTimeBlock: (...args: Parameters<typeof real.updateTimeBlock>) =>
      args[1] === fault.blockId ? Promise.reject(new RepoError('unreadable', 'The vault is locked.')) : real.updateTimeBlock(...args),
  };
});

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
afterEach(() => {
  fault.blockId = null;
  setCurrentSession(null);
});

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
    // One setting per invoice, so a sync merge (last writer wins per setting) never drops another invoice.
    const [entry] = s().invoices ?? [];
    expect(entry?.key).toMatch(/^invoice\/[0-9a-f]{16}$/);
    expect(await getSetting(ctx, entry!.key)).toEqual(storedValue(entry!));
    expect(await getSetting(ctx, LEGACY_REGISTER_SETTING)).toBeUndefined();
    await expect(s().patchBlock(billed.id, { end: T + 2 * H })).rejects.toThrow(BILLED_LOCK_MESSAGE);
    await expect(s().deleteBlock(billed.id)).rejects.toThrow(BILLED_LOCK_MESSAGE);
    expect(s().blocks).toEqual(await listTimeBlocks(ctx));
    await expect(s().patchBlock(other.id, { note: 'still editable' })).resolves.toMatchObject({ note: 'still editable' });
  });

  it('voiding unmarks exactly what it billed and keeps the number as void; the number is never reused', async () => {
    const { client, billed, other } = await twoBlocks();
    await s().issueInvoice({ number: '2026-0001', clientId: client.id, issueDate: '2026-11-20', blockIds: [billed.id], expenseIds: [], totals: [] });
    await s().issueInvoice({ number: '2026-0002', clientId: client.id, issueDate: '2026-11-21', blockIds: [other.id], expenseIds: [], totals: [] });

    const key = s().invoices![0]!.key;
    expect(await s().voidInvoice(key, '2026-11-22')).toBe(1);
    expect(s().blocks.map((b) => [b.id, b.billed])).toEqual([
      [billed.id, false],
      [other.id, true],
    ]);
    expect(s().invoices?.map((r) => [r.number, r.status, r.voidedOn])).toEqual([
      ['2026-0001', 'void', '2026-11-22'],
      ['2026-0002', 'issued', undefined],
    ]);
    await expect(s().voidInvoice(key, '2026-11-22')).rejects.toThrow('already void');
    await expect(
      s().issueInvoice({ number: '2026-0001', clientId: client.id, issueDate: '2026-11-22', blockIds: [billed.id], expenseIds: [], totals: [] }),
    ).rejects.toThrow('never reused');
    expect(s().blocks.find((b) => b.id === billed.id)?.billed).toBe(false);
  });

  it('a void can be undone: the same records are billed again', async () => {
    const { client, billed } = await twoBlocks();
    await s().issueInvoice({ number: '2026-0001', clientId: client.id, issueDate: '2026-11-20', blockIds: [billed.id], expenseIds: [], totals: [] });
    const key = s().invoices![0]!.key;
    await s().voidInvoice(key, '2026-11-22');
    await s().unvoidInvoice(key);
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

describe('the register is the truth for the billed marks', () => {
  const issue = (clientId: string, blockIds: string[], number = '2026-0001') =>
    s().issueInvoice({ number, clientId, issueDate: '2026-11-20', blockIds, expenseIds: [], totals: [] });
  const billedFlags = async () => (await listTimeBlocks(ctx)).map((b) => b.billed);

  it('an issue that fails half way is recorded as issued and completed at the next load', async () => {
    const { client, billed, other } = await twoBlocks();
    fault.blockId = other.id;
    const failure = issue(client.id, [billed.id, other.id]);
    await expect(failure).rejects.toThrow(BillingIncompleteError);
    await expect(failure).rejects.toThrow('Invoice 2026-0001 is issued and in your register, but 1 item was not changed yet: The vault is locked.');
    expect(s().invoices).toEqual([expect.objectContaining({ number: '2026-0001', status: 'issued' })]);
    expect(await billedFlags()).toEqual([true, false]);

    fault.blockId = null;
    await s().loadWorkspace();
    expect(await billedFlags()).toEqual([true, true]);
    expect(s().blocks.map((b) => b.billed)).toEqual([true, true]);
    expect(s().registerProblems).toEqual([]);
  });

  it('a void that fails half way stays void and is completed at the next load', async () => {
    const { client, billed, other } = await twoBlocks();
    await issue(client.id, [billed.id, other.id]);
    fault.blockId = other.id;
    await expect(s().voidInvoice(s().invoices![0]!.key, '2026-11-22')).rejects.toThrow('Invoice 2026-0001 is void, but 1 item was not changed yet');
    expect(await billedFlags()).toEqual([false, true]);

    fault.blockId = null;
    await s().loadWorkspace();
    expect(await billedFlags()).toEqual([false, false]);
    expect(s().invoices).toEqual([expect.objectContaining({ status: 'void' })]);
    expect(s().registerProblems).toEqual([]);
  });

  it('blocks billed by no invoice in the register stay billed at load, are named in words, and are unbilled when the person says so', async () => {
    const { billed } = await twoBlocks();
    // What a bundle from another vault, or version 1's one-setting register after sync dropped a device's entry, leaves.
    await updateTimeBlock(ctx, billed.id, { billed: true });
    await s().loadWorkspace();
    expect(await billedFlags()).toEqual([true, false]);
    expect(s().billedWithoutInvoice).toEqual({ blockIds: [billed.id], expenseIds: [] });
    expect(s().registerProblems).toEqual([expect.stringContaining("1 record is marked billed, but no invoice in this vault's register bills it")]);

    expect(await s().unbillWithoutInvoice({ blockIds: [billed.id], expenseIds: [] })).toBe(1);
    expect(await billedFlags()).toEqual([false, false]);
    expect(s().billedWithoutInvoice).toEqual({ blockIds: [], expenseIds: [] });
    expect(s().registerProblems).toEqual([]);
    await expect(s().patchBlock(billed.id, { note: 'editable again' })).resolves.toMatchObject({ note: 'editable again' });
  });

  it('migrates the version 1 register: every invoice kept, its void written in the new form, the old setting untouched', async () => {
    const { client, billed, other } = await twoBlocks();
    const old = [
      { number: '2026-0001', clientId: client.id, issueDate: '2026-11-20', status: 'issued', blockIds: [billed.id], expenseIds: [], totals: [['EUR', 9500]] },
      { number: '2026-0002', clientId: client.id, issueDate: '2026-11-21', status: 'issued', blockIds: [other.id], expenseIds: [], totals: [['EUR', 100]] },
    ];
    await setSetting(ctx, LEGACY_REGISTER_SETTING, old);
    await updateTimeBlock(ctx, billed.id, { billed: true });
    await updateTimeBlock(ctx, other.id, { billed: true });
    await s().loadWorkspace();
    expect(s().invoices?.map((r) => [r.key, r.status])).toEqual([
      [legacyKey('2026-0001'), 'issued'],
      [legacyKey('2026-0002'), 'issued'],
    ]);
    expect(s().registerProblems).toEqual([]);

    await s().voidInvoice(legacyKey('2026-0001'), '2026-11-22');
    expect(await getSetting(ctx, legacyKey('2026-0001'))).toMatchObject({ status: 'void', voidedOn: '2026-11-22' });
    expect(await getSetting(ctx, LEGACY_REGISTER_SETTING)).toEqual(old);
    // An older Caravan on another device writes the array again, with an invoice of its own.
    const third = { ...old[1]!, number: '2026-0003', blockIds: [] };
    await setSetting(ctx, LEGACY_REGISTER_SETTING, [...old, third]);
    await s().loadWorkspace();
    expect(s().invoices?.map((r) => [r.number, r.status])).toEqual([
      ['2026-0001', 'void'],
      ['2026-0002', 'issued'],
      ['2026-0003', 'issued'],
    ]);
    expect(await billedFlags()).toEqual([false, true]);
    await expect(issue(client.id, [billed.id], '2026-0003')).rejects.toThrow('never reused');
  });

  it('a billed mark newer than the void that names it stays billed and is asked about, not unbilled (review 8, finding 1)', async () => {
    const { client, billed } = await twoBlocks();
    await issue(client.id, [billed.id]);
    await s().voidInvoice(s().invoices![0]!.key, '2026-11-22');
    // Another device issued this time again; its mark synced here before its register entry did.
    await updateTimeBlock(ctx, billed.id, { billed: true });
    await s().loadWorkspace();
    expect(await billedFlags()).toEqual([true, false]);
    expect(s().billedWithoutInvoice).toEqual({ blockIds: [billed.id], expenseIds: [] });
    expect(s().registerProblems).toEqual([expect.stringContaining('1 record was marked billed after invoice 2026-0001 voided it')]);
  });

  it('an unbilled mark newer than the issued entry that names it is not billed again, and is said in words', async () => {
    const { client, billed } = await twoBlocks();
    await issue(client.id, [billed.id]);
    // Another device voided it; the unmark synced here before the void did.
    await updateTimeBlock(ctx, billed.id, { billed: false });
    await s().loadWorkspace();
    expect(await billedFlags()).toEqual([false, false]);
    expect(s().registerProblems).toEqual([expect.stringContaining('Invoice 2026-0001 bills 1 record that was unbilled after it was issued')]);
  });

  it('unvoiding an invoice that version 1 voided is refused in words, and it stays void (review 8, finding 9)', async () => {
    const { client, billed } = await twoBlocks();
    const old = [
      {
        number: '2026-0001',
        clientId: client.id,
        issueDate: '2026-11-20',
        status: 'void',
        voidedOn: '2026-11-21',
        blockIds: [billed.id],
        expenseIds: [],
        totals: [],
      },
    ];
    await setSetting(ctx, LEGACY_REGISTER_SETTING, old);
    await s().loadWorkspace();
    await expect(s().unvoidInvoice(legacyKey('2026-0001'))).rejects.toThrow('was voided by an older version of Caravan');
    await s().loadWorkspace();
    expect(s().invoices?.map((r) => r.status)).toEqual(['void']);
    expect(await billedFlags()).toEqual([false, false]);
  });
});

describe('issuing from a draft that sync made out of date (review 8, finding 4)', () => {
  const issue = (clientId: string, blockIds: string[], number: string) =>
    s().issueInvoice({ number, clientId, issueDate: '2026-11-20', blockIds, expenseIds: [], totals: [] });

  it('refuses to bill time another invoice bills now, and writes nothing', async () => {
    const { client, billed, other } = await twoBlocks();
    await issue(client.id, [billed.id], '2026-0001');
    await expect(issue(client.id, [billed.id, other.id], '2026-0002')).rejects.toThrow(
      'Invoice 2026-0002 was not issued: 1 item of this draft is billed already (on invoice 2026-0001, perhaps issued on another device while this one was open). Close the draft and draft the invoice again.',
    );
    expect(s().invoices?.map((r) => r.number)).toEqual(['2026-0001']);
    expect(s().blocks.map((b) => b.billed)).toEqual([true, false]);
  });

  it('refuses time marked billed by no invoice here yet (an invoice whose entry has not synced)', async () => {
    const { client, billed } = await twoBlocks();
    await updateTimeBlock(ctx, billed.id, { billed: true });
    await s().loadWorkspace();
    await expect(issue(client.id, [billed.id], '2026-0001')).rejects.toThrow('1 item of this draft is billed already (by no invoice in this vault');
    expect(s().invoices).toEqual([]);
  });
});

describe('unbilling records no invoice bills (review 8, finding 7)', () => {
  it("unbills only the records it is given (one client's), never another client's", async () => {
    const first = await twoBlocks();
    const second = await twoBlocks();
    await updateTimeBlock(ctx, first.billed.id, { billed: true });
    await updateTimeBlock(ctx, second.billed.id, { billed: true });
    await s().loadWorkspace();
    expect(s().billedWithoutInvoice.blockIds.sort()).toEqual([first.billed.id, second.billed.id].sort());

    expect(await s().unbillWithoutInvoice({ blockIds: [first.billed.id], expenseIds: [] })).toBe(1);
    expect(s().blocks.find((b) => b.id === first.billed.id)?.billed).toBe(false);
    expect(s().blocks.find((b) => b.id === second.billed.id)?.billed).toBe(true);
    expect(s().billedWithoutInvoice).toEqual({ blockIds: [second.billed.id], expenseIds: [] });
    // An id that an invoice bills (or that is not stray) is left alone.
    expect(await s().unbillWithoutInvoice({ blockIds: [first.other.id], expenseIds: [] })).toBe(0);
  });
});
