/**
 * Erasure and the invoice register on a real encrypted store (review 8, findings 2 and 3): the
 * invoices are anonymised only once the client is shredded, so an erasure that stops half way
 * leaves them as they were; a register row this version cannot read that names the client stops
 * the erasure and the export in words, instead of being skipped.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import { eraseClient, listClients } from '../../../../src-renderer/vault/repos/clients.ts';
import { listSettings, setSetting } from '../../../../src-renderer/vault/repos/settings.ts';
import { createTimeBlocks, listTimeBlocks } from '../../../../src-renderer/vault/repos/time-blocks.ts';
import { type InvoiceRecord, LEGACY_REGISTER_SETTING, readRegister, registerKey } from '../../../../src-renderer/reports/invoice-register.ts';
import { planReconcile } from '../../../../src-renderer/reports/register-reconcile.ts';
import { countClientRows, readClientRecords } from '../../../../src-renderer/gdpr/client-records.ts';
import { eraseClientEverywhere, type EraseClientDeps } from '../../../../src-renderer/gdpr/erase-client.ts';
import { anonymiseClientInvoices, checkClientInvoices, ERASED_CLIENT_ID } from '../../../../src-renderer/gdpr/erase-invoices.ts';
import { withSyncLock } from '../../../../src-renderer/sync/sync-lock.ts';
import { openTestVault, seedProject, T0, type TestVault } from '../../support/store-helpers.ts';

let v: TestVault;
beforeAll(async () => {
  await getSodium();
});
beforeEach(async () => {
  v = await openTestVault();
});
afterEach(async () => {
  await v.close();
});

const H = 3_600_000;
const invoice = (number: string, clientId: string, blockIds: string[]): InvoiceRecord => ({
  number,
  clientId,
  issueDate: '2025-06-20',
  status: 'issued',
  blockIds,
  expenseIds: [],
  totals: [['EUR', 9_500]],
});

/** Acme with two blocks billed on invoice 2025-0001. */
async function billedClient() {
  const { client, project } = await seedProject(v.ctx, { name: 'Acme' });
  const blocks = await createTimeBlocks(
    v.ctx,
    [0, 1].map((i) => ({
      projectId: project.id,
      start: T0 + i * H,
      end: T0 + i * H + H / 2,
      zone: 'UTC',
      kind: 'deep' as const,
      billable: true,
      billed: true,
    })),
  );
  const record = invoice(
    '2025-0001',
    client.id,
    blocks.map((b) => b.id),
  );
  await setSetting(v.ctx, registerKey('00000000000000a1'), record);
  return { client, blocks, record };
}

/** The workflow on this vault's real steps; main must not be reached unless the test says so. */
function deps(steps: string[], overrides: Partial<EraseClientDeps> = {}): EraseClientDeps {
  const unreachable = async (): Promise<never> => {
    throw new Error('main was called');
  };
  return {
    countRows: (id) => countClientRows(v.ctx, id),
    checkInvoices: (id) => checkClientInvoices(v.ctx, id),
    withSyncLock: (work) =>
      withSyncLock(async () => {
        steps.push('lock');
        try {
          return await work();
        } finally {
          steps.push('unlock');
        }
      }),
    shred: async (id) => {
      steps.push('shred');
      await eraseClient(v.ctx, id);
    },
    anonymiseInvoices: async (id) => {
      steps.push('invoices');
      return anonymiseClientInvoices(v.ctx, id);
    },
    dropFromCache: () => void steps.push('drop'),
    locality: { recordClientAction: unreachable, targets: unreachable },
    sync: { deletePartition: unreachable },
    now: () => 42,
    appVersion: 'test',
    explain: (error, what) => `${error instanceof Error ? error.message : String(error)} ${what}`,
    ...overrides,
  } as EraseClientDeps;
}

describe('an erasure that stops half way (finding 2)', () => {
  it('a shred that fails leaves the invoices as they were, and reconciliation finds nothing to unbill', async () => {
    const { client, blocks, record } = await billedClient();
    const steps: string[] = [];
    const outcome = await eraseClientEverywhere(
      deps(steps, {
        shred: async () => {
          steps.push('shred');
          throw new Error('The vault is busy.');
        },
      }),
      client,
    );
    expect(outcome.kind).toBe('unfinished');
    expect(steps).not.toContain('invoices');
    const { records, unreadable } = readRegister(await listSettings(v.ctx));
    expect(records.map((r) => ({ ...r, key: undefined }))).toEqual([{ ...record, key: undefined }]);
    // What Reports would offer: the client's billed blocks are still billed by its invoice.
    const stored = await listTimeBlocks(v.ctx);
    const plan = planReconcile(records, unreadable, stored, [], new Set((await listClients(v.ctx)).map((c) => c.id)));
    expect(plan.unknown.blockIds).toEqual([]);
    expect(plan.unmark.blockIds).toEqual([]);
    expect(plan.problems).toEqual([]);
    expect(stored.map((b) => b.id).sort()).toEqual(blocks.map((b) => b.id).sort());
  });

  it('anonymises the invoices with sync held, after the client is shredded', async () => {
    const { client } = await billedClient();
    const steps: string[] = [];
    const outcome = await eraseClientEverywhere(
      deps(steps, {
        locality: {
          recordClientAction: async () => ({ ok: true, value: { at: 7, heldOn: [] } }),
          targets: async () => ({ ok: true, value: { targets: [] } }) as never,
        },
      }),
      client,
    );
    expect(steps).toEqual(['lock', 'shred', 'invoices', 'unlock', 'drop']);
    expect(outcome.kind === 'erased' && outcome.receipt.invoicesAnonymised).toBe(1);
    expect(readRegister(await listSettings(v.ctx)).records.map((r) => [r.clientId, r.blockIds])).toEqual([[ERASED_CLIENT_ID, []]]);
  });
});

describe('register rows this version cannot read (finding 3)', () => {
  /** A row as a newer Caravan might write it: one field more, so the strict schema refuses it. */
  const newer = (record: InvoiceRecord) => ({ ...record, remindedOn: '2025-07-20' });

  it('one naming the client stops the erasure in words before anything is destroyed', async () => {
    const { client, record } = await billedClient();
    await setSetting(v.ctx, registerKey('00000000000000b2'), newer({ ...record, number: '2025-0002' }));
    const steps: string[] = [];
    const outcome = await eraseClientEverywhere(deps(steps), client);
    expect(outcome).toEqual({
      kind: 'not-erased',
      message:
        'Your invoice register holds 1 invoice of this client that this version of Caravan cannot read (written by a newer version on another device), so it cannot be anonymised. Update Caravan on this device, then try again. Nothing was erased.',
    });
    expect(steps).toEqual([]);
    expect((await listClients(v.ctx)).map((c) => c.id)).toEqual([client.id]);
    expect(JSON.stringify(await listSettings(v.ctx))).toContain(client.id);
  });

  it('one in version 1’s array counts too, and one of another client does not', async () => {
    const { client, record } = await billedClient();
    const other = await seedProject(v.ctx, { name: 'Beta' });
    await setSetting(v.ctx, LEGACY_REGISTER_SETTING, [newer({ ...record, number: '2024-0009' })]);
    await setSetting(v.ctx, registerKey('00000000000000c3'), newer(invoice('2025-0003', other.client.id, [])));
    await expect(checkClientInvoices(v.ctx, client.id)).rejects.toThrow(/holds 1 invoice of this client/);
    await expect(checkClientInvoices(v.ctx, other.client.id)).rejects.toThrow(/holds 1 invoice of this client/);
    const third = await seedProject(v.ctx, { name: 'Gamma' });
    await expect(checkClientInvoices(v.ctx, third.client.id)).resolves.toBeUndefined();
  });

  it('the export refuses in words instead of leaving it out', async () => {
    const { client, record } = await billedClient();
    await setSetting(v.ctx, registerKey('00000000000000b2'), newer({ ...record, number: '2025-0002' }));
    await expect(readClientRecords(v.ctx, client.id)).rejects.toThrow(
      'Your invoice register holds 1 invoice of this client that this version of Caravan cannot read (written by a newer version on another device), so it cannot be exported. Update Caravan on this device, then try again.',
    );
  });

  it('anonymising anonymises what it can read, then says what it could not', async () => {
    const { client, record } = await billedClient();
    const key = registerKey('00000000000000b2');
    await setSetting(v.ctx, key, newer({ ...record, number: '2025-0002' }));
    await expect(anonymiseClientInvoices(v.ctx, client.id)).rejects.toThrow(/holds 1 invoice of this client/);
    const settings = await listSettings(v.ctx);
    expect(readRegister(settings).records.map((r) => [r.number, r.clientId])).toEqual([['2025-0001', ERASED_CLIENT_ID]]);
    // The unreadable row is left as it was: rewriting what this version does not understand could lose what it says.
    expect(settings.find((s) => s.id === key)?.value).toEqual(newer({ ...record, number: '2025-0002' }));
  });
});
