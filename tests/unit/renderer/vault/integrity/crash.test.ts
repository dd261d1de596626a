/**
 * A crash at each point of the write path raises no alarm: whatever the disk holds when the
 * process dies (the write not yet committed, committed but not yet sealed, sealed), the last seal
 * main received accepts it. And what a crash cannot explain is still found.
 */
import { Dexie } from 'dexie';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientInput, idb } from '../../../support/store-helpers.ts';
import { IntegrityTracker } from '../../../../../src-renderer/vault/integrity/tracker.ts';
import { defineVaultSchema } from '../../../../../src-renderer/vault/store/open-store.ts';
import { getSodium, readySodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { createClient, updateClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { sameDigest } from '../../../../../src-renderer/vault/integrity/digest.ts';
import { readSeal, type Seal } from '../../../../../src-renderer/vault/integrity/seal.ts';
import { checkStore } from '../../../../../src-renderer/vault/integrity/verify.ts';
import { vaultDbName, type Workspace } from '../../../../../src-renderer/vault/session/workspace.ts';
import { integrityVault, settle, type IntegrityVault } from './integrity-helpers.ts';

let v: IntegrityVault;
beforeAll(async () => {
  await getSodium();
});
afterEach(async () => {
  await v.dispose();
});

type Snapshot = Record<string, unknown[]>;

async function snapshot(): Promise<Snapshot> {
  const db = await v.raw();
  const out: Snapshot = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  db.close();
  return out;
}

/** Puts the files back as they were at `snap` (the disk a crash left). */
async function restore(snap: Snapshot): Promise<void> {
  const db = await v.raw();
  await db.transaction('rw', db.tables, async () => {
    for (const t of db.tables) {
      await t.clear();
      await t.bulkPut(snap[t.name]!);
    }
  });
  db.close();
}

/** The seals main received while `run` ran, in order. */
async function sealsDuring(w: Workspace, run: () => Promise<unknown>): Promise<{ text: string; seal: Seal }[]> {
  const from = v.main.written.length;
  await run().catch(() => undefined);
  await settle();
  const key = w.keyRing.integrityKey();
  return v.main.written.slice(from).map((text) => {
    const read = readSeal(readySodium(), key, v.session.vaultId, text);
    if (!read.ok) throw new Error(read.problem);
    return { text, seal: read.seal };
  });
}

/** Unlocks with main holding `mainText` and the meta store `metaText`, the disk as `disk`. */
async function unlockAfterCrash(disk: Snapshot, mainText: string, metaText: string | null) {
  await restore(disk);
  v.main.text = mainText;
  v.meta.text = metaText;
  return (await v.open()).integrity;
}

describe('a crash in the write path raises no false alarm', () => {
  it('at every point of one write: before its requests, between them, after commit, after the seal', async () => {
    v = integrityVault();
    const w = await v.open();
    const client = await createClient(w.ctx, clientInput());
    await settle();
    const metaBefore = v.meta.text;
    const mainBefore = v.main.text!;
    const before = await snapshot();
    const seals = await sealsDuring(w, () => updateClient(w.ctx, client.id, { name: 'Renamed' }));
    const after = await snapshot();
    w.close();

    // One seal before each request (the record, its change log entry), then the committed one.
    expect(seals.map((s) => s.seal.tables.get('clients')!.length)).toEqual([2, 2, 1]);
    expect(seals.map((s) => s.seal.tables.get('changes')!.length)).toEqual([1, 2, 1]);
    const [first, second, committed] = seals as [(typeof seals)[0], (typeof seals)[0], (typeof seals)[0]];

    // Died before the first request: old disk, old seal.
    expect(await unlockAfterCrash(before, mainBefore, metaBefore)).toMatchObject({ kind: 'ok' });
    // Died after a seal went to main, before the commit: old disk.
    expect(await unlockAfterCrash(before, first.text, metaBefore)).toMatchObject({ kind: 'ok' });
    expect(await unlockAfterCrash(before, second.text, metaBefore)).toMatchObject({ kind: 'ok' });
    // Committed, not yet sealed as committed: new disk, the in-flight seal names it.
    expect(await unlockAfterCrash(after, second.text, metaBefore)).toMatchObject({ kind: 'ok' });
    // Sealed: main and the meta store agree.
    expect(await unlockAfterCrash(after, committed.text, committed.text)).toMatchObject({ kind: 'ok' });
    // Main lost its newest file write (its own crash), the meta store has it: the newer seal wins.
    expect(await unlockAfterCrash(after, mainBefore, committed.text)).toMatchObject({ kind: 'ok' });

    // What no crash explains is still found: the committed seal with the old disk.
    expect(await unlockAfterCrash(before, committed.text, committed.text)).toMatchObject({
      kind: 'rolled-back',
      findings: [{ table: 'changes' }, { table: 'clients' }],
    });
  });

  it('a transaction that aborts changes nothing: its seals accept the disk as it stays', async () => {
    v = integrityVault();
    const w = await v.open();
    const client = await createClient(w.ctx, clientInput());
    await settle();
    const disk = await snapshot();
    const seals = await sealsDuring(w, () =>
      w.ctx.db.transaction('rw', ['clients', 'changes'], async () => {
        await updateClient(w.ctx, client.id, { name: 'Never stored' });
        throw new Error('abort');
      }),
    );
    // Two in flight (record, change log entry), one after the abort with the old state committed.
    expect(seals).toHaveLength(3);
    const scanned = await scanNow(w);
    for (const { seal } of seals) expect(checkStore(scanned, seal)).toMatchObject({ kind: 'ok' });
    for (const { text } of seals) expect(await unlockAfterCrash(disk, text, null)).toMatchObject({ kind: 'ok' });
  });

  it('an add refused for an existing key (caught in its transaction) is not counted', async () => {
    v = integrityVault();
    const w = await v.open();
    const client = await createClient(w.ctx, clientInput());
    const stored = await w.ctx.db.clientKeys.get(client.id);
    await w.ctx.db.transaction('rw', ['clientKeys'], async () => {
      await w.ctx.db.clientKeys
        .bulkAdd([
          { clientId: client.id, wrapped: new Uint8Array(73) },
          { clientId: 'other', wrapped: stored!.wrapped },
        ])
        .catch(() => undefined);
    });
    await settle();
    expect(await w.ctx.db.clientKeys.count()).toBe(2);
    expect((await v.open()).integrity).toMatchObject({ kind: 'ok' });
  });

  it('two writes in flight on one table, the second dying after the first committed: accepted', async () => {
    v = integrityVault();
    const w = await v.open();
    await createClient(w.ctx, clientInput());
    await settle();
    const parse = (text: string) => {
      const read = readSeal(readySodium(), w.keyRing.integrityKey(), v.session.vaultId, text);
      if (!read.ok) throw new Error(read.problem);
      return read.seal;
    };
    const baseCommitted = parse(v.main.text!).tables.get('settings')![0]!;
    const from = v.main.written.length;
    // Both start at once, below the repositories (no read first), so the second's request is sealed
    // while the first is still in flight; IndexedDB runs them one after the other. The second then
    // dies (aborts): the disk keeps the first.
    const { db } = w.ctx;
    const setting = (id: string) => ({ id, value: id, hlc: '0'.repeat(32) }) as never;
    await Promise.all([
      db.transaction('rw', ['settings'], () => db.settings.put(setting('one'))),
      db
        .transaction('rw', ['settings'], async () => {
          await db.settings.put(setting('two'));
          throw new Error('dies');
        })
        .catch(() => undefined),
    ]);
    await settle();
    const disk = await snapshot();
    const texts = v.main.written.slice(from);
    // The first seal whose committed state moved is the first one made after the first commit.
    // Truly in flight together: a seal named the committed state and both writes.
    expect(Math.max(...texts.map((t) => parse(t).tables.get('settings')!.length))).toBe(3);
    const moved = texts.findIndex((t) => !sameDigest(parse(t).tables.get('settings')![0]!, baseCommitted));
    expect(moved).toBeGreaterThan(0);
    // A crash right before that seal reached main, or at any point after: the disk is accepted.
    for (const text of texts.slice(moved - 1)) expect(await unlockAfterCrash(disk, text, null)).toMatchObject({ kind: 'ok' });
  });
});

/** The digests of the disk as it is, through a fresh scan. */
async function scanNow(w: Workspace) {
  const tracker = new IntegrityTracker(readySodium(), w.keyRing.integrityKey(), v.session.vaultId);
  const db = new Dexie(vaultDbName(v.session.vaultId), idb);
  defineVaultSchema(db);
  db.use(tracker.middleware());
  await db.open();
  const scanned = await tracker.scan(db);
  db.close();
  return scanned;
}
