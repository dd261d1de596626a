/** Every write appends its field-level changes, under one new HLC, to the right partition. */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { compare, decode } from '../../../../../src-renderer/sync/hlc/hlc.ts';
import { createClient, removeClient, updateClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { createTimeBlocks } from '../../../../../src-renderer/vault/repos/time-blocks.ts';
import { removeSetting, setSetting } from '../../../../../src-renderer/vault/repos/settings.ts';
import { readChanges } from '../../../../../src-renderer/vault/repos/change-log.ts';
import type { ChangeEntry } from '../../../../../src-renderer/vault/store/rows.ts';
import { clientInput, openTestVault, repoErrorCode, seedProject, T0, type TestVault } from '../../../support/store-helpers.ts';

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

function expectIncreasingHlcs(entries: readonly ChangeEntry[]): void {
  for (const entry of entries) for (const change of entry.changes) expect(change.hlc).toBe(entry.hlc);
  for (let i = 1; i < entries.length; i++) expect(compare(decode(entries[i - 1]!.hlc), decode(entries[i]!.hlc))).toBe(-1);
}

describe('change log', () => {
  it('create logs every field, update only the changed ones, delete a tombstone', async () => {
    const client = await createClient(v.ctx, clientInput({ company: 'Acme Holding', contact: { phone: '+49 30 1234' } }));
    const updated = await updateClient(v.ctx, client.id, { notes: 'prefers calls', company: undefined });
    await removeClient(v.ctx, client.id);

    const entries = await readChanges(v.db, `client:${client.id}`);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expectIncreasingHlcs(entries);
    const [create, update, remove] = entries as [ChangeEntry, ChangeEntry, ChangeEntry];

    const created = Object.fromEntries(create.changes.map((c) => [c.op === 'set' ? c.field : '?', c.op === 'set' ? c.value : undefined]));
    expect(created).toEqual(client);
    expect(create.changes.every((c) => c.op === 'set' && c.table === 'clients' && c.id === client.id)).toBe(true);

    expect(update.changes).toEqual([
      { op: 'set', table: 'clients', id: client.id, field: 'notes', value: 'prefers calls', hlc: update.hlc },
      { op: 'set', table: 'clients', id: client.id, field: 'updatedAt', value: updated.updatedAt, hlc: update.hlc },
      { op: 'unset', table: 'clients', id: client.id, field: 'company', hlc: update.hlc },
    ]);
    expect(remove.changes).toEqual([{ op: 'delete', table: 'clients', id: client.id, hlc: remove.hlc }]);
  });

  it('partitions: client-owned rows under client:<id>, settings under workspace', async () => {
    const { client, project } = await seedProject(v.ctx);
    const other = await createClient(v.ctx, clientInput({ name: 'Other' }));
    await setSetting(v.ctx, 'theme', 'dark');
    await setSetting(v.ctx, 'theme', 'light');
    await removeSetting(v.ctx, 'theme');

    const mine = await readChanges(v.db, `client:${client.id}`);
    expect(mine.map((e) => e.changes[0]!.table)).toEqual(['clients', 'projects']);
    expect(mine[1]!.changes.find((c) => c.op === 'set' && c.field === 'clientId')).toMatchObject({ value: client.id, id: project.id });
    expect((await readChanges(v.db, `client:${other.id}`)).map((e) => e.changes[0]!.table)).toEqual(['clients']);
    const workspace = await readChanges(v.db, 'workspace');
    expect(workspace.map((e) => e.changes.map((c) => `${c.op}:${'field' in c ? c.field : ''}`))).toEqual([['set:id', 'set:value'], ['set:value'], ['delete:']]);
    // Reading after a position returns only later entries; all partitions share one sequence.
    const all = [...mine, ...(await readChanges(v.db, `client:${other.id}`)), ...workspace].sort((a, b) => a.seq - b.seq);
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expectIncreasingHlcs(all);
    expect(await readChanges(v.db, 'workspace', workspace[0]!.seq)).toEqual(workspace.slice(1));
  });

  it('a bulk write logs one entry per record, each with its own HLC', async () => {
    const { client, project } = await seedProject(v.ctx);
    const input = (i: number) => ({
      projectId: project.id,
      start: T0 + i * 60_000,
      end: T0 + (i + 1) * 60_000,
      zone: 'UTC',
      kind: 'shallow' as const,
      billable: false,
    });
    const created = await createTimeBlocks(v.ctx, [0, 1, 2].map(input));
    const entries = (await readChanges(v.db, `client:${client.id}`)).slice(2);
    expect(entries.map((e) => e.changes.find((c) => c.op === 'set' && c.field === 'id'))).toMatchObject(created.map((b) => ({ value: b.id })));
    expectIncreasingHlcs(entries);
  });

  it('a refused write logs nothing', async () => {
    const { client, project } = await seedProject(v.ctx);
    const count = await v.db.changes.count();
    const good = { projectId: project.id, start: T0, end: T0 + 60_000, zone: 'UTC', kind: 'deep' as const, billable: true, id: 'b-1' };
    await createTimeBlocks(v.ctx, [good]);
    // The second add fails inside the transaction, after the first row and the log were staged.
    expect(await repoErrorCode(() => createTimeBlocks(v.ctx, [{ ...good, id: 'b-2' }, good]))).toBe('already-exists');
    expect(await repoErrorCode(() => updateClient(v.ctx, client.id, { currency: 'nope' }))).toBe('invalid-input');
    expect(await v.db.changes.count()).toBe(count + 1);
    expect(await v.db.timeBlocks.count()).toBe(1);
  });

  it('concurrent writes get distinct, consecutive positions and increasing HLCs in log order', async () => {
    const { project } = await seedProject(v.ctx);
    const input = (i: number) => ({
      projectId: project.id,
      start: T0 + i * 60_000,
      end: T0 + (i + 1) * 60_000,
      zone: 'UTC',
      kind: 'deep' as const,
      billable: true,
    });
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => createTimeBlocks(v.ctx, [input(i)])),
      ...Array.from({ length: 5 }, (_, i) => createClient(v.ctx, clientInput({ name: `Client ${i}` }))),
      setSetting(v.ctx, 'theme', 'dark'),
    ]);
    const log = (await v.db.changes.toArray()).sort((a, b) => a.seq - b.seq);
    expect(log.map((e) => e.seq)).toEqual(Array.from({ length: log.length }, (_, i) => i + 1));
    expect(log).toHaveLength(2 + 10 + 5 + 1);
    expectIncreasingHlcs(log);
  });

  it('is encrypted at rest: a stored entry is seq, partition, v and ct only', async () => {
    await seedProject(v.ctx);
    const raw = await v.raw();
    for (const row of await raw.table('changes').toArray()) {
      expect(Object.keys(row).sort()).toEqual(['ct', 'partition', 'seq', 'v']);
      expect(new TextDecoder().decode(row.ct)).not.toContain('Acme');
    }
  });
});
