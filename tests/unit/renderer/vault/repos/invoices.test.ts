/** The invoice store: drafts change freely, issued documents never; erasure deletes them; a version 1 vault upgrades. */
import { Dexie } from 'dexie';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateKey } from '../../../../../src-renderer/vault/crypto/keys.ts';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { createClock, encode, newNodeId, tick } from '../../../../../src-renderer/sync/hlc/hlc.ts';
import { encryptionMiddleware } from '../../../../../src-renderer/vault/store/encryption-middleware.ts';
import { VaultKeyRing } from '../../../../../src-renderer/vault/store/key-ring.ts';
import { closeVaultStore, openVaultStore } from '../../../../../src-renderer/vault/store/open-store.ts';
import { STORE_VERSION, STORES_V1, type VaultDb } from '../../../../../src-renderer/vault/store/schema.ts';
import type { RepoContext } from '../../../../../src-renderer/vault/repos/context.ts';
import { createClient, eraseClient, getClient } from '../../../../../src-renderer/vault/repos/clients.ts';
import { createProject, listProjects } from '../../../../../src-renderer/vault/repos/projects.ts';
import { setSetting, getSetting } from '../../../../../src-renderer/vault/repos/settings.ts';
import { readChanges } from '../../../../../src-renderer/vault/repos/change-log.ts';
import { createDraft, deleteDraft, getInvoice, listInvoices, updateDraft, writeIssued } from '../../../../../src-renderer/vault/repos/invoices.ts';
import { countClientRows } from '../../../../../src-renderer/gdpr/client-records.ts';
import { clientInput, idb, openTestVault, repoErrorCode, seedProject, type TestVault } from '../../../support/store-helpers.ts';
import { draftInput, timeLine } from '../../../support/invoice-doc-fixtures.ts';

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

const ISSUED = { number: 'RE-2026-0001', issuedAt: Date.UTC(2026, 10, 30, 9), pdfBase64: 'JVBERi0xLjc=', xml: '<Invoice/>' };

describe('drafts', () => {
  it('are created for an existing client, edited, listed per client, and stored encrypted', async () => {
    const { client } = await seedProject(v.ctx, { name: 'Łódź Analytics' });
    const draft = await createDraft(v.ctx, draftInput(client.id));
    expect(draft).toMatchObject({ state: 'draft', clientId: client.id, kind: 'invoice' });
    expect(draft.number).toBeUndefined();
    const edited = await updateDraft(v.ctx, draft.id, { note: 'Zürich, Αθήνα', lines: [timeLine('l1', 3, 9_500)] });
    expect(edited.lines[0]?.netMinor).toBe(28_500);
    expect(await getInvoice(v.ctx, draft.id)).toEqual(edited);
    expect((await listInvoices(v.ctx, { clientId: client.id })).map((i) => i.id)).toEqual([draft.id]);
    expect(await listInvoices(v.ctx, { clientId: 'someone-else' })).toEqual([]);
    // On disk: only id and clientId beside the ciphertext; the buyer's name is nowhere in clear.
    const [row] = await (await v.raw()).table('invoices').toArray();
    expect(Object.keys(row as object).sort()).toEqual(['clientId', 'ct', 'id', 'v']);
    expect(JSON.stringify(row)).not.toContain('Łódź');
    // Logged in the client's partition, so sync carries it where the client's policy allows.
    const changes = await readChanges(v.db, `client:${client.id}`);
    expect(changes.some((e) => e.changes.some((c) => c.table === 'invoices' && c.id === draft.id))).toBe(true);
  });

  it('refuse an unknown client and an invalid document, writing nothing', async () => {
    expect(await repoErrorCode(() => createDraft(v.ctx, draftInput('no-such-client')))).toBe('parent-not-found');
    const { client } = await seedProject(v.ctx);
    expect(await repoErrorCode(() => createDraft(v.ctx, draftInput(client.id, { dueDate: '2026-11-01' })))).toBe('invalid-input');
    expect(await listInvoices(v.ctx)).toEqual([]);
  });

  it('are deleted with the document returned, and the delete can be undone under the same id', async () => {
    const { client } = await seedProject(v.ctx);
    const draft = await createDraft(v.ctx, draftInput(client.id));
    const deleted = await deleteDraft(v.ctx, draft.id);
    expect(deleted).toEqual(draft);
    expect(await listInvoices(v.ctx)).toEqual([]);
    const { id, state: _s, createdAt: _c, updatedAt: _u, ...rest } = deleted;
    const restored = await createDraft(v.ctx, { ...rest, id });
    expect(restored).toMatchObject({ id: draft.id, lines: draft.lines });
    // A live id is not taken over.
    expect(await repoErrorCode(() => createDraft(v.ctx, { ...rest, id }))).toBe('already-exists');
  });
});

describe('an issued document', () => {
  it('keeps its number, PDF and XML, and refuses every change in words', async () => {
    const { client } = await seedProject(v.ctx);
    const draft = await createDraft(v.ctx, draftInput(client.id));
    const issued = await writeIssued(v.ctx, draft.id, ISSUED);
    expect(issued).toMatchObject({ state: 'issued', ...ISSUED });
    for (const change of [
      () => updateDraft(v.ctx, draft.id, { note: 'changed' }),
      () => deleteDraft(v.ctx, draft.id),
      () => writeIssued(v.ctx, draft.id, { ...ISSUED, number: 'RE-2026-0002' }),
    ]) {
      expect(await repoErrorCode(change)).toBe('immutable');
    }
    await expect(updateDraft(v.ctx, draft.id, { note: 'x' })).rejects.toThrow(
      'Invoice RE-2026-0001 is issued and cannot be changed: an issued document never changes. To correct it, void it with a credit note and issue a new invoice.',
    );
    expect(await getInvoice(v.ctx, draft.id)).toEqual(issued);
  });
});

describe('erasing a client', () => {
  it('deletes its invoice documents with everything else, and the receipt counts them', async () => {
    const { client } = await seedProject(v.ctx);
    const other = await seedProject(v.ctx, { name: 'Zürich AG' });
    await createDraft(v.ctx, draftInput(client.id));
    const keep = await createDraft(v.ctx, draftInput(other.client.id));
    expect((await countClientRows(v.ctx, client.id)).invoices).toBe(1);
    await eraseClient(v.ctx, client.id);
    const raw = await v.raw();
    expect(await raw.table('invoices').where('clientId').equals(client.id).count()).toBe(0);
    expect((await listInvoices(v.ctx)).map((i) => i.id)).toEqual([keep.id]);
  });
});

describe('a version 1 vault', () => {
  it('opens at the current version (3: version 2 added invoices) with its data, and takes invoice documents', async () => {
    const name = `vault-v1-${crypto.randomUUID()}`;
    const keyRing = await VaultKeyRing.create(generateKey(), 'vault-1');
    // Written by the version 1 schema, exactly as an older Caravan left it.
    const old = new Dexie(name, idb);
    old.version(1).stores(STORES_V1);
    old.use(encryptionMiddleware(keyRing, () => undefined));
    await old.open();
    const clock = createClock(newNodeId(), () => Date.UTC(2026, 0, 1));
    let time = Date.UTC(2026, 0, 1);
    const ctxOf = (db: VaultDb): RepoContext => ({ db, keyRing, clock: { next: () => encode(tick(clock)) }, now: () => (time += 1_000) });
    const ctx1 = ctxOf(old as VaultDb);
    const client = await createClient(ctx1, clientInput({ name: 'Αθήνα Labs' }));
    await createProject(ctx1, { clientId: client.id, name: 'Relaunch', status: 'active' });
    await setSetting(ctx1, 'invoice/abc', { kept: true });
    expect(old.verno).toBe(1);
    old.close();

    const db = await openVaultStore(name, keyRing, { ...idb, onUnreadable: () => undefined });
    try {
      expect(STORE_VERSION).toBe(3);
      expect(db.verno).toBe(STORE_VERSION);
      await keyRing.loadClientKeys(db);
      const ctx = ctxOf(db);
      expect((await getClient(ctx, client.id)).name).toBe('Αθήνα Labs');
      expect((await listProjects(ctx, { clientId: client.id })).map((p) => p.name)).toEqual(['Relaunch']);
      expect(await getSetting(ctx, 'invoice/abc')).toEqual({ kept: true });
      const draft = await createDraft(ctx, draftInput(client.id));
      expect((await listInvoices(ctx)).map((i) => i.id)).toEqual([draft.id]);
    } finally {
      closeVaultStore(db);
      await new Dexie(name, idb).delete();
    }
  });
});
