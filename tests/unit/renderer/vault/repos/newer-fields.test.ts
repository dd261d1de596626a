/**
 * Fields a newer Caravan wrote to a record (kept beside it in the row's `newer`, docs/sync-merge.md
 * "Newer devices") survive every write this version makes to the record: a patch, and the whole
 * write of an issue. No screen sees them, and no change this version logs names them.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getSodium } from '../../../../../src-renderer/vault/crypto/sodium.ts';
import { readChanges } from '../../../../../src-renderer/vault/repos/change-log.ts';
import { createDraft, getInvoice, listInvoices, updateDraft, writeIssued } from '../../../../../src-renderer/vault/repos/invoices.ts';
import { openTestVault, seedProject, type TestVault } from '../../../support/store-helpers.ts';
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

const NEWER = { eInvoiceProfile: 'XRechnung 3.1', reminderPlan: [7, 14] };

describe('fields a newer Caravan wrote to an invoice', () => {
  it('stay through an edit of the draft and through the whole write of its issue, unseen and never logged', async () => {
    const { client } = await seedProject(v.ctx);
    const draft = await createDraft(v.ctx, draftInput(client.id));
    // As sync's apply stores a record a newer device wrote to (apply-remote.ts).
    const row = await v.db.invoices.get(draft.id);
    await v.db.invoices.put({ ...row!, newer: NEWER } as never);
    const logBefore = (await readChanges(v.db, `client:${client.id}`)).length;

    await updateDraft(v.ctx, draft.id, { note: 'Zürich', lines: [timeLine('l1', 2, 9_500)] });
    expect(((await v.db.invoices.get(draft.id)) as { newer?: unknown }).newer).toEqual(NEWER);
    expect(await getInvoice(v.ctx, draft.id)).not.toHaveProperty('newer');
    expect(await getInvoice(v.ctx, draft.id)).not.toHaveProperty('eInvoiceProfile');

    await writeIssued(v.ctx, draft.id, { number: 'RE-2026-0001', issuedAt: Date.UTC(2026, 10, 30, 9), pdfBase64: 'JVBERi0xLjc=', xml: '<Invoice/>' });
    expect(((await v.db.invoices.get(draft.id)) as { newer?: unknown }).newer).toEqual(NEWER);
    expect((await listInvoices(v.ctx))[0]).not.toHaveProperty('newer');
    const logged = (await readChanges(v.db, `client:${client.id}`)).slice(logBefore).flatMap((e) => e.changes);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.filter((c) => c.op !== 'delete' && (c.field in NEWER || c.field === 'newer'))).toEqual([]);
  });
});
