/**
 * Rollback on disk, as an attacker with write access to the files would do it (through a Dexie
 * without the middleware, between two unlocks): each is found at the next unlock, with the table
 * and how many rows, and the records stay readable.
 */
import { type Dexie } from 'dexie';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientInput, idb } from '../../../support/store-helpers.ts';
import { newNodeId } from '../../../../../src-renderer/sync/hlc/hlc.ts';
import { openWorkspace } from '../../../../../src-renderer/vault/session/workspace.ts';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { createClient, getClient, listClients, updateClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { createProject } from '../../../../../src-renderer/vault/repos/projects.ts';
import { createTimeBlock } from '../../../../../src-renderer/vault/repos/time-blocks.ts';
import { integrityMessage } from '../../../../../src-renderer/vault/integrity/report-words.ts';
import { integrityVault, settle, type IntegrityVault } from './integrity-helpers.ts';

let v: IntegrityVault;
beforeAll(async () => {
  await getSodium();
});
afterEach(async () => {
  await v.dispose();
});

const T0 = Date.UTC(2025, 5, 15, 12);

/** A client, a project and `blocks` time blocks, then the vault locked. */
async function seeded(blocks = 3) {
  v = integrityVault();
  const w = await v.open();
  expect(w.integrity).toEqual({ kind: 'first', unusable: [] });
  const client = await createClient(w.ctx, clientInput({ name: 'Nordwind AG' }));
  const project = await createProject(w.ctx, { clientId: client.id, name: 'Relaunch', status: 'active' });
  for (let i = 0; i < blocks; i++) {
    await createTimeBlock(w.ctx, {
      projectId: project.id,
      start: T0 + i * 3_600_000,
      end: T0 + i * 3_600_000 + 1_800_000,
      zone: 'UTC',
      kind: 'deep',
      billable: true,
    });
  }
  await settle();
  return { client, project };
}

async function raw(run: (db: Dexie) => Promise<unknown>): Promise<void> {
  const db = await v.raw();
  await run(db);
  db.close();
}

describe('rollback on disk is found at unlock', () => {
  it('an unchanged store unlocks clean, again and again', async () => {
    await seeded();
    for (let i = 0; i < 3; i++) expect((await v.open()).integrity).toMatchObject({ kind: 'ok' });
    expect(v.errors).toEqual([]);
  });

  it('a row put back to an older ciphertext: that table, older copies; the record still opens', async () => {
    const { client } = await seeded();
    let old: unknown;
    await raw(async (db) => (old = await db.table('clients').get(client.id)));
    const w = await v.open();
    await updateClient(w.ctx, client.id, { name: 'Nordwind Holding AG' });
    await settle();
    w.close();
    await raw((db) => db.table('clients').put(old));

    const after = await v.open();
    expect(after.integrity).toMatchObject({ kind: 'rolled-back', findings: [{ table: 'clients', missing: 0, extra: 0, changed: true }] });
    expect((await getClient(after.ctx, client.id)).name).toBe('Nordwind AG');
    expect(integrityMessage(after.integrity!)?.lines).toEqual(['clients: older copies put back in place of newer ones']);
  });

  it('a row deleted: one missing, in its table', async () => {
    const { client } = await seeded();
    await raw(async (db) => {
      const first = (await db.table('timeBlocks').where('clientId').equals(client.id).primaryKeys())[0];
      await db.table('timeBlocks').delete(first!);
    });
    const w = await v.open();
    expect(w.integrity).toMatchObject({ kind: 'rolled-back', findings: [{ table: 'timeBlocks', missing: 1 }] });
    expect(integrityMessage(w.integrity!)?.lines).toEqual(['1 time block missing']);
  });

  it('a whole table cleared: every row of it missing', async () => {
    await seeded(5);
    await raw((db) => db.table('timeBlocks').clear());
    const w = await v.open();
    expect(w.integrity).toMatchObject({ kind: 'rolled-back', findings: [{ table: 'timeBlocks', missing: 5 }] });
  });

  it('the change log cut: its newest entries missing', async () => {
    await seeded();
    await raw(async (db) => {
      const keys = await db.table('changes').orderBy('seq').reverse().limit(2).primaryKeys();
      await db.table('changes').bulkDelete(keys);
    });
    const w = await v.open();
    expect(w.integrity).toMatchObject({ kind: 'rolled-back', findings: [{ table: 'changes', missing: 2 }] });
    expect(integrityMessage(w.integrity!)?.lines).toEqual(['2 change history entries missing']);
  });

  it('a deleted row put back: one extra', async () => {
    const { client } = await seeded();
    const w = await v.open();
    const second = await createClient(w.ctx, clientInput({ name: 'Second' }));
    let copy: unknown;
    await raw(async (db) => (copy = await db.table('clients').get(second.id)));
    await w.ctx.db.clients.delete(second.id);
    await settle();
    w.close();
    await raw((db) => db.table('clients').put(copy));
    expect((await v.open()).integrity).toMatchObject({ kind: 'rolled-back', findings: [{ table: 'clients', extra: 1 }] });
    void client;
  });

  it('the whole database files put back to an older copy (here: two tables at once), all listed', async () => {
    const { client } = await seeded(2);
    let snapshot: Record<string, unknown[]> = {};
    await raw(async (db) => {
      for (const t of db.tables) snapshot[t.name] = await t.toArray();
    });
    const w = await v.open();
    await updateClient(w.ctx, client.id, { name: 'Renamed' });
    await settle();
    w.close();
    await raw(async (db) => {
      await db.transaction('rw', db.tables, async () => {
        for (const t of db.tables) {
          await t.clear();
          await t.bulkPut(snapshot[t.name]!);
        }
      });
    });
    snapshot = {};
    const after = await v.open();
    expect(after.integrity).toMatchObject({
      kind: 'rolled-back',
      findings: [
        { table: 'changes', missing: 1 },
        { table: 'clients', changed: true },
      ],
    });
    expect(await listClients(after.ctx)).toHaveLength(1);
  });

  it('found once: the store as found becomes the baseline, so the next unlock is clean', async () => {
    await seeded();
    await raw((db) => db.table('timeBlocks').clear());
    expect((await v.open()).integrity?.kind).toBe('rolled-back');
    await settle();
    expect((await v.open()).integrity?.kind).toBe('ok');
  });
});

describe('the seal itself', () => {
  it('a vault written before this check existed (no seal anywhere) is sealed at its first unlock, then checked', async () => {
    v = integrityVault();
    const before = await openWorkspace({ ...v.session, vaultKey: v.session.vaultKey.slice() }, { nodeId: newNodeId(), ...idb });
    await createClient(before.ctx, clientInput());
    expect(before.integrity).toBeNull();
    before.close();
    expect((await v.open()).integrity).toEqual({ kind: 'first', unusable: [] });
    await settle();
    expect((await v.open()).integrity).toMatchObject({ kind: 'ok' });
    await raw((db) => db.table('clients').clear());
    expect((await v.open()).integrity).toMatchObject({ kind: 'rolled-back', findings: [{ table: 'clients', missing: 1 }] });
  });

  it('main keeps the newer seal: a rollback of IndexedDB (meta store included) does not hide it', async () => {
    await seeded();
    const metaBefore = v.meta.text;
    await raw((db) => db.table('timeBlocks').clear());
    v.meta.text = metaBefore; // the meta store rolled back with the vault: the same (older) seal
    expect((await v.open()).integrity?.kind).toBe('rolled-back');
  });

  it('a seal that does not verify is not used; with no other, the unlock says it could not check', async () => {
    await seeded();
    const forged = JSON.parse(v.main.text!) as { tables: Record<string, [number, string][]> };
    forged.tables['timeBlocks'] = [[0, '0'.repeat(64)]];
    v.main.text = JSON.stringify(forged);
    v.meta.text = 'not a seal';
    expect((await v.open()).integrity).toEqual({ kind: 'first', unusable: ['mac', 'malformed'] });
  });

  it("another vault's seal is refused as such", async () => {
    await seeded();
    const other = integrityVault();
    const w = await other.open();
    w.close();
    v.main.text = other.main.text;
    v.meta.text = null;
    expect((await v.open()).integrity).toEqual({ kind: 'first', unusable: ['other-vault'] });
    await other.dispose();
  });

  it('main refuses seals until its guard holds the vault; the newest is handed over then, and a later rollback is found', async () => {
    v = integrityVault();
    v.main.refusing = true;
    const w = await v.open();
    const client = await createClient(w.ctx, clientInput());
    await settle();
    expect(v.main.text).toBeNull();
    v.main.refusing = false;
    w.resendSeal();
    await settle();
    expect(v.main.text).toBe(v.meta.text);
    const metaBefore = v.meta.text;
    await updateClient(w.ctx, client.id, { name: 'Later' });
    await settle();
    w.close();
    v.meta.text = metaBefore; // rolled back with IndexedDB
    await raw((db) => db.table('clients').clear());
    expect((await v.open()).integrity).toMatchObject({ kind: 'rolled-back', findings: [{ table: 'clients', missing: 1 }] });
  });

  it('the seal holds counts and keyed digests only: no id, no ciphertext', async () => {
    const { client } = await seeded();
    expect(v.main.text).not.toContain(client.id);
    expect(v.main.text!.length).toBeLessThan(4096);
  });
});
