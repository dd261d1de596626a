/**
 * Reading one client for its export and counting its rows for the erasure receipt, against a real
 * encrypted store (fake-indexeddb): only that client's records, and exactly the rows erasure deletes.
 */
import { Dexie } from 'dexie';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../src-renderer/vault/crypto/sodium.ts';
import { eraseClient, CLIENT_OWNED_TABLES } from '../../../../src-renderer/vault/repos/clients.ts';
import { createExpense } from '../../../../src-renderer/vault/repos/expenses.ts';
import { createExperiment } from '../../../../src-renderer/vault/repos/experiments.ts';
import { createKillSwitch } from '../../../../src-renderer/vault/repos/kill-switches.ts';
import { createPhase } from '../../../../src-renderer/vault/repos/phases.ts';
import { createProject } from '../../../../src-renderer/vault/repos/projects.ts';
import { createTimeBlocks, removeTimeBlock } from '../../../../src-renderer/vault/repos/time-blocks.ts';
import { countClientRows, readClientRecords } from '../../../../src-renderer/gdpr/client-records.ts';
import { totalRows } from '../../../../src-renderer/gdpr/erasure-receipt.ts';
import { exportClientData } from '../../../../src-renderer/gdpr/portability-export.ts';
import { openTestVault, seedProject, T0, type TestVault } from '../../support/store-helpers.ts';
import { listSettings, setSetting } from '../../../../src-renderer/vault/repos/settings.ts';
import { type InvoiceRecord, LEGACY_REGISTER_SETTING, readRegister, registerKey, storedValue } from '../../../../src-renderer/reports/invoice-register.ts';
import { anonymiseClientInvoices, ERASED_CLIENT_ID } from '../../../../src-renderer/gdpr/erase-invoices.ts';

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
const block = (projectId: string, i: number) => ({ projectId, start: T0 + i * H, end: T0 + i * H + H / 2, zone: 'UTC', kind: 'deep' as const, billable: true });

/** Acme with two projects and one of everything; Beta with a project and blocks of its own. */
async function seed() {
  const acme = await seedProject(v.ctx, { name: 'Acme' });
  const second = await createProject(v.ctx, { clientId: acme.client.id, name: 'Second', status: 'active' });
  const phase = await createPhase(v.ctx, { projectId: acme.project.id, name: 'Build', order: 0, budgetHours: 5 });
  const experiment = await createExperiment(v.ctx, { projectId: acme.project.id, hypothesis: 'It helps', metricName: 'F1' });
  const acmeBlocks = await createTimeBlocks(v.ctx, [block(acme.project.id, 0), block(acme.project.id, 1), block(second.id, 2)]);
  await createExpense(v.ctx, { projectId: second.id, date: '2025-06-01', amountMinor: 100, currency: 'EUR', category: 'fees' });
  await createKillSwitch(v.ctx, { projectId: acme.project.id, trigger: { kind: 'hours', hours: 40 }, consequence: 'Stop' });
  const beta = await seedProject(v.ctx, { name: 'Beta' });
  await createTimeBlocks(v.ctx, [block(beta.project.id, 0), block(beta.project.id, 5)]);
  return { acme, second, phase, experiment, acmeBlocks, beta };
}

describe('readClientRecords', () => {
  it('reads every record of the client and none of another, and the export accepts them', async () => {
    const { acme, second, phase, experiment, acmeBlocks } = await seed();
    const records = await readClientRecords(v.ctx, acme.client.id);
    expect(records.client.id).toBe(acme.client.id);
    expect(records.projects.map((p) => p.id).sort()).toEqual([acme.project.id, second.id].sort());
    expect(records.phases.map((p) => p.id)).toEqual([phase.id]);
    expect(records.experiments.map((e) => e.id)).toEqual([experiment.id]);
    expect(records.timeBlocks.map((b) => b.id).sort()).toEqual(acmeBlocks.map((b) => b.id).sort());
    expect(records.expenses).toHaveLength(1);
    expect(records.killSwitches).toHaveLength(1);

    const out = exportClientData(records, { exportedAt: T0, appVersion: 'test' });
    expect(out.document.timeBlocks).toHaveLength(3);
    expect(out.json).not.toContain('Beta');
  });

  it('refuses a client that does not exist', async () => {
    await expect(readClientRecords(v.ctx, 'missing')).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('countClientRows', () => {
  it('counts exactly what eraseClient deletes, deletion markers included', async () => {
    const { acme, acmeBlocks, beta } = await seed();
    // A deleted block leaves a marker (tombstone) that erasure deletes too.
    await removeTimeBlock(v.ctx, acmeBlocks[0]!.id);
    const counts = await countClientRows(v.ctx, acme.client.id);
    expect(counts).toMatchObject({ clients: 1, projects: 2, phases: 1, timeBlocks: 3, experiments: 1, expenses: 1, killSwitches: 1 });
    expect(counts.changes).toBeGreaterThanOrEqual(10);

    const betaBefore = await countClientRows(v.ctx, beta.client.id);
    const partition = `client:${acme.client.id}`;
    const stored = async () => {
      let rows = await v.db.clients.where('id').equals(acme.client.id).count();
      for (const table of CLIENT_OWNED_TABLES) rows += await v.db[table].where('clientId').equals(acme.client.id).count();
      return rows + (await v.db.changes.where('[partition+seq]').between([partition, Dexie.minKey], [partition, Dexie.maxKey]).count());
    };
    expect(await stored()).toBe(totalRows(counts));

    await eraseClient(v.ctx, acme.client.id);
    expect(await stored()).toBe(0);
    expect(totalRows(await countClientRows(v.ctx, acme.client.id))).toBe(0);
    expect(await countClientRows(v.ctx, beta.client.id)).toEqual(betaBefore);
  });
});

describe('the client’s invoices in the register', () => {
  const invoice = (number: string, clientId: string, blockIds: string[]): InvoiceRecord => ({
    number,
    clientId,
    issueDate: '2025-06-20',
    status: 'issued',
    blockIds,
    expenseIds: [],
    totals: [['EUR', 4_750]],
  });

  it('are exported with the client, and erasure keeps their number, date, status and totals without the client', async () => {
    const { acme, acmeBlocks, beta } = await seed();
    const own = invoice('2025-0001', acme.client.id, [acmeBlocks[0]!.id]);
    const legacyOwn = invoice('2025-0002', acme.client.id, [acmeBlocks[1]!.id]);
    const other = invoice('2025-0003', beta.client.id, []);
    await setSetting(v.ctx, registerKey('ab12cd34ab12cd34'), own);
    await setSetting(v.ctx, registerKey('ef56ef56ef56ef56'), other);
    await setSetting(v.ctx, LEGACY_REGISTER_SETTING, [legacyOwn, { ...other, number: '2025-0000' }]);

    const records = await readClientRecords(v.ctx, acme.client.id);
    expect(records.invoices.map(storedValue)).toEqual([own, legacyOwn]);
    const out = exportClientData(records, { exportedAt: T0, appVersion: 'test' });
    expect(out.document.invoices.map((r) => [r.number, r.timeBlockIds])).toEqual([
      ['2025-0001', [acmeBlocks[0]!.id]],
      ['2025-0002', [acmeBlocks[1]!.id]],
    ]);

    expect(await anonymiseClientInvoices(v.ctx, acme.client.id)).toBe(2);
    const register = readRegister(await listSettings(v.ctx)).records;
    expect(register.map((r) => [r.number, r.clientId, r.issueDate, r.status, r.blockIds, r.totals])).toEqual([
      ['2025-0000', beta.client.id, '2025-06-20', 'issued', [], [['EUR', 4_750]]],
      ['2025-0001', ERASED_CLIENT_ID, '2025-06-20', 'issued', [], [['EUR', 4_750]]],
      ['2025-0002', ERASED_CLIENT_ID, '2025-06-20', 'issued', [], [['EUR', 4_750]]],
      ['2025-0003', beta.client.id, '2025-06-20', 'issued', [], [['EUR', 4_750]]],
    ]);
    // No stored entry names the client any more, the old array included.
    expect(JSON.stringify(await listSettings(v.ctx))).not.toContain(acme.client.id);
    expect(await anonymiseClientInvoices(v.ctx, acme.client.id)).toBe(0);
  });
});
