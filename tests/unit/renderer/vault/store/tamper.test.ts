/**
 * Tampering with stored rows (through a Dexie instance without the middleware, as an attacker
 * with the disk would): every read refuses with a typed error or reports the row, and never
 * returns its content.
 */
import { Dexie, type IndexableType } from 'dexie';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isVaultError, VaultError } from '../../../../../src-renderer/vault/crypto/errors.ts';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { encryptionMiddleware, type UnreadableRow } from '../../../../../src-renderer/vault/store/encryption-middleware.ts';
import { defineVaultSchema } from '../../../../../src-renderer/vault/store/open-store.ts';
import { ENCRYPTED_TABLES } from '../../../../../src-renderer/vault/store/schema.ts';
import { createClient, getClient, listClients } from '../../../../../src-renderer/vault/repos/clients.ts';
import { createPhase, getPhase } from '../../../../../src-renderer/vault/repos/phases.ts';
import { createExpense, getExpense } from '../../../../../src-renderer/vault/repos/expenses.ts';
import { getProject, updateProject } from '../../../../../src-renderer/vault/repos/projects.ts';
import { createTimeBlock, getTimeBlock, listTimeBlocks } from '../../../../../src-renderer/vault/repos/time-blocks.ts';
import { readChanges } from '../../../../../src-renderer/vault/repos/change-log.ts';
import { RepoError } from '../../../../../src-renderer/vault/repos/errors.ts';
import { clientInput, idb, openTestVault, seedProject, T0, type TestVault } from '../../../support/store-helpers.ts';

let v: TestVault;
let raw: Dexie;
beforeAll(async () => {
  await getSodium();
});
beforeEach(async () => {
  v = await openTestVault();
  raw = await v.raw();
});
afterEach(async () => {
  await v.close();
});

type Row = Record<string, unknown> & { ct: Uint8Array };

async function tamper(table: string, key: IndexableType, change: (row: Row) => Row): Promise<void> {
  const row = (await raw.table(table).get(key)) as Row;
  await raw.table(table).put(change({ ...row }));
}

/** The VaultError code of a read through the middleware; fails if the read returned anything. */
async function refusal(read: () => Promise<unknown>): Promise<string> {
  const result = await read().then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if ('value' in result) throw new Error(`read returned ${JSON.stringify(result.value)}`);
  if (!isVaultError(result.error)) throw result.error;
  return result.error.code;
}

const block = (projectId: string, start = T0) => ({
  projectId,
  start,
  end: start + 1_800_000,
  zone: 'UTC',
  kind: 'deep' as const,
  billable: true,
  note: 'secret note',
});

describe('a ciphertext moved to another row', () => {
  it('within a table: both rows refuse to open; lists leave them out and report them', async () => {
    const a = await createClient(v.ctx, clientInput({ name: 'Alpha' }));
    const b = await createClient(v.ctx, clientInput({ name: 'Beta' }));
    const c = await createClient(v.ctx, clientInput({ name: 'Gamma' }));
    const rowA = (await raw.table('clients').get(a.id)) as Row;
    const rowB = (await raw.table('clients').get(b.id)) as Row;
    await tamper('clients', a.id, (row) => ({ ...row, ct: rowB.ct }));
    await tamper('clients', b.id, (row) => ({ ...row, ct: rowA.ct }));
    expect(await refusal(() => v.db.clients.get(a.id))).toBe('record-corrupt');
    expect(await refusal(() => v.db.clients.get(b.id))).toBe('record-corrupt');
    v.unreadable.length = 0;
    expect(await listClients(v.ctx)).toEqual([c]);
    expect(v.unreadable.map((u) => [u.table, u.key, u.error.code]).sort()).toEqual(
      [
        ['clients', a.id, 'record-corrupt'],
        ['clients', b.id, 'record-corrupt'],
      ].sort(),
    );
    const error = await getClient(v.ctx, a.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RepoError);
    expect(error).toMatchObject({ code: 'unreadable', vaultCode: 'record-corrupt' });
  });

  it('across tables: a project ciphertext under a phase row with the same id does not open', async () => {
    const { project } = await seedProject(v.ctx);
    const phase = await createPhase(v.ctx, { projectId: project.id, name: 'Build', order: 0, budgetHours: 10, id: project.id });
    const projectRow = (await raw.table('projects').get(project.id)) as Row;
    await tamper('phases', phase.id, (row) => ({ ...row, ct: projectRow.ct }));
    expect(await refusal(() => v.db.phases.get(phase.id))).toBe('record-corrupt');
    expect(await getPhase(v.ctx, phase.id).catch((e: unknown) => (e as RepoError).code)).toBe('unreadable');
    expect(await v.db.phases.toArray()).toEqual([]);
  });

  it('a change log entry moved to another sequence number does not open', async () => {
    const { client } = await seedProject(v.ctx);
    const first = (await raw.table('changes').get(1)) as Row;
    await tamper('changes', 2, (row) => ({ ...row, ct: first.ct }));
    v.unreadable.length = 0;
    const entries = await readChanges(v.db, `client:${client.id}`);
    expect(entries.map((e) => e.seq)).toEqual([1]);
    expect(v.unreadable).toMatchObject([{ table: 'changes', key: 2, error: { code: 'record-corrupt' } }]);
  });
});

describe('damaged ciphertexts', () => {
  it('a flipped bit anywhere (version, nonce, body, tag) is refused', async () => {
    const { project } = await seedProject(v.ctx);
    const b = await createTimeBlock(v.ctx, block(project.id));
    const original = ((await raw.table('timeBlocks').get(b.id)) as Row).ct;
    for (const index of [0, 1, 24, 25, 60, original.length - 1]) {
      const ct = original.slice();
      ct[index] = (ct[index] as number) ^ 0x01;
      await tamper('timeBlocks', b.id, (row) => ({ ...row, ct }));
      expect(await refusal(() => v.db.timeBlocks.get(b.id)), `byte ${index}`).toBe('record-corrupt');
      expect(await listTimeBlocks(v.ctx, { projectId: project.id })).toEqual([]);
    }
    await tamper('timeBlocks', b.id, (row) => ({ ...row, ct: original }));
    expect(await getTimeBlock(v.ctx, b.id)).toEqual(b);
  });

  it('a truncated, empty or missing ciphertext is refused', async () => {
    const { client } = await seedProject(v.ctx);
    const original = ((await raw.table('clients').get(client.id)) as Row).ct;
    for (const ct of [original.subarray(0, original.length - 1), original.subarray(0, 40), new Uint8Array(0), undefined, 'text']) {
      await tamper('clients', client.id, (row) => ({ ...row, ct }) as Row);
      expect(await refusal(() => v.db.clients.get(client.id))).toBe('record-corrupt');
    }
  });
});

describe('edited clear fields', () => {
  it('moving a block to another project, day or client is detected', async () => {
    const { project, client } = await seedProject(v.ctx);
    const { project: sibling } = await seedProject(v.ctx, { id: 'second-client' });
    const b = await createTimeBlock(v.ctx, block(project.id));
    const stored = (await raw.table('timeBlocks').get(b.id)) as Row;
    const edits: Array<[string, Row]> = [
      ['projectId', { ...stored, projectId: sibling.id }],
      ['day', { ...stored, day: (stored['day'] as number) + 1 }],
      ['clientId', { ...stored, clientId: 'second-client' }],
      ['id', { ...stored, id: 'copy-of-block' }],
    ];
    for (const [field, edited] of edits) {
      await raw.table('timeBlocks').clear();
      await raw.table('timeBlocks').put(edited);
      expect(await refusal(() => v.db.timeBlocks.get(edited['id'] as string)), field).toBe('record-corrupt');
      expect(await listTimeBlocks(v.ctx), field).toEqual([]);
    }
    expect(client.id).not.toBe('second-client');
  });

  it('a row relabelled with another schema version is refused', async () => {
    const { client } = await seedProject(v.ctx);
    for (const version of [2, 0, 1.5]) {
      await tamper('clients', client.id, (row) => ({ ...row, v: version }));
      expect(await refusal(() => v.db.clients.get(client.id)), `v ${version}`).toBe('record-corrupt');
    }
  });

  it('the schema version is in the associated data: a build that reads version 2 cannot open a relabelled version 1 row', async () => {
    const { client } = await seedProject(v.ctx);
    await tamper('clients', client.id, (row) => ({ ...row, v: 2 }));
    const reports: UnreadableRow[] = [];
    const future = new Dexie(v.name, idb);
    defineVaultSchema(future);
    future.use(encryptionMiddleware(v.keyRing, (r) => reports.push(r), { ...ENCRYPTED_TABLES, clients: { ...ENCRYPTED_TABLES.clients, version: 2 } }));
    await future.open();
    try {
      const error = await future
        .table('clients')
        .get(client.id)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VaultError);
      expect(error).toMatchObject({ code: 'record-corrupt', detail: expect.stringContaining('authentication failed') });
      expect(reports).toHaveLength(1);
    } finally {
      future.close();
    }
  });

  it('an older project row (schema 1) opens and is upgraded; relabelling it as another version still fails', async () => {
    const { project } = await seedProject(v.ctx);
    // Seal the stored project as a schema-1 build wrote it: same record, associated data with v 1.
    const v1 = { ...ENCRYPTED_TABLES.projects, version: 1 };
    const older = new Dexie(v.name, idb);
    defineVaultSchema(older);
    older.use(encryptionMiddleware(v.keyRing, () => {}, { ...ENCRYPTED_TABLES, projects: v1 }));
    await older.open();
    try {
      // The seeded project has none of the version-2 fields, as a version-1 build would have written it.
      await older.table('projects').put({ ...(await v.db.projects.get(project.id))! });
    } finally {
      older.close();
    }
    const raw = await v.raw();
    expect((await raw.table('projects').get(project.id)) as { v: number }).toMatchObject({ v: 1 });
    expect(await getProject(v.ctx, project.id)).toEqual(project);
    // Labelled 2 while sealed as 1: the associated data no longer matches.
    await tamper('projects', project.id, (row) => ({ ...row, v: 2 }));
    expect(await refusal(() => v.db.projects.get(project.id))).toBe('record-corrupt');
  });

  it('a project written now carries its terms and schema 2', async () => {
    const { project } = await seedProject(v.ctx);
    const terms = {
      successMetric: { name: 'F1', baseline: 0.62, target: 0.75, direction: 'higher' as const },
      dataRequirements: [{ item: 'Labelled assay images', format: 'PNG + CSV', minLabeled: 5000, deliveredOn: '2026-11-02' }],
      ipTerms: 'Client owns the trained model; we keep the generic pipeline code.',
      biasTesting: { included: true, note: 'Per-site performance gap under 5 points' },
    };
    const updated = await updateProject(v.ctx, project.id, terms);
    expect(updated).toMatchObject(terms);
    const raw = await v.raw();
    expect((await raw.table('projects').get(project.id)) as { v: number }).toMatchObject({ v: 2 });
  });

  it('an older expense row (schema 1) opens and is upgraded', async () => {
    const { project } = await seedProject(v.ctx);
    const expense = await createExpense(v.ctx, { projectId: project.id, date: '2026-11-12', amountMinor: 18_420, currency: 'EUR', category: 'software' });
    const older = new Dexie(v.name, idb);
    defineVaultSchema(older);
    older.use(encryptionMiddleware(v.keyRing, () => {}, { ...ENCRYPTED_TABLES, expenses: { ...ENCRYPTED_TABLES.expenses, version: 1 } }));
    await older.open();
    try {
      await older.table('expenses').put({ ...(await v.db.expenses.get(expense.id))! });
    } finally {
      older.close();
    }
    const raw = await v.raw();
    expect((await raw.table('expenses').get(expense.id)) as { v: number }).toMatchObject({ v: 1 });
    expect(await getExpense(v.ctx, expense.id)).toEqual(expense);
  });
});
